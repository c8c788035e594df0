import { Alert, Badge, Button, Card, Checkbox, Group, List, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
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
  proposals: { unitId: string; householdId: string; reference: string; score: number; district: string; overDistrictLimit: boolean; outcome: string; skippedBecause: string | null }[];
  districtReport: { limit: number | null; districts: { district: string; proposals: number; overLimitBy: number }[] } | null;
  engineVersion: string;
  runDate: string | null;
  frontier: RunFrontier | null;
  approvedPoint: number | null;
}

/** How an allocation departs from strict priority (decision 0051). */
interface Described {
  totalScore: number;
  assigned: number;
  priorityHoused: number;
  passedOver: { households: number; maxPoints: number; totalPoints: number };
}

/** The run's frontier as matching summarises it: point 1 is the best overall allocation, higher points weigh priority more. */
interface RunFrontier {
  points: (Described & { point: number; priorityWeight: number; objective: number; certificateValid: boolean })[];
  strictPriority: Described;
}

interface Census {
  engineVersion: string;
  runDate: string | null;
  instance: { applicants?: unknown[]; units?: unknown[] };
  result: { totalScore?: number; assignments?: unknown[] } | null;
  certificate: unknown;
  householdReferences?: Record<string, string>;
  frontier?: { points: { assignments: { applicantId: string; unitId: string; score: number }[] }[] } | null;
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

/** A proposal the board may leave out: the run's own, or those of the frontier point chosen. */
interface Candidate {
  unitId: string;
  reference: string;
  district: string;
  score: number;
}

/** The proposals of the allocation chosen: the run's own, or (a frontier point chosen) that point's pairs from the census. */
function useCandidates(run: RunView, point: number | null): { candidates: Candidate[] | undefined; census: ReturnType<typeof useApi<Census>> } {
  const census = useApi<Census>(point !== null ? `/matching/allocation-runs/${run.id}/census` : undefined);
  if (point === null) return { candidates: run.proposals.map((p) => ({ unitId: p.unitId, reference: p.reference, district: p.district, score: p.score })), census };
  const pairs = census.data?.frontier?.points[point - 1]?.assignments;
  if (!census.data || !pairs) return { candidates: undefined, census };
  const units = new Map(((census.data.instance.units ?? []) as { id: string; district: string }[]).map((u) => [u.id, u.district]));
  const references = census.data.householdReferences ?? {};
  return { candidates: pairs.map((a) => ({ unitId: a.unitId, reference: references[a.applicantId] ?? a.applicantId, district: units.get(a.unitId) ?? '—', score: a.score })), census };
}

/**
 * A board member approves the run's proposals (each becomes a proposed offer) or declines them all,
 * with a note kept with the run. Before approving, the board may choose a point of the run's
 * frontier (its allocation replaces the proposals) and leave single proposals out (they get no
 * offer); both go with the approval, and what the API refuses shows next to its field.
 */
function DecideRun({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [note, setNote] = useState('');
  const [point, setPoint] = useState<number | null>(null);
  const [excluded, setExcluded] = useState<string[]>([]);
  const { candidates, census } = useCandidates(run, point);
  const decide = useApiMutation<'approve' | 'reject', RunView>((decision) => ({
    path: `/matching/allocation-runs/${run.id}/${decision}`,
    body: {
      expectedVersion: run.version,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(decision === 'approve' && point !== null ? { point } : {}),
      ...(decision === 'approve' && excluded.length > 0 ? { exclude: excluded } : {}),
    },
  }));
  const client = useQueryClient();
  const error = errorsOf(decide.error);
  // Refused (someone decided first, or the run changed): the page shows the run as it is now.
  const send = (decision: 'approve' | 'reject') => decide.mutate(decision, { onError: () => void client.invalidateQueries() });
  const choosePoint = (value: string) => {
    setPoint(value === '' ? null : Number(value));
    // A proposal left out belongs to the allocation it was chosen in.
    setExcluded([]);
  };
  const points = run.frontier?.points ?? [];
  return (
    <Stack gap="sm" data-testid="decide-run">
      <Text size="sm">{t('runs.decideHelp')}</Text>
      {points.length > 0 && (
        <Radio.Group name="point" label={t('frontierChoice.choose')} description={t('frontierChoice.chooseHelp')} value={point === null ? '' : String(point)} onChange={choosePoint} error={error('point')}>
          <Stack gap="xs" mt="xs">
            <Radio value="" label={t('frontierChoice.runOwn')} />
            {points.map((p) => (
              <Radio
                key={p.point}
                value={String(p.point)}
                label={t('frontierChoice.pointOption', {
                  name: pointName(t, p.point, points.length),
                  total: format.number(p.totalScore, 1),
                  housed: format.number(p.assigned),
                  passed: format.number(p.passedOver.households),
                })}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {candidates === undefined ? (
        census.error ? <ErrorState error={census.error} onRetry={() => void census.refetch()} /> : <Loading />
      ) : candidates.length > 0 ? (
        <Checkbox.Group label={t('frontierChoice.exclude')} description={t('frontierChoice.excludeHelp')} value={excluded} onChange={setExcluded} error={error('exclude')} data-testid="exclusions">
          <Stack gap="xs" mt="xs">
            {candidates.map((c) => (
              <Checkbox key={c.unitId} value={c.unitId} label={t('frontierChoice.excludeOption', { reference: c.reference, district: c.district, score: format.number(c.score, 1) })} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : null}
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

/** A frontier point in words: the best overall allocation, strict priority's nearest, or one between. */
function pointName(t: (key: string, options?: Record<string, unknown>) => string, point: number, of: number): string {
  if (point === 1) return t('frontierChoice.bestOverall');
  if (point === of) return t('frontierChoice.mostPriority', { point });
  return t('frontierChoice.between', { point });
}

/** The frontier between the best overall allocation and strict priority: what each point costs, in figures and words. */
function FrontierCard({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const frontier = run.frontier!;
  const passed = (d: Described) =>
    d.passedOver.households === 0 ? t('frontierChoice.nobodyPassedOver') : t('frontierChoice.passedOverValue', { households: format.number(d.passedOver.households), max: format.number(d.passedOver.maxPoints, 1) });
  return (
    <Card withBorder component="section" aria-labelledby="frontier">
      <Title order={3} size="h4" id="frontier" mb="sm">
        {t('frontierChoice.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('frontierChoice.help')}</Text>
        <Text size="sm">{t('frontierChoice.passedOverHelp')}</Text>
        <ScrollTable minWidth={560} label={t('frontierChoice.title')}>
          <Table striped data-testid="frontier-points">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('frontierChoice.point')}</Table.Th>
                <Table.Th>{t('runs.totalScore')}</Table.Th>
                <Table.Th>{t('frontierChoice.housed')}</Table.Th>
                <Table.Th>{t('frontierChoice.passedOver')}</Table.Th>
                <Table.Th>{t('runs.certificate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {frontier.points.map((p) => (
                <Table.Tr key={p.point} data-point={p.point}>
                  <Table.Td>
                    {pointName(t, p.point, frontier.points.length)}
                    {run.approvedPoint === p.point && (
                      <Badge color="green" variant="light" ml="xs">
                        {t('frontierChoice.approvedBadge')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{format.number(p.totalScore, 1)}</Table.Td>
                  <Table.Td>{format.number(p.assigned)}</Table.Td>
                  <Table.Td>{passed(p)}</Table.Td>
                  <Table.Td>{t(p.certificateValid ? 'runs.certificateValid' : 'runs.certificateInvalid')}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr data-point="strict">
                <Table.Td>{t('frontierChoice.strictPriority')}</Table.Td>
                <Table.Td>{format.number(frontier.strictPriority.totalScore, 1)}</Table.Td>
                <Table.Td>{format.number(frontier.strictPriority.assigned)}</Table.Td>
                <Table.Td>{passed(frontier.strictPriority)}</Table.Td>
                <Table.Td>{t('frontierChoice.notApprovable')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
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
        {run.approvedPoint !== null && run.approvedPoint !== undefined && <Text size="sm" data-testid="approved-point">{t('frontierChoice.approvedAt', { point: run.approvedPoint })}</Text>}
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
      {r.frontier && r.frontier.points.length > 0 && <FrontierCard run={r} />}
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
