import { Anchor, Group, NativeSelect, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge } from './parts';

export interface Landlord {
  id: string;
  version: number;
  kind: 'individual' | 'company';
  name: string | null;
  companyNumber: string | null;
  contact: { email: string; phone: string | null; postalAddress: string | null } | null;
  preferredLanguage: string;
  bankAccount: string | null;
  status: string;
  statusReason: string | null;
  createdAt: string;
}

const STATUSES = ['prospect', 'active', 'suspended', 'offboarded'];

/** The agency's landlords, filtered by status and name. */
export default function LandlordsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams({ limit: '100' });
  for (const name of ['status', 'search']) if (params.get(name)) query.set(name, params.get(name)!);
  const landlords = useApi<Page<Landlord>>(`/landlords/landlords?${query}`);
  return (
    <Stack>
      <Title order={2}>{t('landlords.title')}</Title>
      <Group align="flex-end" role="search" aria-label={t('landlords.filters')}>
        <NativeSelect
          label={t('landlords.status')}
          value={params.get('status') ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: t('landlords.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: t(`landlords.statuses.${s}`) }))]}
        />
        <TextInput label={t('landlords.search')} defaultValue={params.get('search') ?? ''} onBlur={(e) => set('search', e.currentTarget.value.trim())} />
      </Group>
      <QueryState query={landlords} empty={(p) => p.items.length === 0}>
        {(p) => (
          <ScrollTable minWidth={520} label={t('landlords.title')}>
            <Table striped data-testid="landlords">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('landlords.name')}</Table.Th>
                  <Table.Th>{t('landlords.kind')}</Table.Th>
                  <Table.Th>{t('landlords.status')}</Table.Th>
                  <Table.Th>{t('landlords.since')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/landlords/${l.id}`}>
                        {l.name ?? t('landlords.unnamed')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`landlords.kinds.${l.kind}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="landlords.statuses" status={l.status} />
                    </Table.Td>
                    <Table.Td>{format.date(l.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </QueryState>
    </Stack>
  );
}
