import { Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, StatusFilter, useCents, useUrlFilters } from './parts';
import type { Unit } from './types';

/** What a landlord sees of a guarantee claim (the leases service leaves out the household's ledger and notices). Amounts in integer cents. */
interface Claim {
  id: string;
  unitId: string;
  kind: string;
  status: string;
  amountCents: number;
  openedOn: string;
  months: { month: string }[];
  submittedOn: string | null;
  decision: { decision: string; approvedCents: number | null; reasons: string[]; decidedOn: string } | null;
  paidOn: string | null;
}

const STATUSES = ['opened', 'submitted', 'approved', 'partly_approved', 'rejected', 'paid', 'recovering'];
const KINDS = ['arrears', 'damage', 'legal_costs', 'vacancy'];

/**
 * A landlord's guarantee claims, newest first (the leases service lists only the caller's own):
 * what is claimed, where it stands, what was approved and when it was paid.
 */
export default function ClaimsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const filters = useUrlFilters(['status', 'kind']);
  const claims = useApi<Page<Claim>>(`/leases/claims?${filters.query({ limit: '100' })}`);
  // The landlord's own flats, to name each claim's flat by its address.
  const units = useApi<Page<Unit>>('/units/units?limit=100');
  // The amounts come right after the claim itself: on a phone they are on screen, its status a scroll away.
  const address = (unitId: string) => {
    const unit = units.data?.items.find((u) => u.id === unitId);
    return unit ? `${unit.address}, ${unit.city}` : '—';
  };
  return (
    <Stack>
      <Title order={2}>{t('claims.title')}</Title>
      <Text size="sm">{t('claims.help')}</Text>
      <Group align="flex-end" role="search" aria-label={t('claims.filters')}>
        <StatusFilter group="claims" statuses={STATUSES} value={filters.value('status')} onChange={(status) => filters.set('status', status)} />
        <NativeSelect
          label={t('claims.kind')}
          value={filters.value('kind')}
          onChange={(e) => filters.set('kind', e.currentTarget.value)}
          data={[{ value: '', label: t('claims.anyKind') }, ...KINDS.map((kind) => ({ value: kind, label: t(`claims.kinds.${kind}`) }))]}
        />
      </Group>
      <QueryState query={claims} empty={(p) => p.items.length === 0}>
        {(p) => (
          <ScrollTable minWidth={600} label={t('claims.title')}>
            <Table striped data-testid="claims">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('claims.claim')}</Table.Th>
                  <Table.Th>{t('claims.claimed')}</Table.Th>
                  <Table.Th>{t('claims.approvedAmount')}</Table.Th>
                  <Table.Th>{t('claims.status')}</Table.Th>
                  <Table.Th>{t('claims.paidOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((claim) => (
                  <Table.Tr key={claim.id} data-testid="claim">
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {t(`claims.kinds.${claim.kind}`)}
                      </Text>
                      <Text size="xs">{address(claim.unitId)}</Text>
                      <Text size="xs">{t('claims.openedOn', { when: format.date(claim.openedOn) })}</Text>
                      {claim.months.length > 0 && <Text size="xs">{t('claims.months', { count: claim.months.length })}</Text>}
                    </Table.Td>
                    <Table.Td data-testid="claimed">{cents(claim.amountCents)}</Table.Td>
                    <Table.Td data-testid="approved">{claim.decision ? cents(claim.decision.approvedCents) : '—'}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="claims.statuses" status={claim.status} />
                      {claim.decision && <Text size="xs">{t('claims.decidedOn', { when: format.date(claim.decision.decidedOn) })}</Text>}
                      {claim.decision?.reasons.map((reason) => (
                        <Text size="xs" key={reason}>
                          {reason}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>{format.date(claim.paidOn)}</Table.Td>
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
