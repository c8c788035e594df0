import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/hooks';
import type { Page } from '../api/session';
import { useSession } from '../api/use-session';
import { describeError, QueryState } from '../components/states';
import { useFormat } from '../format';
import { OffersTable } from './flat';
import type { Offer } from './types';

const STATUSES = ['proposed', 'offered', 'accepted', 'declined', 'expired', 'withdrawn'];

/** A caseworker records their household's answer. */
function AnswerTable({ offers }: { offers: Offer[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const accept = useApiMutation((offer: Offer) => ({ path: `/matching/offers/${offer.id}/accept`, body: { expectedVersion: offer.version } }));
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={480}>
        <Table data-testid="offers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('offer.household')}</Table.Th>
              <Table.Th>{t('offer.status')}</Table.Th>
              <Table.Th>{t('offer.deadline')}</Table.Th>
              <Table.Th>{t('offer.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {offers.map((offer) => (
              <Table.Tr key={offer.id}>
                <Table.Td>{offer.reference}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`offerStatus.${offer.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{format.dateTime(offer.responseDeadline)}</Table.Td>
                <Table.Td>
                  {offer.status === 'offered' && (
                    <Button size="xs" onClick={() => accept.mutate(offer)} loading={accept.isPending && accept.variables?.id === offer.id}>
                      {t('offer.recordAcceptance')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {accept.error && (
        <Alert color="red" role="alert">
          {describeError(accept.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

export default function OffersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [status, setStatus] = useState('');
  const offers = useApi<Page<Offer>>(`/matching/offers?limit=50${status ? `&status=${status}` : ''}`, { refetchInterval: 15_000 });
  return (
    <Stack>
      <Title order={2}>{t('offers.title')}</Title>
      <Group>
        <NativeSelect
          label={t('offer.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[{ value: '', label: t('flats.anyStatus') }, ...STATUSES.map((s) => ({ value: s, label: t(`offerStatus.${s}`) }))]}
        />
      </Group>
      <QueryState query={offers} empty={(p) => p.items.length === 0}>
        {(p) => (session?.role === 'caseworker' ? <AnswerTable offers={p.items} /> : <OffersTable offers={p.items} />)}
      </QueryState>
    </Stack>
  );
}
