import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import { downloadFile } from '../api/files';
import { type Page } from '../api/session';
import { describeError, QueryState } from '../components/states';
import { useFormat } from '../format';
import { ScrollTable, StatusBadge, Terms, useCents } from './parts';

interface HeadLease {
  id: string;
  status: string;
  unitId: string;
  scheme: string;
  guaranteedRentCents: number;
  managementFeeCents: number;
  renovationLoan: { principalCents: number; monthlyRepaymentCents: number } | null;
  startDate: string;
  endDate: string | null;
}

interface Statement {
  months: { month: string; guaranteedRentCents: number; loanRepaymentCents: number; managementFeeCents: number; dueCents: number; vacant: boolean; paidCents: number; paidOn: string | null; owedCents: number }[];
  totals: { dueCents: number; paidCents: number; owedCents: number };
  loan: { principalCents: number; repaidCents: number; outstandingCents: number } | null;
}

/** The statement's PDF, in the reader's language (fetched with the access token, which a plain link cannot send). */
const downloadStatement = (headLeaseId: string, language: string) => downloadFile(`/leases/head-leases/${headLeaseId}/statement.pdf?language=${language}`, `owner-statement-${headLeaseId}.pdf`);

/**
 * A landlord's monthly owner statements, one per head lease or mandate of theirs (the leases
 * service lists only the caller's own): the guaranteed payments month by month, what was paid and
 * is still owed, the renovation loan's balance, and the statement as a PDF to download.
 */
export default function OwnerStatementsPage() {
  const { t } = useTranslation();
  const leases = useApi<Page<HeadLease>>('/leases/head-leases?limit=100');
  return (
    <Stack>
      <Title order={2}>{t('ownerStatements.title')}</Title>
      <Text size="sm">{t('ownerStatements.help')}</Text>
      <QueryState query={leases} empty={(page) => page.items.length === 0}>
        {(page) => (
          <Stack data-testid="head-leases">
            {page.items.map((lease) => (
              <LeaseStatement key={lease.id} lease={lease} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function LeaseStatement({ lease }: { lease: HeadLease }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const statement = useApi<Statement>(`/leases/head-leases/${lease.id}/statement`);
  const [downloading, setDownloading] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const title = t('ownerStatements.leaseTitle', { scheme: t(`ownerStatements.scheme.${lease.scheme}`, { defaultValue: lease.scheme }), start: format.date(lease.startDate) });
  return (
    <Card withBorder component="section" aria-label={title} data-testid="head-lease">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={3}>{title}</Title>
          <StatusBadge group="ownerStatements.status" status={lease.status} />
        </Group>
        <Terms
          items={[
            [t('ownerStatements.guaranteedRent'), cents(lease.guaranteedRentCents)],
            [t('ownerStatements.managementFee'), cents(lease.managementFeeCents)],
            [t('ownerStatements.period'), `${format.date(lease.startDate)} – ${lease.endDate ? format.date(lease.endDate) : t('ownerStatements.openEnded')}`],
          ]}
        />
        <QueryState query={statement}>
          {(s) => (
            <Stack>
              {s.months.length === 0 ? (
                <Text data-testid="no-months">{t('ownerStatements.noMonths')}</Text>
              ) : (
                <ScrollTable minWidth={640} label={t('ownerStatements.payments')}>
                  <Table striped data-testid="owner-months">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('ownerStatements.month')}</Table.Th>
                        <Table.Th>{t('ownerStatements.guaranteedRent')}</Table.Th>
                        <Table.Th>{t('ownerStatements.loanRepayment')}</Table.Th>
                        <Table.Th>{t('ownerStatements.due')}</Table.Th>
                        <Table.Th>{t('ownerStatements.paid')}</Table.Th>
                        <Table.Th>{t('ownerStatements.owed')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.months.map((m) => (
                        <Table.Tr key={m.month}>
                          <Table.Td>
                            {m.month}
                            {m.vacant ? ` (${t('ownerStatements.vacant')})` : ''}
                          </Table.Td>
                          <Table.Td>{cents(m.guaranteedRentCents)}</Table.Td>
                          <Table.Td>{cents(m.loanRepaymentCents)}</Table.Td>
                          <Table.Td>{cents(m.dueCents)}</Table.Td>
                          <Table.Td>
                            {cents(m.paidCents)}
                            {m.paidOn ? ` (${format.date(m.paidOn)})` : ''}
                          </Table.Td>
                          <Table.Td>{cents(m.owedCents)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
              <Terms
                items={[
                  [t('ownerStatements.totalDue'), cents(s.totals.dueCents)],
                  [t('ownerStatements.totalPaid'), cents(s.totals.paidCents)],
                  [t('ownerStatements.totalOwed'), cents(s.totals.owedCents)],
                  ...(s.loan ? ([[t('ownerStatements.loanOutstanding'), t('ownerStatements.loanValue', { outstanding: cents(s.loan.outstandingCents), principal: cents(s.loan.principalCents) })]] as [string, string][]) : []),
                ]}
              />
              {s.loan && (
                <Text>
                  <Link to={`/owner-statements/${lease.id}/loan`} data-testid="loan-link">
                    {t('renovationLoan.open')}
                  </Link>
                </Text>
              )}
            </Stack>
          )}
        </QueryState>
        {failure !== undefined && (
          <Alert color="red" role="alert">
            {describeError(failure, t)}
          </Alert>
        )}
        <Group>
          <Button
            variant="outline"
            loading={downloading}
            onClick={() => {
              setDownloading(true);
              setFailure(undefined);
              downloadStatement(lease.id, i18n.language)
                .catch((error: unknown) => setFailure(error))
                .finally(() => setDownloading(false));
            }}
          >
            {t('ownerStatements.download')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
