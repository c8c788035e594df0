import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import { QueryState } from '../components/states';
import { useFormat } from '../format';

interface Alert {
  tenancyId: string;
  householdId: string;
  reference: string;
  score: number;
  threshold: number;
  since: string;
  why: { factor: string; contribution: number }[];
}

/** The caseworker's tenancies at risk (the mediation service's alerts, their own caseload only), highest score first, each with why. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const alerts = useApi<Alert[]>('/mediation/alerts');
  return (
    <Stack>
      <Title order={2}>{t('alerts.title')}</Title>
      <Text size="sm">{t('alerts.help')}</Text>
      <QueryState query={alerts} empty={(list) => list.length === 0}>
        {(list) => (
          <Stack data-testid="alerts">
            {list.map((alert) => (
              <Card withBorder key={alert.tenancyId} component="article" aria-label={alert.reference}>
                <Group justify="space-between" wrap="wrap">
                  <Text fw={600} component={Link} to={`/households/${alert.householdId}`} td="underline">
                    {alert.reference}
                  </Text>
                  <Badge color="red" variant="light" className="status-badge">
                    {t('alerts.score', { score: format.number(alert.score), threshold: format.number(alert.threshold) })}
                  </Badge>
                </Group>
                <Text size="sm">{t('alerts.since', { date: format.date(alert.since) })}</Text>
                <Text size="sm" fw={600} mt="xs">
                  {t('alerts.why')}
                </Text>
                <List size="sm">
                  {alert.why.map((reason) => (
                    <List.Item key={reason.factor}>{t('alerts.reason', { reason: t(`alerts.factor.${reason.factor}`, { defaultValue: reason.factor.replace(/_/g, ' ') }), points: format.number(reason.contribution) })}</List.Item>
                  ))}
                </List>
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
