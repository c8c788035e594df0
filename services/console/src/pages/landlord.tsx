import { Button, Card, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import type { Page } from '../api/session';
import { ErrorState, Loading, QueryState } from '../components/states';
import { useFormat } from '../format';
import type { Landlord } from './landlords';
import { errorsOf, Refusal, ScrollTable, StatusBadge, Terms, useCents } from './parts';

interface Agreement {
  id: string;
  scheme: string;
  startDate: string;
  endDate: string;
  guaranteedMonthlyRent: number | string;
  coverage: { rentArrears: boolean; vacancy: boolean; damageCap: number | string; legalCosts: boolean };
  renovationLoan: { amount: number | string; monthlyRepayment: number | string } | null;
  propertyTaxReductionFiling: boolean;
  status: string;
  signedAt: string | null;
  endedOn: string | null;
}

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

const SCHEMES = ['head_lease', 'management_mandate', 'direct_let'];

function Agreements({ landlord }: { landlord: Landlord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const agreements = useApi<{ items: Agreement[] }>(`/landlords/landlords/${landlord.id}/agreements`);
  const sign = useApiMutation((agreementId: string) => ({ path: `/landlords/landlords/${landlord.id}/agreements/${agreementId}/sign` }));
  const yes = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  return (
    <Card withBorder component="section" aria-labelledby="agreements">
      <Title order={3} size="h4" id="agreements" mb="sm">
        {t('landlords.agreements')}
      </Title>
      <QueryState query={agreements} empty={(a) => a.items.length === 0}>
        {(a) => (
          <ScrollTable minWidth={640} label={t('landlords.agreements')}>
            <Table striped data-testid="agreements">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('landlords.scheme')}</Table.Th>
                  <Table.Th>{t('landlords.period')}</Table.Th>
                  <Table.Th>{t('landlords.guaranteedMonthlyRent')}</Table.Th>
                  <Table.Th>{t('landlords.coverage')}</Table.Th>
                  <Table.Th>{t('landlords.status')}</Table.Th>
                  <Table.Th>{t('offer.action')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.items.map((agreement) => (
                  <Table.Tr key={agreement.id}>
                    <Table.Td>{t(`landlords.schemes.${agreement.scheme}`)}</Table.Td>
                    <Table.Td>
                      {format.date(agreement.startDate)} – {format.date(agreement.endDate)}
                    </Table.Td>
                    <Table.Td>{format.money(agreement.guaranteedMonthlyRent)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('landlords.rentArrears')}: {yes(agreement.coverage.rentArrears)} · {t('landlords.vacancy')}: {yes(agreement.coverage.vacancy)} · {t('landlords.legalCosts')}: {yes(agreement.coverage.legalCosts)} ·{' '}
                        {t('landlords.damageCap')}: {format.money(agreement.coverage.damageCap)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge group="landlords.agreementStatuses" status={agreement.status} />
                    </Table.Td>
                    <Table.Td>
                      {agreement.status === 'draft' && (
                        <Button size="xs" variant="outline" loading={sign.isPending && sign.variables === agreement.id} onClick={() => sign.mutate(agreement.id)}>
                          {t('landlords.sign')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </QueryState>
      <Refusal error={sign.error} />
    </Card>
  );
}

function DraftAgreement({ landlordId }: { landlordId: string }) {
  const { t } = useTranslation();
  const [scheme, setScheme] = useState('head_lease');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [rent, setRent] = useState<number | string>('');
  const [damageCap, setDamageCap] = useState<number | string>(0);
  const [cover, setCover] = useState({ rentArrears: true, vacancy: true, legalCosts: false });
  const [taxFiling, setTaxFiling] = useState(false);
  const draft = useApiMutation((body: Record<string, unknown>) => ({ path: `/landlords/landlords/${landlordId}/agreements`, body }));
  const error = errorsOf(draft.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    draft.mutate({
      scheme,
      startDate,
      endDate,
      guaranteedMonthlyRent: rent === '' ? undefined : Number(rent),
      coverage: { ...cover, damageCap: damageCap === '' ? 0 : Number(damageCap) },
      propertyTaxReductionFiling: taxFiling,
    });
  };
  return (
    <Card withBorder component="section" aria-labelledby="draft-agreement">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} size="h4" id="draft-agreement">
            {t('landlords.draft')}
          </Title>
          <div className="grid-2">
            <NativeSelect label={t('landlords.scheme')} name="scheme" value={scheme} onChange={(e) => setScheme(e.currentTarget.value)} data={SCHEMES.map((s) => ({ value: s, label: t(`landlords.schemes.${s}`) }))} error={error('scheme')} />
            <NumberInput label={t('landlords.guaranteedMonthlyRent')} name="guaranteedMonthlyRent" min={0} decimalScale={2} value={rent} onChange={setRent} error={error('guaranteedMonthlyRent')} required />
            <TextInput type="date" label={t('landlords.startDate')} name="startDate" value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={error('startDate')} required />
            <TextInput type="date" label={t('landlords.endDate')} name="endDate" value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={error('endDate')} required />
            <NumberInput label={t('landlords.damageCap')} name="damageCap" min={0} decimalScale={2} value={damageCap} onChange={setDamageCap} error={error('coverage.damageCap')} />
          </div>
          <Group>
            {(['rentArrears', 'vacancy', 'legalCosts'] as const).map((key) => (
              <Checkbox key={key} label={t(`landlords.${key}`)} checked={cover[key]} onChange={(e) => setCover((c) => ({ ...c, [key]: e.currentTarget.checked }))} />
            ))}
            <Checkbox label={t('landlords.taxFiling')} checked={taxFiling} onChange={(e) => setTaxFiling(e.currentTarget.checked)} />
          </Group>
          <Refusal error={draft.error} />
          {draft.isSuccess && (
            <Text role="status" data-testid="drafted">
              {t('landlords.drafted')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={draft.isPending}>
              {t('landlords.saveDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function HeadLeases({ landlordId }: { landlordId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cents = useCents();
  const leases = useApi<Page<HeadLease>>(`/leases/head-leases?landlordId=${landlordId}&limit=100`);
  return (
    <Card withBorder component="section" aria-labelledby="head-leases">
      <Title order={3} size="h4" id="head-leases" mb="sm">
        {t('landlords.headLeases')}
      </Title>
      <QueryState query={leases} empty={(p) => p.items.length === 0}>
        {(p) => (
          <ScrollTable minWidth={520} label={t('landlords.headLeases')}>
            <Table striped data-testid="head-leases">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('landlords.scheme')}</Table.Th>
                  <Table.Th>{t('landlords.startDate')}</Table.Th>
                  <Table.Th>{t('landlords.guaranteedMonthlyRent')}</Table.Th>
                  <Table.Th>{t('landlords.managementFee')}</Table.Th>
                  <Table.Th>{t('landlords.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{t(`landlords.schemes.${h.scheme}`)}</Table.Td>
                    <Table.Td>{format.date(h.startDate)}</Table.Td>
                    <Table.Td>{cents(h.guaranteedRentCents)}</Table.Td>
                    <Table.Td>{cents(h.managementFeeCents)}</Table.Td>
                    <Table.Td>
                      <StatusBadge group="landlords.headLeaseStatuses" status={h.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </QueryState>
    </Card>
  );
}

/** A landlord: their details, agreements (sign a draft, draft a new one) and the head leases or mandates of their flats. */
export default function LandlordPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { landlordId } = useParams();
  const landlord = useApi<Landlord>(`/landlords/landlords/${landlordId}`);
  if (landlord.isPending) return <Loading />;
  if (landlord.error) return <ErrorState error={landlord.error} onRetry={() => void landlord.refetch()} />;
  const l = landlord.data;
  return (
    <Stack>
      <Title order={2}>{l.name ?? t('landlords.unnamed')}</Title>
      <Card withBorder component="section" aria-labelledby="landlord-details">
        <Title order={3} size="h4" id="landlord-details" mb="sm">
          {t('landlords.details')}
        </Title>
        <Terms
          items={[
            [t('landlords.status'), <StatusBadge key="s" group="landlords.statuses" status={l.status} />],
            [t('landlords.kind'), t(`landlords.kinds.${l.kind}`)],
            [t('landlords.companyNumber'), l.companyNumber ?? '—'],
            [t('landlords.email'), l.contact?.email ?? '—'],
            [t('landlords.phone'), l.contact?.phone ?? '—'],
            [t('landlords.bankAccount'), l.bankAccount ?? '—'],
            [t('landlords.language'), t(`language.${l.preferredLanguage}`, { defaultValue: l.preferredLanguage })],
            [t('landlords.since'), format.date(l.createdAt)],
            ...(l.statusReason ? ([[t('landlords.statusReason'), l.statusReason]] as [string, string][]) : []),
          ]}
        />
      </Card>
      <Agreements landlord={l} />
      <DraftAgreement landlordId={l.id} />
      <HeadLeases landlordId={l.id} />
    </Stack>
  );
}
