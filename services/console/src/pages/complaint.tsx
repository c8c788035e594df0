import { Anchor, Button, Card, Checkbox, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { useSession } from '../api/use-session';
import { ErrorState, Loading } from '../components/states';
import { useFormat } from '../format';
import { errorsOf, Refusal, ScrollTable, StatusBadge, Terms } from './parts';

interface Deadline {
  dueOn: string;
  doneOn: string | null;
  state: string;
}

interface Complaint {
  id: string;
  version: number;
  category: string;
  stage: number;
  status: string;
  receivedOn: string;
  mediationId: string | null;
  visibility: string;
  intensity?: string;
  channel?: string;
  complainant?: { kind: string };
  description?: string | null;
  handlerId?: string | null;
  stages?: { stage: number; startedOn: string; acknowledgement: Deadline; answer: (Deadline & { upheld: boolean | null; text: string | null }) | null }[];
}

function Answer({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [upheld, setUpheld] = useState(false);
  const send = useApiMutation((body: Record<string, unknown>) => ({ path: `/mediation/complaints/${complaint.id}/answer`, body }));
  const error = errorsOf(send.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({ answer, upheld });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Textarea label={t('complaints.answer')} name="answer" autosize minRows={3} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} error={error('answer')} required />
        <Checkbox label={t('complaints.upheld')} checked={upheld} onChange={(e) => setUpheld(e.currentTarget.checked)} error={error('upheld')} />
        <Refusal error={send.error} />
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t('complaints.sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OpenMediation({ complaint }: { complaint: Complaint }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [mediatorId, setMediatorId] = useState(complaint.handlerId ?? '');
  const open = useApiMutation<Record<string, unknown>, { id: string }>((body) => ({ path: '/mediation/mediations', body }));
  const error = errorsOf(open.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate({ complaintIds: [complaint.id], mediatorIds: mediatorId ? [mediatorId] : [] }, { onSuccess: (m) => navigate(`/mediations/${m.id}`) });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('complaints.openMediationHelp')}</Text>
        <TextInput label={t('complaints.mediatorId')} name="mediatorIds" value={mediatorId} onChange={(e) => setMediatorId(e.currentTarget.value)} error={error('mediatorIds')} required />
        <Refusal error={open.error} />
        <Group>
          <Button type="submit" variant="outline" loading={open.isPending}>
            {t('complaints.openMediation')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One complaint: what it is about, its stages and deadlines; acknowledge and answer it, or take it to mediation. */
export default function ComplaintPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const { complaintId } = useParams();
  const complaint = useApi<Complaint>(`/mediation/complaints/${complaintId}`);
  const acknowledge = useApiMutation(() => ({ path: `/mediation/complaints/${complaintId}/acknowledge` }));
  if (complaint.isPending) return <Loading />;
  if (complaint.error) return <ErrorState error={complaint.error} onRetry={() => void complaint.refetch()} />;
  const c = complaint.data;
  const staff = session?.role === 'sra_staff' || session?.role === 'sra_admin';
  return (
    <Stack>
      <Title order={2}>{t('complaints.complaintTitle', { category: t(`complaints.categories.${c.category}`), when: format.date(c.receivedOn) })}</Title>
      <Card withBorder component="section" aria-labelledby="complaint-details">
        <Title order={3} size="h4" id="complaint-details" mb="sm">
          {t('complaints.details')}
        </Title>
        <Terms
          items={[
            [t('complaints.status'), <StatusBadge key="s" group="complaints.statuses" status={c.status} testId="complaint-status" />],
            [t('complaints.stage'), format.number(c.stage)],
            [t('complaints.intensity'), c.intensity ? t(`complaints.intensities.${c.intensity}`) : '—'],
            [t('complaints.channel'), c.channel ? t(`complaints.channels.${c.channel}`) : '—'],
            [t('complaints.complainant'), c.complainant ? t(`complaints.parties.${c.complainant.kind}`) : '—'],
            [t('complaints.description'), c.description ?? '—'],
          ]}
        />
      </Card>
      {c.stages && c.stages.length > 0 && (
        <Card withBorder component="section" aria-labelledby="complaint-stages">
          <Title order={3} size="h4" id="complaint-stages" mb="sm">
            {t('complaints.stages')}
          </Title>
          <ScrollTable minWidth={480} label={t('complaints.stages')}>
            <Table data-testid="complaint-stages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('complaints.stage')}</Table.Th>
                  <Table.Th>{t('complaints.acknowledgement')}</Table.Th>
                  <Table.Th>{t('complaints.answer')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.stages.map((s) => (
                  <Table.Tr key={s.stage}>
                    <Table.Td>{format.number(s.stage)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{t('complaints.dueOn', { when: format.date(s.acknowledgement.dueOn) })}</Text>
                      <StatusBadge group="complaints.deadlineStates" status={s.acknowledgement.state} />
                    </Table.Td>
                    <Table.Td>
                      {s.answer ? (
                        <>
                          <Text size="sm">{t('complaints.dueOn', { when: format.date(s.answer.dueOn) })}</Text>
                          <StatusBadge group="complaints.deadlineStates" status={s.answer.state} />
                          {s.answer.upheld !== null && <Text size="sm">{t(s.answer.upheld ? 'complaints.wasUpheld' : 'complaints.notUpheld')}</Text>}
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Card>
      )}
      {(c.status === 'awaiting_acknowledgement' || c.status === 'awaiting_answer') && (
        <Card withBorder component="section" aria-labelledby="complaint-handle">
          <Title order={3} size="h4" id="complaint-handle" mb="sm">
            {t('complaints.handle')}
          </Title>
          {c.status === 'awaiting_acknowledgement' ? (
            <Stack gap="sm">
              <Text size="sm">{t('complaints.acknowledgeHelp')}</Text>
              <Refusal error={acknowledge.error} />
              <div>
                <Button onClick={() => acknowledge.mutate(undefined)} loading={acknowledge.isPending}>
                  {t('complaints.acknowledge')}
                </Button>
              </div>
            </Stack>
          ) : (
            <Answer complaint={c} />
          )}
        </Card>
      )}
      <Card withBorder component="section" aria-labelledby="complaint-mediation">
        <Title order={3} size="h4" id="complaint-mediation" mb="sm">
          {t('mediations.title')}
        </Title>
        {c.mediationId ? (
          <Anchor component={Link} to={`/mediations/${c.mediationId}`}>
            {t('complaints.toMediation')}
          </Anchor>
        ) : staff && c.status !== 'withdrawn' ? (
          <OpenMediation complaint={c} />
        ) : (
          <Text>{t('complaints.noMediation')}</Text>
        )}
      </Card>
    </Stack>
  );
}
