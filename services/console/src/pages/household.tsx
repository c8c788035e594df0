import { Alert, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { api } from '../api/session';
import { ErrorState, Loading, QueryState } from '../components/states';
import { useFormat } from '../format';
import { HouseholdTenancies } from './caseworker-tenancy';
import { errorsOf, Refusal, StatusBadge, Terms, today } from './parts';

/** The purposes the applicants service accepts for a read of personal data (access-purpose.ts); every read is logged with it. */
const PURPOSES = ['case_review', 'support_planning', 'assessment', 'offer_preparation', 'safeguarding', 'data_subject_request', 'audit'];
const SCOPES = ['processing', 'matching', 'sharing_with_support_services'];
const GIVERS = ['applicant', 'legal_guardian', 'authorised_representative'];
const SITUATIONS = ['rough_sleeping', 'emergency_shelter', 'leaving_institution', 'temporary_accommodation', 'overcrowded', 'other'];
const VULNERABILITIES = ['health', 'disability', 'age', 'domesticViolence', 'children'] as const;

interface Household {
  id: string;
  version: number;
  reference: string;
  programme: string;
  status: string;
  waitingDays: number;
  composition: { householdSize: number; adults: number; couples: number; childrenAges: number[] };
  needs: { recorded: boolean; bedroomsNeeded: number | null; bedroomsOverridden: boolean; wheelchair: boolean; stepFree: boolean; pets: boolean; maxRent: string | number | null; maxRentBasis: string | null; preferredDistricts: string[]; excludedDistricts: string[] };
  consent: { inForce: boolean; scope: string[] };
  assessmentScore: number | null;
  priority: number | null;
  urgent: boolean;
}

interface PersonalData {
  primaryContact: { fullName: string; dateOfBirth: string; phone: string | null; email: string | null; preferredLanguage: string };
  referral: { source: string; organisation: string | null; note: string | null };
  legalStatus: { status: string; note: string | null } | null;
  notes: string | null;
  needs: { maxRentReason: string | null; bedroomsOverrideReason: string | null } | null;
  currentAssessment: { assessedOn: string; score: number; details: { livingSituation?: string; notes?: string | null } | null } | null;
  consents: { id: string; scope: string[]; givenOn: string; givenBy: string; endedOn: string | null; endReason: string | null }[];
}

/**
 * A household on the caseworker's caseload: its status, needs and score; its personal data only
 * after the caseworker says why they read it (the applicants service logs each read with that
 * purpose); consent, needs and assessment forms with the API's refusals next to the fields.
 */
export default function HouseholdPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { householdId } = useParams();
  const household = useApi<Household>(`/applicants/households/${householdId}`);
  return (
    <Stack>
      <QueryState query={household}>
        {(h) => (
          <>
            <Title order={2}>{t('household.title', { reference: h.reference })}</Title>
            <Card withBorder>
              <Terms
                items={[
                  [t('household.status'), <StatusBadge key="s" group="householdStatus" status={h.status} testId="household-status" />],
                  [t('caseload.programme'), t(`programme.${h.programme}`, { defaultValue: h.programme })],
                  [t('waitlist.waitingDays'), format.number(h.waitingDays)],
                  [t('household.size'), t('household.sizeValue', { people: h.composition.householdSize, adults: h.composition.adults })],
                  [t('household.score'), <span key="score" data-testid="assessment-score">{h.assessmentScore === null ? t('household.notAssessed') : format.number(h.assessmentScore)}</span>],
                  [t('household.consent'), h.consent.inForce ? h.consent.scope.map((s) => t(`household.scope.${s}`)).join(', ') : t('household.noConsent')],
                  [t('household.needs'), <NeedsSummary key="needs" household={h} />],
                ]}
              />
            </Card>
            <HouseholdTenancies householdId={h.id} />
            <PersonalDataSection householdId={h.id} />
            <ConsentForm household={h} />
            <NeedsForm household={h} />
            <AssessmentForm household={h} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function NeedsSummary({ household: h }: { household: Household }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!h.needs.recorded) return <span data-testid="needs-summary">{t('household.needsNotRecorded')}</span>;
  const flags = [h.needs.wheelchair && t('household.wheelchair'), h.needs.stepFree && t('household.stepFree'), h.needs.pets && t('household.pets')].filter(Boolean);
  return (
    <span data-testid="needs-summary">
      {[t('household.bedroomsValue', { count: h.needs.bedroomsNeeded ?? 0 }), t('household.maxRentValue', { amount: format.money(h.needs.maxRent) }), ...flags, ...(h.needs.preferredDistricts.length ? [h.needs.preferredDistricts.join(', ')] : [])].join(' · ')}
    </span>
  );
}

/**
 * One click, one read, one line in the access log: the data is fetched when asked for and kept
 * on screen as read (not in the query cache, whose refreshes after every change and live event
 * would read it again, and log it again, without the caseworker asking).
 */
function PersonalDataSection({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState('');
  const read = useMutation({
    mutationFn: (purpose: string) => api<PersonalData>(`/applicants/households/${householdId}/personal-data?purpose=${purpose}`).then((data) => ({ purpose, data })),
  });
  return (
    <Card withBorder component="section" aria-labelledby="personal-data-title">
      <Stack>
        <Title order={3} id="personal-data-title">
          {t('household.personalData')}
        </Title>
        <Text size="sm">{t('household.purposeHelp')}</Text>
        <Group align="flex-end">
          <NativeSelect
            label={t('household.purpose')}
            name="purpose"
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
            data={[{ value: '', label: t('household.choosePurpose') }, ...PURPOSES.map((p) => ({ value: p, label: t(`household.purposes.${p}`) }))]}
          />
          <Button disabled={!choice} loading={read.isPending} onClick={() => read.mutate(choice)}>
            {t('household.showPersonalData')}
          </Button>
        </Group>
        {read.isPending && <Loading />}
        {read.error && <ErrorState error={read.error} onRetry={() => read.mutate(choice)} />}
        {read.data && !read.isPending && <ShownPersonalData purpose={read.data.purpose} d={read.data.data} />}
      </Stack>
    </Card>
  );
}

function ShownPersonalData({ purpose, d }: { purpose: string; d: PersonalData }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div data-testid="personal-data">
      <Text size="sm" c="dimmed">
        {t('household.readFor', { purpose: t(`household.purposes.${purpose}`) })}
      </Text>
      <Terms
        items={[
          [t('household.fullName'), d.primaryContact.fullName],
          [t('household.dateOfBirth'), format.date(d.primaryContact.dateOfBirth)],
          [t('household.phone'), d.primaryContact.phone],
          [t('household.email'), d.primaryContact.email],
          [t('household.referral'), [t(`household.referralSource.${d.referral.source}`, { defaultValue: d.referral.source }), d.referral.organisation].filter(Boolean).join(' — ')],
          [t('household.notes'), d.notes],
          [t('household.maxRentReason'), d.needs?.maxRentReason],
          [t('household.currentAssessment'), d.currentAssessment ? t('household.assessedValue', { date: format.date(d.currentAssessment.assessedOn), score: format.number(d.currentAssessment.score) }) : null],
          [
            t('household.consents'),
            d.consents.length === 0
              ? t('household.noConsent')
              : d.consents
                  .map((c) => `${c.scope.map((s) => t(`household.scope.${s}`)).join(', ')} (${format.date(c.givenOn)}${c.endedOn ? ` → ${format.date(c.endedOn)}` : ''})`)
                  .join('; '),
          ],
        ]}
      />
    </div>
  );
}

function ConsentForm({ household }: { household: Household }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<string[]>(household.consent.scope);
  const [givenOn, setGivenOn] = useState(today());
  const [givenBy, setGivenBy] = useState('applicant');
  const [note, setNote] = useState('');
  const give = useApiMutation((body: Record<string, unknown>) => ({ path: `/applicants/households/${household.id}/consent`, body }));
  const withdraw = useApiMutation((body: Record<string, unknown>) => ({ path: `/applicants/households/${household.id}/consent/withdraw`, body }));
  const error = errorsOf(give.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    withdraw.reset();
    give.mutate({ expectedVersion: household.version, scope, givenOn, givenBy, ...(note ? { note } : {}) });
  };
  return (
    <Card withBorder component="section" aria-labelledby="consent-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} id="consent-title">
            {t('household.consentTitle')}
          </Title>
          <Checkbox.Group label={t('household.scopeLabel')} value={scope} onChange={setScope} error={error('scope')}>
            <Group mt="xs">
              {SCOPES.map((s) => (
                <Checkbox key={s} value={s} name="scope" label={t(`household.scope.${s}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <div className="grid-2">
            <TextInput type="date" label={t('household.givenOn')} name="givenOn" value={givenOn} onChange={(e) => setGivenOn(e.currentTarget.value)} error={error('givenOn')} />
            <NativeSelect label={t('household.givenBy')} name="givenBy" value={givenBy} onChange={(e) => setGivenBy(e.currentTarget.value)} data={GIVERS.map((g) => ({ value: g, label: t(`household.givers.${g}`) }))} error={error('givenBy')} />
          </div>
          <Textarea label={t('household.note')} name="consentNote" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={error('note')} />
          <Refusal error={give.error ?? withdraw.error} />
          {(give.isSuccess || withdraw.isSuccess) && (
            <Alert color="green" data-testid="consent-saved">
              {give.isSuccess ? t('household.consentRecorded') : t('household.consentWithdrawn')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={give.isPending}>
              {t('household.recordConsent')}
            </Button>
            <Button
              variant="outline"
              color="red"
              disabled={!household.consent.inForce}
              loading={withdraw.isPending}
              onClick={() => {
                give.reset();
                withdraw.mutate({ expectedVersion: household.version, ...(note ? { note } : {}) });
              }}
            >
              {t('household.withdrawConsent')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

const amount = (value: number | string) => (value === '' ? undefined : Number(value));

/** Lines of `DISTRICT: reason` (the reason of each excluded district is personal data, so it is asked again). */
function parseExclusions(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      return at < 0 ? { district: line, reason: '' } : { district: line.slice(0, at).trim(), reason: line.slice(at + 1).trim() };
    });
}

/**
 * The needs matching uses. The API replaces them all at once, so every part is on the form:
 * the bedrooms override and the excluded districts come back without their reasons (personal
 * data, not read here) and must be given again to be kept.
 */
function NeedsForm({ household }: { household: Household }) {
  const { t } = useTranslation();
  const n = household.needs;
  const [wheelchair, setWheelchair] = useState(n.wheelchair);
  const [stepFree, setStepFree] = useState(n.stepFree);
  const [pets, setPets] = useState(n.pets);
  const [basis, setBasis] = useState(n.maxRentBasis === 'rule' ? 'rule' : 'set');
  const [maxRent, setMaxRent] = useState<number | string>(n.maxRent === null ? '' : Number(n.maxRent));
  const [reason, setReason] = useState('');
  const [income, setIncome] = useState<number | string>('');
  const [benefits, setBenefits] = useState<number | string>(0);
  const [bedrooms, setBedrooms] = useState<number | string>(n.bedroomsOverridden ? (n.bedroomsNeeded ?? '') : '');
  const [bedroomsReason, setBedroomsReason] = useState('');
  const [districts, setDistricts] = useState(n.preferredDistricts.join(', '));
  const [excluded, setExcluded] = useState(n.excludedDistricts.map((d) => `${d}: `).join('\n'));
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/applicants/households/${household.id}/needs`, method: 'PUT', body }));
  const error = errorsOf(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      expectedVersion: household.version,
      wheelchair,
      stepFree,
      pets,
      rent: basis === 'rule' ? { basis, monthlyIncome: amount(income), monthlyBenefits: amount(benefits) } : { basis, maxRent: amount(maxRent), ...(reason ? { reason } : {}) },
      bedroomsOverride: bedrooms === '' ? null : { bedrooms: Number(bedrooms), reason: bedroomsReason },
      preferredDistricts: districts
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
      excludedDistricts: parseExclusions(excluded),
    });
  };
  return (
    <Card withBorder component="section" aria-labelledby="needs-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} id="needs-title">
            {t('household.needsTitle')}
          </Title>
          <Group>
            <Checkbox label={t('household.wheelchair')} name="wheelchair" checked={wheelchair} onChange={(e) => setWheelchair(e.currentTarget.checked)} />
            <Checkbox label={t('household.stepFree')} name="stepFree" checked={stepFree} onChange={(e) => setStepFree(e.currentTarget.checked)} />
            <Checkbox label={t('household.pets')} name="pets" checked={pets} onChange={(e) => setPets(e.currentTarget.checked)} />
          </Group>
          <div className="grid-2">
            <NativeSelect label={t('household.rentBasis')} name="rentBasis" value={basis} onChange={(e) => setBasis(e.currentTarget.value)} data={['set', 'rule'].map((b) => ({ value: b, label: t(`household.basis.${b}`) }))} />
            {basis === 'set' ? (
              <>
                <NumberInput label={t('household.maxRent')} name="maxRent" min={0} decimalScale={2} value={maxRent} onChange={setMaxRent} error={error('rent.maxRent') ?? error('rent')} required />
                <TextInput label={t('household.maxRentReason')} name="maxRentReason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error('rent.reason')} />
              </>
            ) : (
              <>
                <NumberInput label={t('household.monthlyIncome')} name="monthlyIncome" min={0} decimalScale={2} value={income} onChange={setIncome} error={error('rent.monthlyIncome') ?? error('rent')} required />
                <NumberInput label={t('household.monthlyBenefits')} name="monthlyBenefits" min={0} decimalScale={2} value={benefits} onChange={setBenefits} error={error('rent.monthlyBenefits')} />
              </>
            )}
            <NumberInput label={t('household.bedroomsOverride')} description={t('household.bedroomsOverrideHelp')} name="bedroomsOverride" min={0} max={10} value={bedrooms} onChange={setBedrooms} error={error('bedroomsOverride.bedrooms')} />
            <TextInput label={t('household.bedroomsOverrideReason')} name="bedroomsOverrideReason" value={bedroomsReason} onChange={(e) => setBedroomsReason(e.currentTarget.value)} error={error('bedroomsOverride.reason') ?? error('bedroomsOverride')} />
            <TextInput label={t('household.preferredDistricts')} description={t('household.districtsHelp')} name="preferredDistricts" value={districts} onChange={(e) => setDistricts(e.currentTarget.value)} error={error('preferredDistricts')} />
            <Textarea label={t('household.excludedDistricts')} description={t('household.excludedHelp')} name="excludedDistricts" value={excluded} onChange={(e) => setExcluded(e.currentTarget.value)} error={error('excludedDistricts')} />
          </div>
          <Refusal error={save.error} />
          {save.isSuccess && (
            <Alert color="green" data-testid="needs-saved">
              {t('household.needsSaved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('household.saveNeeds')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function AssessmentForm({ household }: { household: Household }) {
  const { t } = useTranslation();
  const [assessedOn, setAssessedOn] = useState(today());
  const [livingSituation, setLivingSituation] = useState('temporary_accommodation');
  const [leavingOn, setLeavingOn] = useState('');
  const [months, setMonths] = useState<number | string>(0);
  const [vulnerabilities, setVulnerabilities] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const assess = useApiMutation((body: Record<string, unknown>) => ({ path: `/applicants/households/${household.id}/assessments`, body }));
  const error = errorsOf(assess.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    assess.mutate({
      expectedVersion: household.version,
      assessedOn,
      livingSituation,
      ...(leavingOn ? { leavingInstitutionOn: leavingOn } : {}),
      monthsHomelessLast3Years: amount(months),
      vulnerabilities: Object.fromEntries(VULNERABILITIES.map((v) => [v, vulnerabilities.includes(v)])),
      ...(notes ? { notes } : {}),
    });
  };
  return (
    <Card withBorder component="section" aria-labelledby="assessment-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} id="assessment-title">
            {t('household.assessmentTitle')}
          </Title>
          <div className="grid-2">
            <TextInput type="date" label={t('household.assessedOn')} name="assessedOn" value={assessedOn} onChange={(e) => setAssessedOn(e.currentTarget.value)} error={error('assessedOn')} />
            <NativeSelect label={t('household.livingSituation')} name="livingSituation" value={livingSituation} onChange={(e) => setLivingSituation(e.currentTarget.value)} data={SITUATIONS.map((s) => ({ value: s, label: t(`situation.${s}`) }))} error={error('livingSituation')} />
            <TextInput type="date" label={t('household.leavingInstitutionOn')} name="leavingInstitutionOn" value={leavingOn} onChange={(e) => setLeavingOn(e.currentTarget.value)} error={error('leavingInstitutionOn')} />
            <NumberInput label={t('household.monthsHomeless')} name="monthsHomeless" min={0} max={36} value={months} onChange={setMonths} error={error('monthsHomelessLast3Years')} />
          </div>
          <Checkbox.Group label={t('household.vulnerabilities')} value={vulnerabilities} onChange={setVulnerabilities} error={error('vulnerabilities')}>
            <Group mt="xs">
              {VULNERABILITIES.map((v) => (
                <Checkbox key={v} value={v} name="vulnerability" label={t(`vulnerability.${v}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea label={t('household.notes')} name="assessmentNotes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={error('notes')} />
          <Refusal error={assess.error} />
          {assess.isSuccess && (
            <Alert color="green" data-testid="assessed">
              {t('household.assessed')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={assess.isPending}>
              {t('household.assess')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
