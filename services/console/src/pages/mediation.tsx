import { ActionIcon, Anchor, Button, Card, Group, NativeSelect, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { ErrorState, Loading } from '../components/states';
import { useFormat } from '../format';
import { errorsOf, Refusal, ScrollTable, StatusBadge, Terms } from './parts';

const STEPS = ['house_rules_reminder', 'phone_call', 'visit_by_two_mediators', 'joint_meeting', 'committee'];
const RESULTS = ['resolved', 'partly_resolved', 'not_resolved', 'no_show'];
const OUTCOMES = ['dialogue_restored', 'complaints_stopped', 'resolved_by_transfer', 'failure', 'withdrawn'];
const EXCLUSIONS = ['ongoing_court_case', 'criminal_proceedings', 'party_refused', 'other'];
const PARTIES = ['household', 'neighbour', 'landlord', 'staff', 'other'];
const FOLLOW_UPS = ['kept', 'partly_kept', 'broken'];

interface Mediation {
  id: string;
  version: number;
  status: 'open' | 'agreement' | 'closed';
  currentStep: string | null;
  openedOn: string;
  outcome: string | null;
  closedOn: string | null;
  visibility: string;
  complaints?: { id: string; category: string; intensity: string; receivedOn: string }[];
  sessions?: { id: string; step: string; heldOn: string; attendees: number; result: string; notes: string | null }[];
  agreement?: {
    reachedOn: string;
    commitments: { party: string; commitment: string }[] | null;
    followUpOn: string;
    followUpDue: boolean;
    followedUpOn: string | null;
    followUpResult: string | null;
    followUpNotes: string | null;
  } | null;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function RecordSession({ mediation }: { mediation: Mediation }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(mediation.currentStep ?? STEPS[0]);
  const [heldOn, setHeldOn] = useState('');
  const [attendees, setAttendees] = useState<number | string>(2);
  const [result, setResult] = useState(RESULTS[0]);
  const [notes, setNotes] = useState('');
  const record = useApiMutation((body: Record<string, unknown>) => ({ path: `/mediation/mediations/${mediation.id}/sessions`, body }));
  const error = errorsOf(record.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ step, attendees: attendees === '' ? undefined : Number(attendees), result, ...(heldOn ? { heldOn } : {}), ...(notes ? { notes } : {}) }, { onSuccess: () => setNotes('') });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('mediations.recordSession')}
        </Title>
        <div className="grid-2">
          <NativeSelect label={t('mediations.step')} name="step" value={step} onChange={(e) => setStep(e.currentTarget.value)} data={STEPS.map((s) => ({ value: s, label: t(`mediations.steps.${s}`) }))} error={error('step')} />
          <TextInput type="date" label={t('mediations.heldOn')} name="heldOn" description={t('mediations.todayWhenEmpty')} value={heldOn} onChange={(e) => setHeldOn(e.currentTarget.value)} error={error('heldOn')} />
          <NumberInput label={t('mediations.attendees')} name="attendees" min={0} max={100} value={attendees} onChange={setAttendees} error={error('attendees')} required />
          <NativeSelect label={t('mediations.result')} name="result" value={result} onChange={(e) => setResult(e.currentTarget.value)} data={RESULTS.map((r) => ({ value: r, label: t(`mediations.results.${r}`) }))} error={error('result')} />
        </div>
        <Textarea label={t('mediations.notes')} name="notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={error('notes')} />
        <Refusal error={record.error} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('mediations.saveSession')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecordAgreement({ mediation }: { mediation: Mediation }) {
  const { t } = useTranslation();
  const [commitments, setCommitments] = useState([{ party: 'household', commitment: '' }]);
  const [followUpOn, setFollowUpOn] = useState('');
  const record = useApiMutation((body: Record<string, unknown>) => ({ path: `/mediation/mediations/${mediation.id}/agreement`, body }));
  const error = errorsOf(record.error);
  const change = (index: number, key: 'party' | 'commitment', value: string) => setCommitments((list) => list.map((c, i) => (i === index ? { ...c, [key]: value } : c)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ commitments, ...(followUpOn ? { followUpOn } : {}) });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('mediations.recordAgreement')}
        </Title>
        {commitments.map((c, index) => (
          <Group key={index} align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('mediations.party', { n: index + 1 })}
              value={c.party}
              onChange={(e) => change(index, 'party', e.currentTarget.value)}
              data={PARTIES.map((p) => ({ value: p, label: t(`complaints.parties.${p}`) }))}
              error={error(`commitments.${index}.party`)}
            />
            <TextInput
              className="grow"
              label={t('mediations.commitment', { n: index + 1 })}
              value={c.commitment}
              onChange={(e) => change(index, 'commitment', e.currentTarget.value)}
              error={error(`commitments.${index}.commitment`)}
              required
            />
            {commitments.length > 1 && (
              <ActionIcon variant="outline" color="red" size="lg" aria-label={t('mediations.removeCommitment', { n: index + 1 })} onClick={() => setCommitments((list) => list.filter((_, i) => i !== index))}>
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {error('commitments') && !commitments.some((_, i) => error(`commitments.${i}`)) && (
          <Text c="red.9" size="sm">
            {error('commitments')}
          </Text>
        )}
        <div>
          <Button variant="subtle" size="xs" onClick={() => setCommitments((list) => [...list, { party: 'neighbour', commitment: '' }])}>
            {t('mediations.addCommitment')}
          </Button>
        </div>
        <TextInput type="date" label={t('mediations.followUpOn')} name="followUpOn" description={t('mediations.followUpDefault')} value={followUpOn} onChange={(e) => setFollowUpOn(e.currentTarget.value)} error={error('followUpOn')} />
        <Refusal error={record.error} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('mediations.saveAgreement')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecordFollowUp({ mediation }: { mediation: Mediation }) {
  const { t } = useTranslation();
  const [result, setResult] = useState(FOLLOW_UPS[0]);
  const [notes, setNotes] = useState('');
  const record = useApiMutation((body: Record<string, unknown>) => ({ path: `/mediation/mediations/${mediation.id}/agreement/follow-up`, body }));
  const error = errorsOf(record.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ result, ...(notes ? { notes } : {}) });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('mediations.recordFollowUp')}
        </Title>
        <NativeSelect label={t('mediations.followUpResult')} name="result" value={result} onChange={(e) => setResult(e.currentTarget.value)} data={FOLLOW_UPS.map((r) => ({ value: r, label: t(`mediations.followUps.${r}`) }))} error={error('result')} />
        <Textarea label={t('mediations.notes')} name="notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={error('notes')} />
        <Refusal error={record.error} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('mediations.saveFollowUp')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseMediation({ mediation }: { mediation: Mediation }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState(OUTCOMES[0]);
  const [exclusion, setExclusion] = useState('');
  const close = useApiMutation((body: Record<string, unknown>) => ({ path: `/mediation/mediations/${mediation.id}/close`, body }));
  const error = errorsOf(close.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate({ outcome, ...(exclusion ? { exclusion } : {}) });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <div className="grid-2">
          <NativeSelect label={t('mediations.outcome')} name="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} data={OUTCOMES.map((o) => ({ value: o, label: t(`mediations.outcomes.${o}`) }))} error={error('outcome')} />
          <NativeSelect
            label={t('mediations.exclusion')}
            name="exclusion"
            value={exclusion}
            onChange={(e) => setExclusion(e.currentTarget.value)}
            data={[{ value: '', label: t('mediations.noExclusion') }, ...EXCLUSIONS.map((x) => ({ value: x, label: t(`mediations.exclusions.${x}`) }))]}
            error={error('exclusion')}
          />
        </div>
        <Refusal error={close.error} />
        <Group>
          <Button type="submit" variant="outline" color="red" loading={close.isPending}>
            {t('mediations.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A mediation case: its complaints, sessions on the ladder, the agreement and its follow-up, and closing it (staff and its mediators). */
export default function MediationPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mediationId } = useParams();
  const mediation = useApi<Mediation>(`/mediation/mediations/${mediationId}`);
  if (mediation.isPending) return <Loading />;
  if (mediation.error) return <ErrorState error={mediation.error} onRetry={() => void mediation.refetch()} />;
  const m = mediation.data;
  const agreement = m.agreement ?? null;
  return (
    <Stack>
      <Title order={2}>{t('mediations.caseTitle', { when: format.date(m.openedOn) })}</Title>
      <Section id="mediation-summary" title={t('mediations.summary')}>
        <Terms
          items={[
            [t('mediations.status'), <StatusBadge key="s" group="mediations.statuses" status={m.status} testId="mediation-status" />],
            [t('mediations.currentStep'), m.currentStep ? t(`mediations.steps.${m.currentStep}`) : t('mediations.noStepYet')],
            [t('mediations.openedOn'), format.date(m.openedOn)],
            [t('mediations.outcome'), m.outcome ? t(`mediations.outcomes.${m.outcome}`) : '—'],
            [t('mediations.closedOn'), format.date(m.closedOn)],
          ]}
        />
        {m.complaints && m.complaints.length > 0 && (
          <Stack gap={2} mt="sm">
            <Text fw={600} size="sm">
              {t('mediations.complaints')}
            </Text>
            {m.complaints.map((c) => (
              <Anchor key={c.id} component={Link} to={`/complaints/${c.id}`}>
                {t('complaints.complaintTitle', { category: t(`complaints.categories.${c.category}`), when: format.date(c.receivedOn) })}
              </Anchor>
            ))}
          </Stack>
        )}
      </Section>
      <Section id="mediation-sessions" title={t('mediations.sessions')}>
        <Stack>
          {!m.sessions || m.sessions.length === 0 ? (
            <Text data-testid="empty">{t('mediations.noSessions')}</Text>
          ) : (
            <ScrollTable minWidth={520} label={t('mediations.sessions')}>
              <Table striped data-testid="sessions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('mediations.heldOn')}</Table.Th>
                    <Table.Th>{t('mediations.step')}</Table.Th>
                    <Table.Th>{t('mediations.attendees')}</Table.Th>
                    <Table.Th>{t('mediations.result')}</Table.Th>
                    <Table.Th>{t('mediations.notes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.sessions.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{format.date(s.heldOn)}</Table.Td>
                      <Table.Td>{t(`mediations.steps.${s.step}`)}</Table.Td>
                      <Table.Td>{format.number(s.attendees)}</Table.Td>
                      <Table.Td>{t(`mediations.results.${s.result}`)}</Table.Td>
                      <Table.Td>{s.notes ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          {m.status !== 'closed' && m.visibility === 'full' && <RecordSession mediation={m} />}
        </Stack>
      </Section>
      <Section id="mediation-agreement" title={t('mediations.agreement')}>
        <Stack>
          {agreement ? (
            <>
              <Terms
                items={[
                  [t('mediations.reachedOn'), format.date(agreement.reachedOn)],
                  [t('mediations.followUpOn'), format.date(agreement.followUpOn)],
                  [t('mediations.followedUpOn'), agreement.followedUpOn ? format.date(agreement.followedUpOn) : agreement.followUpDue ? t('mediations.followUpDue') : t('mediations.followUpLater')],
                  [t('mediations.followUpResult'), agreement.followUpResult ? t(`mediations.followUps.${agreement.followUpResult}`) : '—'],
                ]}
              />
              <Table data-testid="commitments">
                <Table.Tbody>
                  {(agreement.commitments ?? []).map((c, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{t(`complaints.parties.${c.party}`)}</Table.Td>
                      <Table.Td>{c.commitment}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {!agreement.followedUpOn && m.status === 'agreement' && <RecordFollowUp mediation={m} />}
            </>
          ) : m.status === 'open' && m.visibility === 'full' ? (
            <RecordAgreement mediation={m} />
          ) : (
            <Text>{t('mediations.noAgreement')}</Text>
          )}
        </Stack>
      </Section>
      {m.status !== 'closed' && m.visibility === 'full' && (
        <Section id="mediation-close" title={t('mediations.close')}>
          <CloseMediation mediation={m} />
        </Section>
      )}
    </Stack>
  );
}
