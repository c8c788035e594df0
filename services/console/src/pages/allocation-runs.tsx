import { Anchor, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useApiMutation } from '../api/hooks';
import { api, type Page } from '../api/session';
import { useSession } from '../api/use-session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';
import { errorsOf, Refusal, ScrollTable, StatusBadge, StatusFilter, useUrlFilters } from './parts';

export const RUN_STATUSES = ['queued', 'running', 'awaiting_approval', 'offers_proposed', 'rejected', 'failed'] as const;

export interface RunSummary {
  id: string;
  version: number;
  status: string;
  mode: 'priority' | 'optimal';
  progress: number;
  phase: string | null;
  districtLimit: number | null;
  counts: { units: number | null; households: number | null; eligiblePairs: number | null; proposals: number | null };
  totalScore: number | null;
  certificateValid: boolean | null;
  frontierRequested: boolean;
  requestedBy: { id: string; role: string };
  decidedBy: { id: string; role: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  error: string | null;
  completedAt: string | null;
  createdAt: string;
}

/** Queued or running: the screen follows it until it is solved (the event stream also tells staff). */
export const inProgress = (status: string) => status === 'queued' || status === 'running';

export function RunProgress({ run }: { run: Pick<RunSummary, 'progress' | 'phase' | 'status'> }) {
  const { t } = useTranslation();
  const label = t('runs.progressOf', { percent: run.progress, phase: t(`runs.phase.${(run.phase ?? 'queued').replace(/ /g, '_')}`, { defaultValue: run.phase ?? '' }) });
  return (
    <Stack gap={2}>
      <Progress value={run.progress} aria-label={label} color={run.status === 'failed' ? 'red' : undefined} />
      <Text size="xs">{label}</Text>
    </Stack>
  );
}

function StartRun() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'priority' | 'optimal'>('optimal');
  const [districtLimit, setDistrictLimit] = useState<number | string>('');
  const [frontier, setFrontier] = useState(false);
  const start = useApiMutation<Record<string, unknown>, RunSummary>((body) => ({ path: '/matching/allocation-runs', body }));
  const error = errorsOf(start.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { mode, units: 'all' };
    if (districtLimit !== '') body.districtLimit = Number(districtLimit);
    if (frontier) body.frontier = true;
    start.mutate(body, { onSuccess: (run) => navigate(`/allocation-runs/${run.id}`) });
  };
  return (
    <Card withBorder component="section" aria-labelledby="start-run">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} size="h4" id="start-run">
            {t('runs.start')}
          </Title>
          <Text size="sm">{t('runs.startHelp')}</Text>
          <div className="grid-2">
            <NativeSelect
              label={t('runs.mode')}
              name="mode"
              value={mode}
              onChange={(e) => setMode(e.currentTarget.value as 'priority' | 'optimal')}
              data={['optimal', 'priority'].map((m) => ({ value: m, label: t(`runs.modes.${m}`) }))}
              description={t(`runs.modeHelp.${mode}`)}
              error={error('mode')}
            />
            <NumberInput label={t('runs.districtLimit')} name="districtLimit" description={t('runs.districtLimitHelp')} min={1} value={districtLimit} onChange={setDistrictLimit} error={error('districtLimit')} />
          </div>
          <Checkbox label={t('runs.frontier')} name="frontier" description={t('runs.frontierHelp')} checked={frontier} onChange={(e) => setFrontier(e.currentTarget.checked)} error={error('frontier')} aria-invalid={error('frontier') ? true : undefined} />
          <Refusal error={start.error} />
          <Group>
            <Button type="submit" loading={start.isPending}>
              {t('runs.startButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Allocation runs, newest first: start one, follow its progress, open it for its proposals, census and approval. */
export default function AllocationRunsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const filters = useUrlFilters(['status']);
  const path = `/matching/allocation-runs?${filters.query({ limit: '50' })}`;
  // A run being solved is followed until it is done.
  const runs = useQuery({ queryKey: [path], queryFn: () => api<Page<RunSummary>>(path), refetchInterval: (query) => (query.state.data?.items.some((run) => inProgress(run.status)) ? 1_500 : false) });
  return (
    <Stack>
      <Title order={2}>{t('runs.title')}</Title>
      {/* Staff start runs; the board approves them (on a run's page). */}
      {session?.role === 'board_member' ? <Text size="sm">{t('runs.boardHelp')}</Text> : <StartRun />}
      <Group align="flex-end" role="search" aria-label={t('runs.filters')}>
        <StatusFilter group="runs" statuses={RUN_STATUSES} value={filters.value('status')} onChange={(status) => filters.set('status', status)} />
      </Group>
      <QueryState query={runs} empty={(p) => p.items.length === 0}>
        {({ items }) => (
            <ScrollTable minWidth={640} label={t('runs.title')}>
              <Table striped data-testid="runs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('runs.createdAt')}</Table.Th>
                    <Table.Th>{t('runs.mode')}</Table.Th>
                    <Table.Th>{t('runs.status')}</Table.Th>
                    <Table.Th>{t('runs.progress')}</Table.Th>
                    <Table.Th>{t('runs.proposals')}</Table.Th>
                    <Table.Th>{t('runs.certificate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((run) => (
                    <Table.Tr key={run.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/allocation-runs/${run.id}`}>
                          {format.dateTime(run.createdAt)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t(`runs.modes.${run.mode}`)}</Table.Td>
                      <Table.Td>
                        <StatusBadge group="runs.statuses" status={run.status} />
                      </Table.Td>
                      <Table.Td miw={140}>
                        <RunProgress run={run} />
                      </Table.Td>
                      <Table.Td>{run.counts.proposals === null ? '—' : format.number(run.counts.proposals)}</Table.Td>
                      <Table.Td>{run.certificateValid === null ? '—' : t(run.certificateValid ? 'runs.certificateValid' : 'runs.certificateInvalid')}</Table.Td>
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
