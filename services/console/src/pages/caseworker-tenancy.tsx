import { Alert, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { useSession } from '../api/use-session';
import { ErrorState, Loading } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, Terms, useCents } from './parts';

/**
 * An instalment of a payment plan and where it stands on leases' today (integer cents): `paid` when
 * what the household paid since the plan was agreed covers it after the rent charged since, `due`
 * when not yet covered and falling due today or later, `missed` when not covered after its day;
 * `coveredCents` is how much of it is covered so far (shown for a partly covered one). Leases says it (decision 0071).
 */
export interface PlanInstalment {
  seq: number;
  dueOn: string;
  amountCents: number;
  state: 'paid' | 'due' | 'missed';
  coveredCents: number;
}

export interface CaseworkerPaymentPlan {
  id: string;
  status: 'active' | 'completed' | 'broken';
  totalCents: number;
  agreedOn: string;
  instalments: PlanInstalment[];
  brokenOn: string | null;
}

/** What leases answers a caseworker about a tenancy of their caseload (decision 0027): no landlord, history or ledger lines. */
export interface CaseworkerTenancy {
  id: string;
  status: string;
  unitId: string;
  householdId: string;
  reference: string;
  rentCents: number;
  serviceChargesCents: number;
  benefitCents: number;
  householdShareCents: number;
  startDate: string | null;
  endDate: string | null;
  notice: { givenOn: string; givenBy: string; endsOn: string } | null;
  endedOn: string | null;
  balanceCents: number;
  arrears: { ageing: string; stage: string | null };
  paymentPlan: CaseworkerPaymentPlan | null;
  paymentReference: string | null;
}

function PaymentPlanSection({ plan }: { plan: CaseworkerPaymentPlan | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  return (
    <Card withBorder component="section" aria-labelledby="caseworker-plan">
      <Title order={3} size="h4" id="caseworker-plan" mb="sm">
        {t('myTenancy.plan')}
      </Title>
      {!plan ? (
        <Text data-testid="no-plan">{t('myTenancy.noPlan')}</Text>
      ) : (
        <Stack gap="sm">
          <Terms
            items={[
              [t('myTenancy.planStatus'), <StatusBadge key="s" group="myTenancy.planStatuses" status={plan.status} testId="plan-status" />],
              [t('myTenancy.planTotal'), cents(plan.totalCents)],
              [t('myTenancy.agreedOn'), format.date(plan.agreedOn)],
              ...(plan.brokenOn ? ([[t('myTenancy.brokenOn'), format.date(plan.brokenOn)]] as [string, string][]) : []),
            ]}
          />
          <Text size="sm">{t(`myTenancy.planHelp.${plan.status}`)}</Text>
          <Text size="sm">{t('myTenancy.instalmentsHelp')}</Text>
          <ScrollTable minWidth={360} label={t('myTenancy.instalments')}>
            <Table striped data-testid="plan-instalments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('myTenancy.seq')}</Table.Th>
                  <Table.Th>{t('myTenancy.dueOn')}</Table.Th>
                  <Table.Th>{t('myTenancy.amount')}</Table.Th>
                  <Table.Th>{t('myTenancy.instalmentState')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.instalments.map((instalment) => (
                  <Table.Tr key={instalment.seq}>
                    <Table.Td>{format.number(instalment.seq)}</Table.Td>
                    <Table.Td>{format.date(instalment.dueOn)}</Table.Td>
                    <Table.Td>{cents(instalment.amountCents)}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="myTenancy.instalmentStates" status={instalment.state} />
                      {instalment.state !== 'paid' && instalment.coveredCents > 0 && (
                        <Text size="sm" data-testid="partly-covered">
                          {t('myTenancy.partlyCovered', { amount: cents(instalment.coveredCents) })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </Stack>
      )}
    </Card>
  );
}

/**
 * A tenancy of a household on the caseworker's caseload: what the household pays, its balance and
 * how old its arrears are, and its payment plan instalment by instalment, each as leases says it
 * stands today (paid, due or missed, and how much is covered). Leases answers a
 * caseworker with these and nothing more (decision 0027): the ledger's lines stay with the agency's staff.
 */
export default function CaseworkerTenancyPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const { tenancyId } = useParams();
  const tenancy = useApi<CaseworkerTenancy>(`/leases/tenancies/${tenancyId}`);
  if (tenancy.isPending) return <Loading />;
  if (tenancy.error) return <ErrorState error={tenancy.error} onRetry={() => void tenancy.refetch()} />;
  const x = tenancy.data;
  const owes = x.balanceCents > 0;
  return (
    <Stack>
      <Title order={2}>{t('myTenancy.title', { reference: x.reference })}</Title>
      <Text>
        <Link to={`/households/${x.householdId}`}>{t('myTenancy.backToHousehold', { reference: x.reference })}</Link>
      </Text>
      <Card withBorder component="section" aria-labelledby="caseworker-balance">
        <Title order={3} size="h4" id="caseworker-balance" mb="sm">
          {t('myTenancy.balanceTitle')}
        </Title>
        <Stack gap="sm">
          <Alert color={owes ? 'orange' : 'green'} data-testid="balance-summary">
            {owes ? t('myTenancy.owes', { amount: cents(x.balanceCents) }) : x.balanceCents < 0 ? t('myTenancy.inCredit', { amount: cents(-x.balanceCents) }) : t('myTenancy.nothingOwed')}
          </Alert>
          <Terms
            items={[
              [t('myTenancy.balance'), <span key="b" data-testid="balance">{cents(x.balanceCents)}</span>],
              [t('myTenancy.ageing'), <span key="a" data-testid="ageing">{t(`tenancies.ageings.${x.arrears.ageing}`, { defaultValue: x.arrears.ageing })}</span>],
              [t('myTenancy.stage'), x.arrears.stage ? t(`tenancies.stages.${x.arrears.stage}`) : t('tenancies.noStage')],
              [t('myTenancy.paymentReference'), x.paymentReference ?? '—'],
            ]}
          />
          <Text size="sm">{t('myTenancy.ledgerNotShown')}</Text>
        </Stack>
      </Card>
      <PaymentPlanSection plan={x.paymentPlan} />
      <Card withBorder component="section" aria-labelledby="caseworker-terms">
        <Title order={3} size="h4" id="caseworker-terms" mb="sm">
          {t('myTenancy.terms')}
        </Title>
        <Terms
          items={[
            [t('tenancies.status'), <StatusBadge key="s" group="tenancies.statuses" status={x.status} testId="tenancy-status" />],
            [t('tenancies.rent'), cents(x.rentCents)],
            [t('tenancies.serviceCharges'), cents(x.serviceChargesCents)],
            [t('tenancies.benefit'), cents(x.benefitCents)],
            [t('tenancies.householdShare'), cents(x.householdShareCents)],
            [t('tenancies.startDate'), format.date(x.startDate)],
            [t('tenancies.endDate'), format.date(x.endDate)],
            [t('tenancies.notice'), x.notice ? t('tenancies.noticeGiven', { given: format.date(x.notice.givenOn), ends: format.date(x.notice.endsOn) }) : '—'],
          ]}
        />
      </Card>
    </Stack>
  );
}

/** The household's tenancies on its page: a caseworker's open on their own page, staff's on the staff tenancy page. */
export function HouseholdTenancies({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const cents = useCents();
  const session = useSession();
  const tenancies = useApi<Page<CaseworkerTenancy>>(`/leases/tenancies?householdId=${householdId}&limit=20`);
  const base = session?.role === 'caseworker' ? '/caseload/tenancies' : '/tenancies';
  return (
    <Card withBorder component="section" aria-labelledby="household-tenancies">
      <Title order={3} size="h4" id="household-tenancies" mb="sm">
        {t('myTenancy.householdTenancies')}
      </Title>
      {tenancies.isPending ? (
        <Loading />
      ) : tenancies.error ? (
        <ErrorState error={tenancies.error} onRetry={() => void tenancies.refetch()} />
      ) : tenancies.data.items.length === 0 ? (
        <Text data-testid="no-tenancy">{t('myTenancy.noTenancy')}</Text>
      ) : (
        <Stack gap="xs" data-testid="household-tenancies">
          {tenancies.data.items.map((x) => (
            <Text key={x.id}>
              <Link to={`${base}/${x.id}`}>{t('myTenancy.openTenancy', { reference: x.reference })}</Link>
              {' · '}
              {t(`tenancies.statuses.${x.status}`, { defaultValue: x.status })}
              {' · '}
              {t('myTenancy.balanceShort', { amount: cents(x.balanceCents) })}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
