import { Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { useSession } from '../api/use-session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';

interface Caseload {
  programmes: { programme: string; households: number; limit: number; room: number }[];
}
interface Household {
  id: string;
  reference: string;
  programme: string;
  status: string;
  waitingDays: number;
}

/** A caseworker's households: how many per programme against the limits, and the list. */
export default function CaseloadPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const caseload = useApi<Caseload>(`/applicants/caseworkers/${session?.userId}/caseload`);
  const households = useApi<Page<Household>>('/applicants/households?limit=100');
  return (
    <Stack>
      <Title order={2}>{t('caseload.title')}</Title>
      <QueryState query={caseload}>
        {(c) => (
          <div className="grid-3">
            {c.programmes.map((p) => (
              <Card withBorder key={p.programme}>
                <Text fw={600}>{t(`programme.${p.programme}`, { defaultValue: p.programme })}</Text>
                <Text>{t('caseload.count', { households: p.households, limit: p.limit })}</Text>
              </Card>
            ))}
          </div>
        )}
      </QueryState>
      <QueryState query={households} empty={(p) => p.items.length === 0}>
        {(p) => (
          <Table.ScrollContainer minWidth={420}>
            <Table striped data-testid="households">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('waitlist.reference')}</Table.Th>
                  <Table.Th>{t('caseload.programme')}</Table.Th>
                  <Table.Th>{t('caseload.status')}</Table.Th>
                  <Table.Th>{t('waitlist.waitingDays')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Link to={`/households/${h.id}`}>{h.reference}</Link>
                    </Table.Td>
                    <Table.Td>{t(`programme.${h.programme}`, { defaultValue: h.programme })}</Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`householdStatus.${h.status}`, { defaultValue: h.status })}</Badge>
                    </Table.Td>
                    <Table.Td>{format.number(h.waitingDays)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
