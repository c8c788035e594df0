import { Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import { api, type Page } from '../api/session';
import { Empty, ErrorState, Loading, QueryState } from '../components/states';
import { useFormat } from '../format';
import type { Inspection, Offer } from './types';

export const UNIT_STATUSES = ['draft', 'pending_inspection', 'available', 'reserved', 'let', 'vacating', 'withdrawn'] as const;

function FlatsByStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useQueries({
    queries: UNIT_STATUSES.map((status) => ({ queryKey: [`/units/units?status=${status}&limit=1`], queryFn: () => api<Page<unknown>>(`/units/units?status=${status}&limit=1`) })),
  });
  const failed = counts.find((count) => count.error);
  return (
    <Card withBorder component="section" aria-labelledby="flats-by-status">
      <Title order={2} size="h4" id="flats-by-status" mb="sm">
        {t('dashboard.flatsByStatus')}
      </Title>
      {failed ? (
        <ErrorState error={failed.error} onRetry={() => counts.forEach((count) => void count.refetch())} />
      ) : counts.some((count) => count.isPending) ? (
        <Loading />
      ) : (
        <Table data-testid="flats-by-status">
          <Table.Tbody>
            {UNIT_STATUSES.map((status, index) => (
              <Table.Tr key={status}>
                <Table.Td>
                  <Anchor component={Link} to={`/flats?status=${status}`}>
                    {t(`unitStatus.${status}`)}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" data-status={status}>
                  {format.number(counts[index].data!.total)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function InspectionsDue() {
  const { t } = useTranslation();
  const format = useFormat();
  const requested = useApi<Page<Inspection>>('/inspections/inspections?status=requested&limit=5');
  const scheduled = useApi<Page<Inspection>>('/inspections/inspections?status=scheduled&limit=5');
  return (
    <Card withBorder component="section" aria-labelledby="inspections-due">
      <Title order={2} size="h4" id="inspections-due" mb="sm">
        {t('dashboard.inspectionsDue')}
      </Title>
      <QueryState query={requested}>{(page) => <Text>{t('dashboard.toSchedule', { count: page.total })}</Text>}</QueryState>
      <QueryState query={scheduled}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('dashboard.noneScheduled')}</Empty>
          ) : (
            <Stack gap={4} mt="xs">
              <Text>{t('dashboard.scheduled', { count: page.total })}</Text>
              {page.items.map((inspection) => (
                <Text key={inspection.id} size="sm">
                  {format.dateTime(inspection.scheduledAt)} — {inspection.unit?.address ?? t('flat.unknownAddress')}
                </Text>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}

function OffersAwaiting() {
  const { t } = useTranslation();
  const format = useFormat();
  const offers = useApi<Page<Offer>>('/matching/offers?status=offered&limit=10');
  return (
    <Card withBorder component="section" aria-labelledby="offers-awaiting">
      <Title order={2} size="h4" id="offers-awaiting" mb="sm">
        {t('dashboard.offersAwaiting')}
      </Title>
      <QueryState query={offers} empty={(page) => page.items.length === 0}>
        {(page) => (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('offer.household')}</Table.Th>
                <Table.Th>{t('offer.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...page.items]
                .sort((a, b) => String(a.responseDeadline).localeCompare(String(b.responseDeadline)))
                .map((offer) => (
                  <Table.Tr key={offer.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/flats/${offer.unitId}`}>
                        {offer.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={new Date(offer.responseDeadline ?? 0).getTime() - Date.now() < 86_400_000 ? 'red' : 'blue'}>
                        {format.dateTime(offer.responseDeadline)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Card>
  );
}

/** The mediation service's tenancies at risk (staff see every one), highest score first. */
function TenanciesAtRisk() {
  const { t } = useTranslation();
  const alerts = useApi<{ tenancyId: string; reference: string; score: number; threshold: number }[]>('/mediation/alerts');
  return (
    <Card withBorder component="section" aria-labelledby="tenancies-at-risk">
      <Title order={2} size="h4" id="tenancies-at-risk" mb="sm">
        {t('dashboard.tenanciesAtRisk')}
      </Title>
      <QueryState query={alerts}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('dashboard.noTenancyAtRisk')}</Empty>
          ) : (
            <Stack gap="xs" data-testid="tenancies-at-risk">
              <Text>{t('dashboard.atRiskCount', { count: list.length })}</Text>
              {list.slice(0, 5).map((alert) => (
                <Text key={alert.tenancyId}>
                  <Anchor component={Link} to={`/tenancies/${alert.tenancyId}`}>
                    {alert.reference}
                  </Anchor>{' '}
                  <Badge variant="light" color="red">
                    {t('dashboard.riskScore', { score: alert.score, threshold: alert.threshold })}
                  </Badge>
                </Text>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}

/** Complaints past one of their deadlines (the mediation service's `overdue` filter). */
function OverdueComplaints() {
  const { t } = useTranslation();
  const overdue = useApi<Page<unknown>>('/mediation/complaints?overdue=true&limit=1');
  return (
    <Card withBorder component="section" aria-labelledby="overdue-complaints">
      <Title order={2} size="h4" id="overdue-complaints" mb="sm">
        {t('dashboard.overdueComplaints')}
      </Title>
      <QueryState query={overdue}>
        {(page) => (
          <Text data-testid="overdue-complaints">
            <Anchor component={Link} to="/complaints?overdue=true">
              {t('dashboard.overdueCount', { count: page.total })}
            </Anchor>
          </Text>
        )}
      </QueryState>
    </Card>
  );
}

export default function StaffDashboard() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <div className="grid-3">
        <FlatsByStatus />
        <InspectionsDue />
        <OffersAwaiting />
        <TenanciesAtRisk />
        <OverdueComplaints />
      </div>
    </Stack>
  );
}
