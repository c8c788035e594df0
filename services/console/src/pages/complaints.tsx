import { Anchor, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { useSession } from '../api/use-session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, StatusFilter, useUrlFilters } from './parts';

interface ComplaintItem {
  id: string;
  category: string;
  intensity: string | null;
  stage: number;
  status: string;
  receivedOn: string;
  pendingDeadline: { kind: 'acknowledgement' | 'answer'; dueOn: string; state: string } | null;
}

const STATUSES = ['awaiting_acknowledgement', 'awaiting_answer', 'answered', 'withdrawn'];

/** Complaints with the deadline each waits on: every one for staff, "my cases" for a mediator (the API scopes the list). */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const filters = useUrlFilters(['status', 'overdue']);
  const complaints = useApi<Page<ComplaintItem>>(`/mediation/complaints?${filters.query({ limit: '100' })}`);
  return (
    <Stack>
      <Title order={2}>{t(session?.role === 'mediator' ? 'complaints.myCases' : 'complaints.title')}</Title>
      {session?.role === 'mediator' && <Text>{t('complaints.myCasesHelp')}</Text>}
      <Group align="flex-end" role="search" aria-label={t('complaints.filters')}>
        <StatusFilter group="complaints" statuses={STATUSES} value={filters.value('status')} onChange={(status) => filters.set('status', status)} />
        <Checkbox label={t('complaints.overdueOnly')} checked={filters.value('overdue') === 'true'} onChange={(e) => filters.set('overdue', e.currentTarget.checked ? 'true' : undefined)} />
      </Group>
      <QueryState query={complaints} empty={(p) => p.items.length === 0}>
        {(p) => (
          <ScrollTable minWidth={620} label={t('complaints.title')}>
            <Table striped data-testid="complaints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('complaints.receivedOn')}</Table.Th>
                  <Table.Th>{t('complaints.category')}</Table.Th>
                  <Table.Th>{t('complaints.intensity')}</Table.Th>
                  <Table.Th>{t('complaints.status')}</Table.Th>
                  <Table.Th>{t('complaints.deadline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/complaints/${c.id}`}>
                        {format.date(c.receivedOn)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`complaints.categories.${c.category}`)}</Table.Td>
                    <Table.Td>{c.intensity ? t(`complaints.intensities.${c.intensity}`) : '—'}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="complaints.statuses" status={c.status} />
                      {c.stage === 2 && <Text size="xs">{t('complaints.stageTwo')}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {c.pendingDeadline ? (
                        <Group gap={4}>
                          <Text size="sm">{t(`complaints.due.${c.pendingDeadline.kind}`, { when: format.date(c.pendingDeadline.dueOn) })}</Text>
                          <StatusBadge group="complaints.deadlineStates" status={c.pendingDeadline.state} />
                        </Group>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
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
