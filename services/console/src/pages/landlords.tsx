import { Anchor, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, StatusFilter, useUrlFilters } from './parts';

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
  const filters = useUrlFilters(['status', 'search']);
  const landlords = useApi<Page<Landlord>>(`/landlords/landlords?${filters.query({ limit: '100' })}`);
  return (
    <Stack>
      <Title order={2}>{t('landlords.title')}</Title>
      <Group align="flex-end" role="search" aria-label={t('landlords.filters')}>
        <StatusFilter group="landlords" statuses={STATUSES} value={filters.value('status')} onChange={(status) => filters.set('status', status)} />
        <TextInput label={t('landlords.search')} defaultValue={filters.value('search')} onBlur={(e) => filters.set('search', e.currentTarget.value.trim())} />
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
