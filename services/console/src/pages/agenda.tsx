import { Card, Group, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../api/hooks';
import { QueryState } from '../components/states';
import { useFormat } from '../format';

interface Agenda {
  date: string;
  items: { inspectionId: string; scheduledAt: string; type: string; status: string; unit: { address: string; postalCode: string; city: string } | null; checklist: { answered: number; total: number } }[];
}

/** Today on the device's calendar (YYYY-MM-DD), not UTC's. */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** The inspector's day, phone first: one big card per visit. */
export default function AgendaPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [date, setDate] = useState(today());
  const agenda = useApi<Agenda>(`/inspections/agenda?date=${date}`);
  return (
    <Stack>
      <Title order={2}>{t('agenda.title')}</Title>
      <TextInput type="date" label={t('agenda.date')} value={date} onChange={(e) => setDate(e.currentTarget.value || today())} maw={220} />
      <QueryState query={agenda} empty={(a) => a.items.length === 0}>
        {(a) => (
          <Stack gap="sm" data-testid="agenda">
            {a.items.map((item) => (
              <UnstyledButton key={item.inspectionId} component={Link} to={`/inspections/${item.inspectionId}`} className="touch-button">
                <Card withBorder>
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={2}>
                      <Text fw={600}>{format.time(item.scheduledAt)}</Text>
                      <Text>{item.unit ? `${item.unit.address}, ${item.unit.postalCode} ${item.unit.city}` : t('flat.unknownAddress')}</Text>
                      <Text size="sm">{t(`inspectionType.${item.type}`, { defaultValue: item.type })}</Text>
                    </Stack>
                    <Text size="sm" ta="right">
                      {t('agenda.progress', { answered: item.checklist.answered, total: item.checklist.total })}
                    </Text>
                  </Group>
                </Card>
              </UnstyledButton>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
