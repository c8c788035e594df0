import { Alert, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import type { Page } from '../api/session';
import { describeError, QueryState } from '../components/states';
import { useFormat } from '../format';
import { UnitStatusBadge } from './flats';
import type { Unit } from './types';

/** A landlord's own flats (the API scopes the list to them) and submitting a draft for inspection. */
export default function MyFlatsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const units = useApi<Page<Unit>>('/units/units?limit=100');
  const submit = useApiMutation((unit: Unit) => ({ path: `/units/units/${unit.id}/submit`, body: { expectedVersion: unit.version } }));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('myFlats.title')}</Title>
        <Button component={Link} to="/my-flats/new">
          {t('nav.listFlat')}
        </Button>
      </Group>
      {submit.error && (
        <Alert color="red" role="alert">
          {describeError(submit.error, t)}
        </Alert>
      )}
      <QueryState query={units} empty={(p) => p.items.length === 0}>
        {(p) => (
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="units">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('flat.address')}</Table.Th>
                  <Table.Th>{t('flat.rent')}</Table.Th>
                  <Table.Th>{t('flat.status')}</Table.Th>
                  <Table.Th>{t('offer.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((unit) => (
                  <Table.Tr key={unit.id}>
                    <Table.Td>
                      {unit.address}, {unit.postalCode} {unit.city}
                    </Table.Td>
                    <Table.Td>{format.money(unit.rent)}</Table.Td>
                    <Table.Td>
                      <UnitStatusBadge status={unit.status} />
                    </Table.Td>
                    <Table.Td>
                      {unit.status === 'draft' && (
                        <Button size="xs" variant="outline" onClick={() => submit.mutate(unit)} loading={submit.isPending && submit.variables?.id === unit.id}>
                          {t('myFlats.submit')}
                        </Button>
                      )}
                    </Table.Td>
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
