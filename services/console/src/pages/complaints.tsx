import { Anchor, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { useSession } from '../api/use-session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge } from './parts';

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
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams({ limit: '100' });
  for (const name of ['status', 'overdue']) if (params.get(name)) query.set(name, params.get(name)!);
  const complaints = useApi<Page<ComplaintItem>>(`/mediation/complaints?${query}`);
  return (
    <Stack>
      <Title order={2}>{t(session?.role === 'mediator' ? 'complaints.myCases' : 'complaints.title')}</Title>
      {session?.role === 'mediator' && <Text>{t('complaints.myCasesHelp')}</Text>}
      <Group align="flex-end" role="search" aria-label={t('complaints.filters')}>
        <NativeSelect
          label={t('complaints.status')}
          value={params.get('status') ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: t('complaints.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) }))]}
        />
        <Checkbox label={t('complaints.overdueOnly')} checked={params.get('overdue') === 'true'} onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : undefined)} />
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
