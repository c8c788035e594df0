import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import type { Page } from '../api/session';
import { describeError, Empty, QueryState } from '../components/states';
import { useFormat } from '../format';
import { UnitStatusBadge } from './flats';
import type { Offer, Shortlist, Unit, WhyNot, ScoreBreakdown } from './types';

export function Breakdown({ breakdown }: { breakdown: ScoreBreakdown }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap={6} wrap="wrap">
      {(['priority', 'waiting', 'preference', 'fit'] as const).map((part) => (
        <Badge key={part} variant="light" color="gray">
          {t(`score.${part}`)} {format.number(breakdown[part], 1)}
        </Badge>
      ))}
    </Group>
  );
}

function ShortlistCard({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const format = useFormat();
  const shortlist = useApi<Shortlist>(`/matching/units/${unit.id}/shortlist`);
  const [justification, setJustification] = useState('');
  const propose = useApiMutation((input: { householdId: string; justification?: string }) => ({ path: '/matching/offers', body: { unitId: unit.id, ...input } }));
  return (
    <Card withBorder component="section" aria-labelledby="shortlist">
      <Title order={3} size="h4" id="shortlist" mb="sm">
        {t('flat.shortlist')}
      </Title>
      <QueryState query={shortlist} empty={(s) => s.entries.length === 0}>
        {(s) => (
          <Stack gap="xs">
            <Text size="sm">{t('flat.computedAt', { when: format.dateTime(s.computedAt), count: s.candidates })}</Text>
            {s.waitlistChangedSince && <Text size="sm">{t('flat.waitlistChanged')}</Text>}
            <Table.ScrollContainer minWidth={480}>
              <Table data-testid="shortlist">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('offer.household')}</Table.Th>
                    <Table.Th>{t('score.total')}</Table.Th>
                    <Table.Th>{t('score.breakdown')}</Table.Th>
                    <Table.Th>{t('offer.action')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.entries.map((entry, index) => (
                    <Table.Tr key={entry.householdId}>
                      <Table.Td>{entry.rank ?? index + 1}</Table.Td>
                      <Table.Td>{entry.reference}</Table.Td>
                      <Table.Td>{format.number(entry.score, 1)}</Table.Td>
                      <Table.Td>
                        <Breakdown breakdown={entry.breakdown} />
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="outline"
                          loading={propose.isPending && propose.variables?.householdId === entry.householdId}
                          onClick={() => propose.mutate({ householdId: entry.householdId, justification: index === 0 ? undefined : justification || undefined })}
                        >
                          {t('offer.propose')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Textarea label={t('offer.justification')} description={t('offer.justificationHelp')} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} />
            {propose.error && (
              <Alert color="red" role="alert">
                {describeError(propose.error, t)}
              </Alert>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function WhyNotCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [householdId, setHouseholdId] = useState('');
  const [asked, setAsked] = useState<string>();
  const answer = useApi<WhyNot>(asked ? `/matching/units/${unitId}/why-not/${asked}` : undefined);
  return (
    <Card withBorder component="section" aria-labelledby="why-not">
      <Title order={3} size="h4" id="why-not" mb="sm">
        {t('whyNot.title')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(householdId.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput label={t('whyNot.household')} value={householdId} onChange={(e) => setHouseholdId(e.currentTarget.value)} />
          <Button type="submit" variant="outline">
            {t('whyNot.ask')}
          </Button>
        </Group>
      </form>
      {asked && (
        <QueryState query={answer}>
          {(w) => (
            <Stack gap={4} mt="sm" data-testid="why-not-answer">
              <Text fw={600}>{w.eligible ? t('whyNot.eligible', { reference: w.reference }) : t('whyNot.notEligible', { reference: w.reference })}</Text>
              {w.failedRules.map((rule) => (
                <Text key={rule.rule} size="sm">
                  • {t(`rule.${rule.rule}`, { defaultValue: rule.message })}
                </Text>
              ))}
              {w.obstacles.map((obstacle) => (
                <Text key={obstacle.code} size="sm">
                  • {t(`obstacle.${obstacle.code}`, { defaultValue: obstacle.message })}
                </Text>
              ))}
              {w.rank !== null && <Text size="sm">{t('whyNot.rank', { rank: w.rank, size: w.shortlistSize })}</Text>}
              {w.score && <Breakdown breakdown={w.score} />}
            </Stack>
          )}
        </QueryState>
      )}
    </Card>
  );
}

export function OffersTable({ offers }: { offers: Offer[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const make = useApiMutation((offer: Offer) => ({ path: `/matching/offers/${offer.id}/make`, body: { expectedVersion: offer.version } }));
  if (offers.length === 0) return <Empty />;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={520}>
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
                  {offer.status === 'proposed' && (
                    <Button size="xs" onClick={() => make.mutate(offer)} loading={make.isPending && make.variables?.id === offer.id}>
                      {t('offer.make')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {make.error && (
        <Alert color="red" role="alert">
          {describeError(make.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

export default function FlatPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { unitId } = useParams();
  const unit = useApi<Unit>(`/units/units/${unitId}`);
  const offers = useApi<Page<Offer>>(`/matching/offers?unitId=${unitId}`);
  return (
    <QueryState query={unit}>
      {(u) => (
        <Stack>
          <Group justify="space-between">
            <Title order={2}>
              {u.address}, {u.postalCode} {u.city}
            </Title>
            <UnitStatusBadge status={u.status} />
          </Group>
          <Card withBorder component="section" aria-label={t('flat.details')}>
            <div className="grid-4">
              <Text>{t('flat.district')}: {u.districtCode}</Text>
              <Text>{t('flat.bedrooms')}: {format.number(u.bedrooms)}</Text>
              <Text>{t('flat.rent')}: {format.money(u.rent)}</Text>
              <Text>{t('flat.maxOccupants')}: {format.number(u.maxOccupants)}</Text>
              <Text>{t('flat.floorArea')}: {format.number(u.floorArea)}</Text>
              <Text>{t('flat.energyLabel')}: {u.energyLabel}</Text>
              <Text>{t('flat.availableFrom')}: {format.date(u.availableFrom)}</Text>
              <Text>{t('flat.wheelchairAccessible')}: {u.wheelchairAccessible ? t('common.yes') : t('common.no')}</Text>
            </div>
          </Card>
          <Card withBorder component="section" aria-labelledby="flat-offers">
            <Title order={3} size="h4" id="flat-offers" mb="sm">
              {t('nav.offers')}
            </Title>
            <QueryState query={offers}>{(p) => <OffersTable offers={p.items} />}</QueryState>
          </Card>
          {u.status === 'available' ? <ShortlistCard unit={u} /> : <Text>{t('flat.noShortlist')}</Text>}
          <WhyNotCard unitId={u.id} />
        </Stack>
      )}
    </QueryState>
  );
}
