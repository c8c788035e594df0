import { Anchor, Card, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, StatusFilter, useCents, useUrlFilters } from './parts';

export interface Tenancy {
  id: string;
  version: number;
  status: string;
  unitId: string;
  householdId: string;
  reference: string;
  legalLandlord: string;
  rentCents: number;
  serviceChargesCents: number;
  benefitCents: number;
  householdShareCents: number;
  deposit: { kind: string; amountCents: number };
  startDate: string | null;
  endDate: string | null;
  signedOn: string | null;
  activatedOn: string | null;
  notice: { givenOn: string; givenBy: string; endsOn: string } | null;
  endedOn: string | null;
  balanceCents: number;
  arrears: { ageing: string; stage: string | null };
  paymentReference: string | null;
}

const STATUSES = ['draft', 'signed', 'active', 'ending', 'ended', 'cancelled'];

function ArrearsAgeing() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const report = useApi<{ buckets: { ageing: string; tenancies: number; balanceCents: number }[]; totalBalanceCents: number }>('/leases/reports/arrears-ageing');
  return (
    <Card withBorder component="section" aria-labelledby="arrears-ageing">
      <Title order={3} size="h4" id="arrears-ageing" mb="sm">
        {t('tenancies.arrearsAgeing')}
      </Title>
      <QueryState query={report}>
        {(r) => (
          <Table data-testid="arrears-ageing">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tenancies.ageing')}</Table.Th>
                <Table.Th>{t('tenancies.count')}</Table.Th>
                <Table.Th>{t('tenancies.balance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.buckets.map((b) => (
                <Table.Tr key={b.ageing}>
                  <Table.Td>{t(`tenancies.ageings.${b.ageing}`)}</Table.Td>
                  <Table.Td>{format.number(b.tenancies)}</Table.Td>
                  <Table.Td>{cents(b.balanceCents)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('tenancies.total')}</Table.Th>
                <Table.Td />
                <Table.Td>{cents(r.totalBalanceCents)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}

/** Tenancies with their balance and arrears, filtered by status; the arrears ageing report above them. */
export default function TenanciesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const filters = useUrlFilters(['status']);
  const tenancies = useApi<Page<Tenancy>>(`/leases/tenancies?${filters.query({ limit: '100' })}`);
  return (
    <Stack>
      <Title order={2}>{t('tenancies.title')}</Title>
      <ArrearsAgeing />
      <Group align="flex-end" role="search" aria-label={t('tenancies.filters')}>
        <StatusFilter group="tenancies" statuses={STATUSES} value={filters.value('status')} onChange={(status) => filters.set('status', status)} />
      </Group>
      <QueryState query={tenancies} empty={(p) => p.items.length === 0}>
        {(p) => (
          <ScrollTable minWidth={620} label={t('tenancies.title')}>
            <Table striped data-testid="tenancies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tenancies.reference')}</Table.Th>
                  <Table.Th>{t('tenancies.status')}</Table.Th>
                  <Table.Th>{t('tenancies.startDate')}</Table.Th>
                  <Table.Th>{t('tenancies.householdShare')}</Table.Th>
                  <Table.Th>{t('tenancies.balance')}</Table.Th>
                  <Table.Th>{t('tenancies.ageing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((tenancy) => (
                  <Table.Tr key={tenancy.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/tenancies/${tenancy.id}`}>
                        {tenancy.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge group="tenancies.statuses" status={tenancy.status} />
                    </Table.Td>
                    <Table.Td>{format.date(tenancy.startDate)}</Table.Td>
                    <Table.Td>{cents(tenancy.householdShareCents)}</Table.Td>
                    <Table.Td>{cents(tenancy.balanceCents)}</Table.Td>
                    <Table.Td>{t(`tenancies.ageings.${tenancy.arrears.ageing}`)}</Table.Td>
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
