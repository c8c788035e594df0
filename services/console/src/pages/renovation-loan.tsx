import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../api/hooks';
import { Empty, ErrorState, Loading } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, Terms, useCents } from './parts';

/** The loan as the owner statement gives it (decision 0027), in integer cents. */
export interface RenovationLoan {
  principalCents: number;
  monthlyRepaymentCents: number;
  disbursedOn: string | null;
  deductedCents: number;
  repaidEarlyCents: number;
  repaidCents: number;
  outstandingCents: number;
  earlyRepayments: { repaidOn: string; amountCents: number }[];
  schedule: { month: string; deductedCents: number; repaidEarlyCents: number; balanceCents: number; projected: boolean }[];
  repaidInMonth: string | null;
  outstandingAtEndCents: number;
}

interface StatementWithLoan {
  headLeaseId: string;
  scheme: string;
  loan: RenovationLoan | null;
}

interface HeadLease {
  id: string;
  scheme: string;
  startDate: string;
  endDate: string | null;
}

/**
 * The renovation loan of one of the landlord's head leases: lent when and how much, the monthly
 * instalment deducted from what the agency owes them, what was repaid (deducted or early) and what
 * is left, and the schedule month by month to the contract's end. Read-only: an early repayment
 * is recorded by the agency's staff (leases accepts it from staff only), so the page says whom to ask.
 */
export default function RenovationLoanPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const { headLeaseId } = useParams();
  const lease = useApi<HeadLease>(`/leases/head-leases/${headLeaseId}`);
  const statement = useApi<StatementWithLoan>(`/leases/head-leases/${headLeaseId}/statement`);
  if (lease.isPending || statement.isPending) return <Loading />;
  if (lease.error || statement.error) return <ErrorState error={lease.error ?? statement.error} onRetry={() => void Promise.all([lease.refetch(), statement.refetch()])} />;
  const title = t('ownerStatements.leaseTitle', { scheme: t(`ownerStatements.scheme.${lease.data.scheme}`, { defaultValue: lease.data.scheme }), start: format.date(lease.data.startDate) });
  const loan = statement.data.loan;
  return (
    <Stack>
      <Title order={2}>{t('renovationLoan.title')}</Title>
      <Text>
        {title} · <Link to="/owner-statements">{t('renovationLoan.back')}</Link>
      </Text>
      {!loan ? (
        <Empty>{t('renovationLoan.none')}</Empty>
      ) : (
        <>
          <Card withBorder component="section" aria-labelledby="loan-terms">
            <Title order={3} size="h4" id="loan-terms" mb="sm">
              {t('renovationLoan.summary')}
            </Title>
            <Stack gap="sm">
              <Terms
                items={[
                  [t('renovationLoan.principal'), <span key="p" data-testid="loan-principal">{cents(loan.principalCents)}</span>],
                  [t('renovationLoan.disbursedOn'), <span key="d" data-testid="loan-disbursed">{loan.disbursedOn ? format.date(loan.disbursedOn) : t('renovationLoan.notYetLent')}</span>],
                  [t('renovationLoan.instalment'), <span key="i" data-testid="loan-instalment">{cents(loan.monthlyRepaymentCents)}</span>],
                  [t('renovationLoan.deducted'), cents(loan.deductedCents)],
                  [t('renovationLoan.repaidEarly'), cents(loan.repaidEarlyCents)],
                  [t('renovationLoan.outstanding'), <span key="o" data-testid="loan-outstanding">{cents(loan.outstandingCents)}</span>],
                ]}
              />
              <Text data-testid="loan-end">
                {loan.outstandingCents === 0
                  ? t('renovationLoan.repaid')
                  : loan.repaidInMonth
                    ? t('renovationLoan.repaidIn', { month: format.month(loan.repaidInMonth) })
                    : t('renovationLoan.leftAtEnd', { amount: cents(loan.outstandingAtEndCents) })}
              </Text>
              <Text size="sm">{t('renovationLoan.howRepaid')}</Text>
              <Text size="sm" data-testid="early-repayment-help">
                {t('renovationLoan.earlyRepaymentHelp')}
              </Text>
            </Stack>
          </Card>
          {loan.earlyRepayments.length > 0 && (
            <Card withBorder component="section" aria-labelledby="loan-early">
              <Title order={3} size="h4" id="loan-early" mb="sm">
                {t('renovationLoan.earlyRepayments')}
              </Title>
              <Table data-testid="loan-early-repayments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('renovationLoan.repaidOn')}</Table.Th>
                    <Table.Th>{t('renovationLoan.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {loan.earlyRepayments.map((e, i) => (
                    <Table.Tr key={`${e.repaidOn}-${i}`}>
                      <Table.Td>{format.date(e.repaidOn)}</Table.Td>
                      <Table.Td>{cents(e.amountCents)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
          <Card withBorder component="section" aria-labelledby="loan-schedule">
            <Title order={3} size="h4" id="loan-schedule" mb="sm">
              {t('renovationLoan.schedule')}
            </Title>
            {loan.schedule.length === 0 ? (
              <Text data-testid="empty">{t('renovationLoan.noSchedule')}</Text>
            ) : (
              <ScrollTable minWidth={480} label={t('renovationLoan.schedule')}>
                <Table striped data-testid="loan-schedule">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('renovationLoan.month')}</Table.Th>
                      <Table.Th>{t('renovationLoan.deductedInMonth')}</Table.Th>
                      <Table.Th>{t('renovationLoan.repaidEarly')}</Table.Th>
                      <Table.Th>{t('renovationLoan.balanceAfter')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {loan.schedule.map((line) => (
                      <Table.Tr key={line.month}>
                        <Table.Td>
                          {format.month(line.month)}{' '}
                          {line.projected && (
                            <Badge variant="light" color="gray">
                              {t('renovationLoan.projected')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{cents(line.deductedCents)}</Table.Td>
                        <Table.Td>{cents(line.repaidEarlyCents)}</Table.Td>
                        <Table.Td>{cents(line.balanceCents)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
