import { Anchor, Badge, Checkbox, Group, NativeSelect, NumberInput, Pagination, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { UNIT_STATUSES } from './staff-dashboard';
import type { Unit } from './types';

const PAGE_SIZE = 20;

export function UnitStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'available' ? 'green' : status === 'pending_inspection' ? 'orange' : status === 'withdrawn' ? 'red' : 'blue';
  return (
    <Badge variant="light" color={color} data-testid="unit-status">
      {t(`unitStatus.${status}`)}
    </Badge>
  );
}

/** Flats with their status, filtered by status, district, bedrooms, accessibility and rent; the filters live in the address. */
export function UnitsTable({ units, linkTo }: { units: Unit[]; linkTo?: (unit: Unit) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="units">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('flat.address')}</Table.Th>
            <Table.Th>{t('flat.district')}</Table.Th>
            <Table.Th>{t('flat.bedrooms')}</Table.Th>
            <Table.Th>{t('flat.rent')}</Table.Th>
            <Table.Th>{t('flat.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.map((unit) => (
            <Table.Tr key={unit.id}>
              <Table.Td>
                {linkTo ? (
                  <Anchor component={Link} to={linkTo(unit)}>
                    {unit.address}, {unit.city}
                  </Anchor>
                ) : (
                  `${unit.address}, ${unit.city}`
                )}
              </Table.Td>
              <Table.Td>{unit.districtCode}</Table.Td>
              <Table.Td>{format.number(unit.bedrooms)}</Table.Td>
              <Table.Td>{format.money(unit.rent)}</Table.Td>
              <Table.Td>
                <UnitStatusBadge status={unit.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function FlatsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams();
  for (const name of ['status', 'districtCode', 'minBedrooms', 'maxRent', 'wheelchairAccessible']) if (params.get(name)) query.set(name, params.get(name)!);
  query.set('limit', String(PAGE_SIZE));
  query.set('offset', String((page - 1) * PAGE_SIZE));
  const units = useApi<Page<Unit>>(`/units/units?${query}`);
  return (
    <Stack>
      <Title order={2}>{t('flats.title')}</Title>
      <Group align="flex-end" role="search" aria-label={t('flats.filters')}>
        <NativeSelect
          label={t('flat.status')}
          value={params.get('status') ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: t('flats.anyStatus') }, ...UNIT_STATUSES.map((s) => ({ value: s, label: t(`unitStatus.${s}`) }))]}
        />
        <TextInput label={t('flat.district')} defaultValue={params.get('districtCode') ?? ''} onBlur={(e) => set('districtCode', e.currentTarget.value.trim())} />
        <NumberInput label={t('flats.minBedrooms')} min={0} max={10} value={params.get('minBedrooms') ?? ''} onChange={(v) => set('minBedrooms', v === '' ? undefined : String(v))} w={140} />
        <NumberInput label={t('flats.maxRent')} min={0} value={params.get('maxRent') ?? ''} onChange={(v) => set('maxRent', v === '' ? undefined : String(v))} w={140} />
        <Checkbox label={t('flat.wheelchairAccessible')} checked={params.get('wheelchairAccessible') === 'true'} onChange={(e) => set('wheelchairAccessible', e.currentTarget.checked ? 'true' : undefined)} />
      </Group>
      <QueryState query={units} empty={(p) => p.items.length === 0}>
        {(p) => (
          <>
            <UnitsTable units={p.items} linkTo={(unit) => `/flats/${unit.id}`} />
            {p.total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(p.total / PAGE_SIZE)}
                value={page}
                onChange={(n) => {
                  const next = new URLSearchParams(params);
                  next.set('page', String(n));
                  setParams(next);
                }}
                getControlProps={(control) => ({ 'aria-label': t(`flats.page.${control}`) })}
                getItemProps={(n) => ({ 'aria-label': t('flats.page.number', { page: n }) })}
              />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
