import { Alert, Button, Card, Fieldset, Group, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi, useApiMutation } from '../api/hooks';
import { describeError, fieldErrors, QueryState } from '../components/states';
import { useFormat } from '../format';

const SITUATIONS = ['rough_sleeping', 'emergency_shelter', 'leaving_institution', 'temporary_accommodation', 'overcrowded', 'other'] as const;
const VULNERABILITIES = ['health', 'disability', 'age', 'domesticViolence', 'children'] as const;
const BANDS = ['up10OrMore', 'up1To9', 'none', 'down1To9', 'down10OrMore'] as const;

interface Weights {
  livingSituation: Record<(typeof SITUATIONS)[number], number>;
  leavingInstitution: { withinDays: number; laterShare: number };
  monthsHomeless: { pointsPerMonth: number; maxPoints: number };
  vulnerabilities: Record<(typeof VULNERABILITIES)[number], number>;
  urgentBonus: number;
}

interface Policy {
  version: number;
  inForce: boolean;
  weights: Weights;
  summary: string;
}

interface Preview {
  basedOnVersion: number;
  households: number;
  movedUp: number;
  movedDown: number;
  unchanged: number;
  largestMoveUp: number;
  largestMoveDown: number;
  distribution: Record<(typeof BANDS)[number], number>;
  largestMoves: { reference: string; currentRank: number; draftRank: number; places: number; currentPriority: number; draftPriority: number }[];
}

interface Published {
  version: number;
  rescoring: { progress: string };
}

/** Reads and writes one weight by its path ("vulnerabilities.health"), the same path the API names in its errors. */
function weightAt(weights: Weights, path: string): number {
  return path.split('.').reduce<any>((node, key) => node[key], weights) as number;
}
function withWeight(weights: Weights, path: string, value: number): Weights {
  const copy = structuredClone(weights);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  parent[keys[keys.length - 1]] = value;
  return copy;
}

/** The board drafts new priority weights, previews what they would do to the waitlist, then publishes them. */
export default function PriorityPolicyPage() {
  const { t } = useTranslation();
  const policies = useApi<{ items: Policy[] }>('/applicants/priority-policies');
  return (
    <Stack>
      <Title order={2}>{t('policy.title')}</Title>
      <QueryState query={policies}>{(page) => <PolicyDraft inForce={page.items[0]} />}</QueryState>
    </Stack>
  );
}

function PolicyDraft({ inForce }: { inForce: Policy }) {
  const { t } = useTranslation();
  const [weights, setWeights] = useState<Weights>(inForce.weights);
  const [summary, setSummary] = useState('');
  const preview = useApiMutation<Weights, Preview>((draft) => ({ path: '/applicants/priority-policies/preview', body: { weights: draft } }));
  const publish = useApiMutation<Weights, Published>((draft) => ({ path: '/applicants/priority-policies', body: { weights: draft, summary, expectedCurrentVersion: inForce.version } }));
  const errors = { ...fieldErrors(preview.error), ...fieldErrors(publish.error) };
  // A preview describes the weights it was asked about: any change asks for a new one.
  useEffect(() => preview.reset(), [weights]); // on a change of weights only (the mutation object itself changes on every render)

  const weight = (path: string, label: string, extra: Record<string, unknown> = {}) => (
    <NumberInput
      key={path}
      label={label}
      name={`weights.${path}`}
      value={weightAt(weights, path)}
      onChange={(value) => setWeights((w) => withWeight(w, path, value === '' ? 0 : Number(value)))}
      error={errors[`weights.${path}`]}
      min={0}
      decimalScale={1}
      {...extra}
    />
  );

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate(weights);
  };

  if (publish.data) return <PublishedPolicy published={publish.data} />;

  return (
    <Stack>
      <Text>{t('policy.inForce', { version: inForce.version, summary: inForce.summary })}</Text>
      <form onSubmit={onPreview} aria-label={t('policy.draft')}>
        <Stack>
          <Fieldset legend={t('factor.living_situation')}>
            <div className="policy-grid">{SITUATIONS.map((s) => weight(`livingSituation.${s}`, t(`situation.${s}`)))}</div>
          </Fieldset>
          <Fieldset legend={t('policy.leavingInstitution')}>
            <div className="policy-grid">
              {weight('leavingInstitution.withinDays', t('policy.withinDays'), { decimalScale: 0 })}
              {weight('leavingInstitution.laterShare', t('policy.laterShare'), { decimalScale: 2, step: 0.05, max: 1 })}
            </div>
          </Fieldset>
          <Fieldset legend={t('factor.months_homeless')}>
            <div className="policy-grid">
              {weight('monthsHomeless.pointsPerMonth', t('policy.pointsPerMonth'))}
              {weight('monthsHomeless.maxPoints', t('policy.maxPoints'))}
            </div>
          </Fieldset>
          <Fieldset legend={t('factor.vulnerability')}>
            <div className="policy-grid">{VULNERABILITIES.map((v) => weight(`vulnerabilities.${v}`, t(`vulnerability.${v}`)))}</div>
          </Fieldset>
          {weight('urgentBonus', t('policy.urgentBonus'))}
          {preview.error && !Object.keys(errors).length ? <Alert color="red" role="alert">{describeError(preview.error, t)}</Alert> : null}
          <Group>
            <Button type="submit" loading={preview.isPending}>
              {t('policy.preview')}
            </Button>
          </Group>
        </Stack>
      </form>
      {preview.data && (
        <>
          <PreviewResult preview={preview.data} />
          <Card withBorder>
            <Stack>
              <Textarea label={t('policy.summary')} description={t('policy.summaryHelp')} name="summary" value={summary} onChange={(e) => setSummary(e.currentTarget.value)} error={errors.summary} autosize minRows={2} />
              {publish.error && !errors.summary ? <Alert color="red" role="alert">{describeError(publish.error, t)}</Alert> : null}
              <Group>
                <Button color="red" onClick={() => publish.mutate(weights)} loading={publish.isPending}>
                  {t('policy.publish')}
                </Button>
              </Group>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}

function PreviewResult({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const chart = BANDS.map((band) => ({ band: t(`policy.band.${band}`), households: preview.distribution[band] }));
  return (
    <Card withBorder data-testid="policy-preview" aria-labelledby="policy-preview-title">
      <Stack>
        <Title order={3} size="h4" id="policy-preview-title">
          {t('policy.effect', { households: format.number(preview.households) })}
        </Title>
        <div className="policy-grid">
          <Text>{t('policy.movedUp', { count: preview.movedUp, places: preview.largestMoveUp })}</Text>
          <Text>{t('policy.movedDown', { count: preview.movedDown, places: preview.largestMoveDown })}</Text>
          <Text>{t('policy.unchanged', { count: preview.unchanged })}</Text>
        </div>
        <figure aria-label={t('policy.chart')} style={{ margin: 0 }}>
          <div style={{ width: '100%', height: 220 }}>
            <ResponsiveContainer>
              <BarChart data={chart}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="band" />
                <YAxis allowDecimals={false} />
                <Tooltip formatter={(value: number) => [format.number(value), t('policy.households')]} />
                <Bar dataKey="households" fill="#1864ab" name={t('policy.households')} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        {preview.largestMoves.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="policy-moves">
              <Table.Caption>{t('policy.largestMoves')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('waitlist.reference')}</Table.Th>
                  <Table.Th>{t('policy.rankNow')}</Table.Th>
                  <Table.Th>{t('policy.rankDraft')}</Table.Th>
                  <Table.Th>{t('policy.priorityChange')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.largestMoves.map((move) => (
                  <Table.Tr key={move.reference}>
                    <Table.Td>{move.reference}</Table.Td>
                    <Table.Td>{format.number(move.currentRank)}</Table.Td>
                    <Table.Td>{format.number(move.draftRank)}</Table.Td>
                    <Table.Td>
                      {format.number(move.currentPriority, 1)} → {format.number(move.draftPriority, 1)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function PublishedPolicy({ published }: { published: Published }) {
  const { t } = useTranslation();
  const progress = useApi<{ state: string; progress: { total: number; processed: number } | null }>(`/applicants${published.rescoring.progress}`, { refetchInterval: 1000 });
  return (
    <Alert color="green" role="status" title={t('policy.published', { version: published.version })}>
      <QueryState query={progress}>
        {(status) => (
          <Text data-testid="rescoring">
            {status.state === 'completed' ? t('policy.rescored') : t('policy.rescoring', { processed: status.progress?.processed ?? 0, total: status.progress?.total ?? 0 })}
          </Text>
        )}
      </QueryState>
    </Alert>
  );
}
