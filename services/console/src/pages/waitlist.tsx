import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../api/hooks';
import type { Page } from '../api/session';
import { QueryState } from '../components/states';
import { useFormat } from '../format';

interface BoardEntry {
  rank: number;
  reference: string;
  programme: string;
  householdSize: number;
  needs: { bedroomsNeeded: number; wheelchair: boolean; stepFree: boolean; pets: boolean };
  priority: number | null;
  scoreBreakdown: { factor: string; item?: string; points: number }[] | null;
  urgent: boolean;
  waitingDays: number;
}

/** The pseudonymised waitlist the board reviews, with how priority points are spread. */
export default function WaitlistPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const waitlist = useApi<Page<BoardEntry>>('/applicants/board/waitlist?limit=100');
  return (
    <Stack>
      <Title order={2}>{t('waitlist.title')}</Title>
      <QueryState query={waitlist} empty={(p) => p.items.length === 0}>
        {(p) => {
          const chart = p.items.map((entry) => ({ reference: entry.reference, priority: entry.priority ?? 0 }));
          return (
            <Stack>
              <Text>{t('waitlist.total', { count: p.total })}</Text>
              <Card withBorder component="figure" aria-label={t('waitlist.chart')} m={0}>
                <Title order={3} size="h5" mb="xs">
                  {t('waitlist.chart')}
                </Title>
                <div style={{ width: '100%', height: 240 }}>
                  <ResponsiveContainer>
                    <BarChart data={chart}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="reference" hide />
                      <YAxis />
                      <Tooltip formatter={(value: number) => [format.number(value, 1), t('waitlist.priority')]} />
                      <Bar dataKey="priority" fill="#1864ab" name={t('waitlist.priority')} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </Card>
              <Table.ScrollContainer minWidth={600}>
                <Table striped data-testid="waitlist">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>#</Table.Th>
                      <Table.Th>{t('waitlist.reference')}</Table.Th>
                      <Table.Th>{t('waitlist.size')}</Table.Th>
                      <Table.Th>{t('waitlist.priority')}</Table.Th>
                      <Table.Th>{t('waitlist.waitingDays')}</Table.Th>
                      <Table.Th>{t('score.breakdown')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.items.map((entry) => (
                      <Table.Tr key={entry.reference}>
                        <Table.Td>{entry.rank}</Table.Td>
                        <Table.Td>
                          {entry.reference} {entry.urgent && <Badge color="red" variant="light">{t('waitlist.urgent')}</Badge>}
                        </Table.Td>
                        <Table.Td>{format.number(entry.householdSize)}</Table.Td>
                        <Table.Td>{entry.priority === null ? '—' : format.number(entry.priority, 1)}</Table.Td>
                        <Table.Td>{format.number(entry.waitingDays)}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {(entry.scoreBreakdown ?? []).map((part, index) => (
                              <Badge key={index} variant="light" color="gray">
                                {t(`factor.${part.factor}`, { defaultValue: part.factor })} {format.number(part.points, 1)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
