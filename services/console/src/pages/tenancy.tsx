import { Button, Card, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { downloadFile } from '../api/files';
import { useApi, useApiMutation } from '../api/hooks';
import { ErrorState, Loading, QueryState } from '../components/states';
import { useFormat } from '../format';
import { errorsOf, Refusal, ScrollTable, StatusBadge, Terms, useCents } from './parts';
import type { Tenancy } from './tenancies';

interface TenancyWithHistory extends Tenancy {
  history: { at: string; action: string; actor: { id: string; role: string }; details: Record<string, unknown> | null }[];
  /** The language the household's documents are printed in (staff view only); null when none was recorded. */
  documentLanguage?: string | null;
}

interface Ledger {
  chargedCents: number;
  paidCents: number;
  balanceCents: number;
  arrears: { ageing: string; stage: string | null };
  entries: { id: string; kind: 'charge' | 'payment' | 'credit'; month: string | null; amountCents: number; bookedOn: string; balanceCents: number }[];
}

interface PaymentPlan {
  id: string;
  totalCents: number;
  agreedOn: string;
  instalments: { seq: number; dueOn: string; amountCents: number }[];
}

function LedgerCard({ tenancyId }: { tenancyId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const ledger = useApi<Ledger>(`/leases/tenancies/${tenancyId}/ledger`);
  return (
    <Card withBorder component="section" aria-labelledby="ledger">
      <Title order={3} size="h4" id="ledger" mb="sm">
        {t('tenancies.ledger')}
      </Title>
      <QueryState query={ledger}>
        {(l) => (
          <Stack gap="sm">
            <Terms
              items={[
                [t('tenancies.charged'), cents(l.chargedCents)],
                [t('tenancies.paid'), cents(l.paidCents)],
                [t('tenancies.balance'), <span key="b" data-testid="ledger-balance">{cents(l.balanceCents)}</span>],
                [t('tenancies.ageing'), t(`tenancies.ageings.${l.arrears.ageing}`)],
                [t('tenancies.stage'), l.arrears.stage ? t(`tenancies.stages.${l.arrears.stage}`) : t('tenancies.noStage')],
              ]}
            />
            {l.entries.length === 0 ? (
              <Text data-testid="empty">{t('tenancies.noEntries')}</Text>
            ) : (
              <ScrollTable minWidth={480} label={t('tenancies.ledger')}>
                <Table striped data-testid="ledger-entries">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('tenancies.bookedOn')}</Table.Th>
                      <Table.Th>{t('tenancies.entry')}</Table.Th>
                      <Table.Th>{t('tenancies.amount')}</Table.Th>
                      <Table.Th>{t('tenancies.runningBalance')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {l.entries.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>{format.date(e.bookedOn)}</Table.Td>
                        <Table.Td>
                          {t(`tenancies.entries.${e.kind}`)}
                          {e.month ? ` (${e.month})` : ''}
                        </Table.Td>
                        <Table.Td>{cents(e.kind === 'charge' ? e.amountCents : -e.amountCents)}</Table.Td>
                        <Table.Td>{cents(e.balanceCents)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function PaymentPlanCard({ tenancy }: { tenancy: TenancyWithHistory }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const [instalments, setInstalments] = useState<number | string>(6);
  const [firstDueDate, setFirstDueDate] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const agree = useApiMutation<Record<string, unknown>, PaymentPlan>((body) => ({ path: `/leases/tenancies/${tenancy.id}/payment-plans`, body }));
  const error = errorsOf(agree.error);
  const agreed = tenancy.history.filter((h) => h.action === 'payment_plan_agreed');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    agree.mutate({ instalments: instalments === '' ? undefined : Number(instalments), firstDueDate, ...(amount === '' ? {} : { amount: Number(amount) }) });
  };
  return (
    <Card withBorder component="section" aria-labelledby="payment-plan">
      <Title order={3} size="h4" id="payment-plan" mb="sm">
        {t('tenancies.paymentPlan')}
      </Title>
      <Stack gap="sm">
        {agreed.length === 0 ? (
          <Text>{t('tenancies.noPlan')}</Text>
        ) : (
          agreed.map((h) => (
            <Text key={h.at}>{t('tenancies.planAgreed', { when: format.date(h.at), total: cents(Number(h.details?.totalCents ?? 0)), count: Number(h.details?.instalments ?? 0) })}</Text>
          ))
        )}
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('tenancies.planHelp', { balance: cents(tenancy.balanceCents) })}</Text>
            <div className="grid-3">
              <NumberInput label={t('tenancies.instalments')} name="instalments" min={1} max={36} value={instalments} onChange={setInstalments} error={error('instalments')} required />
              <TextInput type="date" label={t('tenancies.firstDueDate')} name="firstDueDate" value={firstDueDate} onChange={(e) => setFirstDueDate(e.currentTarget.value)} error={error('firstDueDate')} required />
              <NumberInput label={t('tenancies.planAmount')} name="amount" description={t('tenancies.planAmountHelp')} min={0} decimalScale={2} value={amount} onChange={setAmount} error={error('amount')} />
            </div>
            <Refusal error={agree.error} />
            <Group>
              <Button type="submit" loading={agree.isPending}>
                {t('tenancies.agreePlan')}
              </Button>
            </Group>
          </Stack>
        </form>
        {agree.data && (
          <Table data-testid="instalments" captionSide="top">
            <Table.Caption>{t('tenancies.planAgreedNow', { total: cents(agree.data.totalCents) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('tenancies.dueOn')}</Table.Th>
                <Table.Th>{t('tenancies.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agree.data.instalments.map((i) => (
                <Table.Tr key={i.seq}>
                  <Table.Td>{i.seq}</Table.Td>
                  <Table.Td>{format.date(i.dueOn)}</Table.Td>
                  <Table.Td>{cents(i.amountCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/**
 * The household's documents as leases prints them: the contract summary and the rent statement of
 * the last 12 months, in the language recorded on the tenancy (no `?language=`, so the household's
 * and not the staff member's).
 */
function DocumentsCard({ tenancyId, documentLanguage }: { tenancyId: string; documentLanguage: string | null }) {
  const { t } = useTranslation();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const download = (kind: 'contract-summary' | 'rent-statement') => {
    setDownloading(kind);
    setFailure(undefined);
    downloadFile(`/leases/tenancies/${tenancyId}/${kind}.pdf`, `${kind}-${tenancyId}.pdf`)
      .catch((error: unknown) => setFailure(error))
      .finally(() => setDownloading(null));
  };
  return (
    <Card withBorder component="section" aria-labelledby="tenancy-documents">
      <Title order={3} size="h4" id="tenancy-documents" mb="sm">
        {t('tenancies.documents')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{documentLanguage ? t('tenancies.documentsIn', { language: t(`language.${documentLanguage}`, { defaultValue: documentLanguage }) }) : t('tenancies.documentsInDefault')}</Text>
        <Refusal error={failure} />
        <Group>
          <Button variant="outline" loading={downloading === 'contract-summary'} onClick={() => download('contract-summary')}>
            {t('tenancies.contractSummary')}
          </Button>
          <Button variant="outline" loading={downloading === 'rent-statement'} onClick={() => download('rent-statement')}>
            {t('tenancies.rentStatement')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A tenancy: its terms, ledger and arrears, payment plan and history. */
export default function TenancyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const { tenancyId } = useParams();
  const tenancy = useApi<TenancyWithHistory>(`/leases/tenancies/${tenancyId}`);
  if (tenancy.isPending) return <Loading />;
  if (tenancy.error) return <ErrorState error={tenancy.error} onRetry={() => void tenancy.refetch()} />;
  const x = tenancy.data;
  return (
    <Stack>
      <Title order={2}>{t('tenancies.tenancyTitle', { reference: x.reference })}</Title>
      <Card withBorder component="section" aria-labelledby="tenancy-terms">
        <Title order={3} size="h4" id="tenancy-terms" mb="sm">
          {t('tenancies.terms')}
        </Title>
        <Terms
          items={[
            [t('tenancies.status'), <StatusBadge key="s" group="tenancies.statuses" status={x.status} testId="tenancy-status" />],
            [t('tenancies.legalLandlord'), t(`tenancies.legalLandlords.${x.legalLandlord}`, { defaultValue: x.legalLandlord })],
            [t('tenancies.rent'), cents(x.rentCents)],
            [t('tenancies.serviceCharges'), cents(x.serviceChargesCents)],
            [t('tenancies.benefit'), cents(x.benefitCents)],
            [t('tenancies.householdShare'), cents(x.householdShareCents)],
            [t('tenancies.deposit'), cents(x.deposit.amountCents)],
            [t('tenancies.startDate'), format.date(x.startDate)],
            [t('tenancies.endDate'), format.date(x.endDate)],
            [t('tenancies.notice'), x.notice ? t('tenancies.noticeGiven', { given: format.date(x.notice.givenOn), ends: format.date(x.notice.endsOn) }) : '—'],
            [t('tenancies.paymentReference'), x.paymentReference ?? '—'],
          ]}
        />
      </Card>
      <LedgerCard tenancyId={x.id} />
      <PaymentPlanCard tenancy={x} />
      <DocumentsCard tenancyId={x.id} documentLanguage={x.documentLanguage ?? null} />
      <Card withBorder component="section" aria-labelledby="tenancy-history">
        <Title order={3} size="h4" id="tenancy-history" mb="sm">
          {t('tenancies.history')}
        </Title>
        {x.history.length === 0 ? (
          <Text data-testid="empty">{t('state.empty')}</Text>
        ) : (
          <Table data-testid="tenancy-history">
            <Table.Tbody>
              {x.history.map((h) => (
                <Table.Tr key={`${h.at}-${h.action}`}>
                  <Table.Td>{format.dateTime(h.at)}</Table.Td>
                  <Table.Td>{t(`tenancies.actions.${h.action}`, { defaultValue: h.action.replace(/_/g, ' ') })}</Table.Td>
                  <Table.Td>{t(`role.${h.actor.role}`, { defaultValue: t('tenancies.automatic') })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
