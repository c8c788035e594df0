import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { api } from '../api/session';
import { useSession } from '../api/use-session';
import { ErrorState, Loading, QueryState } from '../components/states';
import { useFormat } from '../format';
import { inProgress, RunProgress, type RunSummary } from './allocation-runs';
import { errorsOf, Refusal, ScrollTable, StatusBadge, Terms } from './parts';

interface RunView extends RunSummary {
  policy: { weights: Record<string, number>; maxPerBuilding: number | null; maxExtraBedrooms: number; maxPerDistrict: unknown };
  proposals: { unitId: string; reference: string; score: number; district: string; overDistrictLimit: boolean; outcome: string; skippedBecause: string | null }[];
  districtReport: { limit: number | null; districts: { district: string; proposals: number; overLimitBy: number }[] } | null;
  engineVersion: string;
  runDate: string | null;
}

interface Census {
  engineVersion: string;
  runDate: string | null;
  instance: { applicants?: unknown[]; units?: unknown[] };
  result: { totalScore?: number; assignments?: unknown[] } | null;
  certificate: unknown;
}

interface Verification {
  valid: boolean;
  checks: string[];
  errors: string[];
  runEngineVersion: string;
  verifiedWith: string;
  verifiedAt: string;
}

const solved = (status: string) => status === 'awaiting_approval' || status === 'offers_proposed' || status === 'rejected';

/** What the board's decision did to the proposals (from the run the API answered with). */
function DecisionResult({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = (outcome: string) => run.proposals.filter((p) => p.outcome === outcome).length;
  return (
    <Alert color={run.status === 'rejected' ? 'orange' : 'green'} role="status" data-testid="decision-result" title={t(run.status === 'rejected' ? 'runs.declined' : 'runs.approved')}>
      {run.status === 'offers_proposed' && (
        <Text size="sm">{t('runs.approvedCounts', { proposed: format.number(count('offer_proposed')), skipped: format.number(count('skipped')), excluded: format.number(count('excluded')) })}</Text>
      )}
    </Alert>
  );
}

/** A board member approves the run's proposals (each becomes a proposed offer) or declines them all, with a note kept with the run. */
function DecideRun({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const decide = useApiMutation<'approve' | 'reject', RunView>((decision) => ({
    path: `/matching/allocation-runs/${run.id}/${decision}`,
    body: { expectedVersion: run.version, ...(note.trim() ? { note: note.trim() } : {}) },
  }));
  const client = useQueryClient();
  const error = errorsOf(decide.error);
  // Refused (someone decided first, or the run changed): the page shows the run as it is now.
  const send = (decision: 'approve' | 'reject') => decide.mutate(decision, { onError: () => void client.invalidateQueries() });
  return (
    <Stack gap="sm" data-testid="decide-run">
      <Text size="sm">{t('runs.decideHelp')}</Text>
      <Textarea label={t('runs.decisionNote')} name="note" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={error('note')} autosize minRows={2} />
      <Refusal error={decide.error} />
      <Group>
        <Button onClick={() => send('approve')} loading={decide.isPending && decide.variables === 'approve'} disabled={decide.isPending}>
          {t('runs.approve')}
        </Button>
        <Button variant="outline" color="red" onClick={() => send('reject')} loading={decide.isPending && decide.variables === 'reject'} disabled={decide.isPending}>
          {t('runs.decline')}
        </Button>
      </Group>
    </Stack>
  );
}

function Approval({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const canDecide = session?.role === 'board_member' && run.status === 'awaiting_approval';
  return (
    <Card withBorder component="section" aria-labelledby="approval">
      <Title order={3} size="h4" id="approval" mb="sm">
        {t('runs.approval')}
      </Title>
      <Stack gap="sm">
        <Text data-testid="approval">
          {run.status === 'awaiting_approval'
            ? t('runs.awaitingBoard')
            : run.status === 'offers_proposed' && run.decidedBy
              ? t('runs.approvedBy', { role: t(`role.${run.decidedBy.role}`), when: format.dateTime(run.decidedAt) })
              : run.status === 'offers_proposed'
                ? t('runs.approvedWithout')
                : run.status === 'rejected'
                  ? t('runs.rejectedBy', { role: t(`role.${run.decidedBy?.role ?? 'board_member'}`), when: format.dateTime(run.decidedAt) })
                  : t('runs.notYetSolved')}
        </Text>
        {run.decisionNote && <Text size="sm">{t('runs.note', { note: run.decisionNote })}</Text>}
        {run.decidedBy && (run.status === 'offers_proposed' || run.status === 'rejected') && <DecisionResult run={run} />}
        {canDecide && <DecideRun run={run} />}
      </Stack>
    </Card>
  );
}

function CensusCard({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const census = useApi<Census>(solved(run.status) ? `/matching/allocation-runs/${run.id}/census` : undefined);
  const verify = useApiMutation<void, Verification>(() => ({ path: `/matching/allocation-runs/${run.id}/verify` }));
  return (
    <Card withBorder component="section" aria-labelledby="census">
      <Title order={3} size="h4" id="census" mb="sm">
        {t('runs.census')}
      </Title>
      {!solved(run.status) ? (
        <Text>{t('runs.noCensus')}</Text>
      ) : (
        <QueryState query={census}>
          {(c) => (
            <Stack gap="sm">
              <Terms
                items={[
                  [t('runs.engineVersion'), c.engineVersion],
                  [t('runs.runDate'), format.date(c.runDate)],
                  [t('runs.households'), format.number(c.instance.applicants?.length ?? 0)],
                  [t('runs.units'), format.number(c.instance.units?.length ?? 0)],
                  [t('runs.totalScore'), c.result?.totalScore === undefined ? '—' : format.number(c.result.totalScore, 2)],
                  [t('runs.certificate'), c.certificate ? t('runs.certificateStored') : t('runs.certificateNone')],
                ]}
              />
              <Text size="sm">{t('runs.censusHelp')}</Text>
              <div>
                <Button variant="outline" onClick={() => verify.mutate()} loading={verify.isPending}>
                  {t('runs.verify')}
                </Button>
              </div>
              <Refusal error={verify.error} />
              {verify.data && (
                <Alert color={verify.data.valid ? 'green' : 'red'} role="status" data-testid="verification" title={t(verify.data.valid ? 'runs.verifiedValid' : 'runs.verifiedInvalid')}>
                  <Text size="sm">{t('runs.verifiedWith', { count: verify.data.checks.length, engine: verify.data.verifiedWith, when: format.dateTime(verify.data.verifiedAt) })}</Text>
                  {verify.data.errors.length > 0 && (
                    <List size="sm">
                      {verify.data.errors.map((error) => (
                        <List.Item key={error}>{error}</List.Item>
                      ))}
                    </List>
                  )}
                </Alert>
              )}
            </Stack>
          )}
        </QueryState>
      )}
    </Card>
  );
}

/** One allocation run: its progress while solved, then its proposals, district report, census with the certificate check, and the board's decision. */
export default function AllocationRunPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { runId } = useParams();
  const path = `/matching/allocation-runs/${runId}`;
  const run = useQuery({ queryKey: [path], queryFn: () => api<RunView>(path), refetchInterval: (query) => (query.state.data && inProgress(query.state.data.status) ? 1_000 : false) });
  if (run.isPending) return <Loading />;
  if (run.error) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  return (
    <Stack>
      <Title order={2}>{t('runs.runTitle', { when: format.dateTime(r.createdAt) })}</Title>
      <Card withBorder component="section" aria-labelledby="run-summary">
        <Title order={3} size="h4" id="run-summary" mb="sm">
          {t('runs.summary')}
        </Title>
        <Stack gap="sm">
          <div>
            <StatusBadge group="runs.statuses" status={r.status} testId="run-status" />
          </div>
          <RunProgress run={r} />
          {r.error && (
            <Alert color="red" role="alert">
              {t('runs.failedBecause', { error: r.error })}
            </Alert>
          )}
          <Terms
            items={[
              [t('runs.mode'), t(`runs.modes.${r.mode}`)],
              [t('runs.requestedBy'), t(`role.${r.requestedBy.role}`)],
              [t('runs.units'), r.counts.units === null ? '—' : format.number(r.counts.units)],
              [t('runs.households'), r.counts.households === null ? '—' : format.number(r.counts.households)],
              [t('runs.eligiblePairs'), r.counts.eligiblePairs === null ? '—' : format.number(r.counts.eligiblePairs)],
              [t('runs.proposals'), r.counts.proposals === null ? '—' : format.number(r.counts.proposals)],
              [t('runs.totalScore'), r.totalScore === null ? '—' : format.number(r.totalScore, 2)],
              [t('runs.certificate'), r.certificateValid === null ? '—' : t(r.certificateValid ? 'runs.certificateValid' : 'runs.certificateInvalid')],
              [t('runs.districtLimit'), r.districtLimit === null ? t('runs.noLimit') : format.number(r.districtLimit)],
              [t('runs.completedAt'), format.dateTime(r.completedAt)],
            ]}
          />
        </Stack>
      </Card>
      <Approval run={r} />
      <Card withBorder component="section" aria-labelledby="proposals">
        <Title order={3} size="h4" id="proposals" mb="sm">
          {t('runs.proposalsTitle')}
        </Title>
        {r.proposals.length === 0 ? (
          <Text data-testid="empty">{inProgress(r.status) ? t('runs.notYetSolved') : t('runs.noProposals')}</Text>
        ) : (
          <ScrollTable minWidth={520} label={t('runs.proposalsTitle')}>
            <Table striped data-testid="proposals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('runs.household')}</Table.Th>
                  <Table.Th>{t('flat.district')}</Table.Th>
                  <Table.Th>{t('score.total')}</Table.Th>
                  <Table.Th>{t('runs.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.proposals.map((p) => (
                  <Table.Tr key={p.unitId}>
                    <Table.Td>{p.reference}</Table.Td>
                    <Table.Td>
                      {p.district}{' '}
                      {p.overDistrictLimit && (
                        <Badge color="orange" variant="light">
                          {t('runs.overLimit')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{format.number(p.score, 1)}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="runs.outcomes" status={p.outcome} />
                      {p.skippedBecause && (
                        <Text size="xs" mt={4}>
                          {t(`problem.${p.skippedBecause}`, { defaultValue: t('runs.skippedOther') })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {r.districtReport && r.districtReport.districts.length > 0 && (
          <Table mt="sm" data-testid="district-report" captionSide="top">
            <Table.Caption>{t('runs.districtReport')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('flat.district')}</Table.Th>
                <Table.Th>{t('runs.proposals')}</Table.Th>
                <Table.Th>{t('runs.overLimitBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.districtReport.districts.map((d) => (
                <Table.Tr key={d.district}>
                  <Table.Td>{d.district}</Table.Td>
                  <Table.Td>{format.number(d.proposals)}</Table.Td>
                  <Table.Td>{format.number(d.overLimitBy)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <CensusCard run={r} />
    </Stack>
  );
}
