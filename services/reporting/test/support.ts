import { Topics } from '@hearth/contracts';
import { anEnvelope, eventually, queryDatabase, startTestApp, TestApp, testEnv, TestProducer } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { loadReportingConfig } from '../src/config';
import { ReportingModule } from '../src/reporting.module';

// Room for History.applied's catching up (below) inside hooks and tests of every reporting suite.
jest.setTimeout(180_000);

/** Boots reporting in-process over real PostgreSQL, Redis and the test broker. */
export async function startReporting(env: Record<string, string> = {}): Promise<TestApp & { env: NodeJS.ProcessEnv }> {
  const fullEnv = testEnv('reporting', { REPORTING_TIME_ZONE: 'Europe/Brussels', ...env });
  const config = loadReportingConfig(fullEnv);
  const app = await startTestApp(ReportingModule.forRoot(config, { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), config.DATABASE_NAME);
  return Object.assign(app, { env: fullEnv });
}

type Envelope = ReturnType<typeof anEnvelope> & { occurredAt: string };

/** A moment on a day, at noon UTC unless told (noon is the same day in Brussels). */
export const at = (day: string, time = '12:00:00Z') => `${day}T${time}`;

/** Publishes other services' events with the moments the test chooses, and waits for reporting to
 *  have applied them (their inbox rows: a positive signal, never a sleep). */
export class History {
  private published: string[] = [];

  private constructor(
    private readonly producer: TestProducer,
    private readonly service: TestApp,
  ) {}

  static async connect(service: TestApp): Promise<History> {
    return new History(await TestProducer.connect(), service);
  }

  async publish(topic: string, ...events: Envelope[]): Promise<void> {
    for (const event of events) {
      await this.producer.send(topic, event.aggregateId, event);
      this.published.push(event.id);
    }
  }

  applicants = (...events: Envelope[]) => this.publish(Topics.applicants, ...events);
  matching = (...events: Envelope[]) => this.publish(Topics.matching, ...events);
  units = (...events: Envelope[]) => this.publish(Topics.units, ...events);
  leases = (...events: Envelope[]) => this.publish(Topics.leases, ...events);
  mediation = (...events: Envelope[]) => this.publish(Topics.mediation, ...events);

  /**
   * Waits until every event published so far is in the inbox of reporting (or of another instance).
   * A new reporting instance first reads every topic from the beginning, and in a full run the
   * shared broker holds thousands of other suites' rent and payment events: catching up takes a while.
   */
  async applied(service: TestApp = this.service, timeoutMs = 120_000): Promise<void> {
    const ids = [...new Set(this.published)];
    await eventually(async () => {
      const [row] = await queryDatabase<{ n: number }>(service.database, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1::uuid[])', [ids]);
      expect(row.n).toBe(ids.length);
    }, timeoutMs);
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

const letters = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const aReference = () => `HX-${Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('')}`;

function envelope(type: string, source: string, aggregateType: string, aggregateId: string, aggregateVersion: number, occurredAt: string, payload: unknown, version = 1): Envelope {
  return { ...anEnvelope({ type, source, aggregateType, aggregateId, aggregateVersion, payload, version }), occurredAt };
}

/** One household's applicants events, numbered like its aggregate. */
export class HouseholdStream {
  readonly householdId = randomUUID();
  readonly reference = aReference();
  private version = 0;
  private priority = 50;

  constructor(readonly programme: 'housing_first' | 'housing_led' | 'rapid_rehousing' = 'housing_first') {}

  private next(type: string, occurredAt: string, payload: Record<string, unknown>, version = 1) {
    this.version += 1;
    return envelope(type, 'applicants', 'Household', this.householdId, this.version, occurredAt, { householdId: this.householdId, reference: this.reference, ...payload }, version);
  }

  private attributes(status: string) {
    return {
      programme: this.programme,
      status,
      householdSize: 1,
      bedroomsNeeded: 1,
      maxRent: 700,
      wheelchair: false,
      stepFree: false,
      pets: false,
      excludedDistricts: [],
      preferredDistricts: [],
      priority: this.priority,
      waitingSince: this.registeredOn ?? '2019-01-01',
    };
  }

  private registeredOn?: string;

  registered(on: string) {
    this.registeredOn = on;
    return this.next('ApplicantRegistered', at(on), { programme: this.programme, status: 'registered', householdSize: 1, registeredOn: on });
  }

  assessed(on: string, priority: number) {
    this.priority = priority;
    return this.next('ApplicantAssessed', at(on), { status: 'assessed', priority, policyVersion: 1, assessedOn: on });
  }

  waitlisted(occurredAt: string) {
    return this.next('ApplicantWaitlisted', occurredAt, this.attributes('waitlisted'));
  }

  reprioritised(occurredAt: string, priority: number) {
    this.priority = priority;
    return this.next('ApplicantNeedsChanged', occurredAt, this.attributes('waitlisted'));
  }

  offered(occurredAt: string, offerId: string) {
    return this.next('ApplicantOffered', occurredAt, { status: 'offered', offerId });
  }

  paused(occurredAt: string) {
    return this.next('ApplicantPaused', occurredAt, { status: 'paused' }, 2);
  }

  withdrawn(occurredAt: string) {
    return this.next('ApplicantWithdrawn', occurredAt, { status: 'withdrawn' }, 2);
  }

  erased(on: string) {
    return this.next('ApplicantErased', at(on), { status: 'exited', erasedOn: on });
  }
}

/** One offer's matching events. */
export class OfferStream {
  readonly offerId = randomUUID();
  private version = 0;

  constructor(
    readonly unitId: string,
    readonly household: HouseholdStream,
  ) {}

  private next(type: string, occurredAt: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'matching', 'Offer', this.offerId, this.version, occurredAt, {
      offerId: this.offerId,
      unitId: this.unitId,
      householdId: this.household.householdId,
      reference: this.household.reference,
      ...payload,
    });
  }

  proposed(occurredAt: string) {
    return this.next('OfferProposed', occurredAt, { source: 'shortlist', runId: null, score: 10, rank: 1 });
  }

  made(occurredAt: string) {
    return this.next('OfferMade', occurredAt, { responseDeadline: '2031-01-01T00:00:00Z' });
  }

  accepted(occurredAt: string) {
    return this.next('OfferAccepted', occurredAt, { acceptedAt: occurredAt });
  }

  declined(occurredAt: string, reason: string) {
    return this.next('OfferDeclined', occurredAt, { reason, party: reason.split('.')[0] });
  }

  expired(occurredAt: string) {
    return this.next('OfferExpired', occurredAt, { responseDeadline: occurredAt });
  }

  withdrawn(occurredAt: string, previousStatus: 'proposed' | 'offered' | 'accepted', reason = 'fell_through_after_acceptance') {
    return this.next('OfferWithdrawn', occurredAt, { previousStatus, reason });
  }
}

/** One flat's units events. */
export class FlatStream {
  readonly unitId = randomUUID();
  private version = 0;

  constructor(
    readonly district = 'RPT-1',
    readonly buildingId = 'bld-reporting-1',
    readonly landlordId: string = randomUUID(),
  ) {}

  private attributes() {
    return {
      buildingId: this.buildingId,
      district: this.district,
      postalCode: '1000',
      city: 'Brussels',
      address: 'Rue du Rapport 1',
      type: 'apartment',
      bedrooms: 1,
      floorArea: 40,
      maxOccupants: 2,
      rent: 600,
      serviceCharges: 40,
      wheelchairAccessible: false,
      stepFree: false,
      petsAllowed: false,
      availableFrom: null,
    };
  }

  private next(type: string, occurredAt: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'units', 'Unit', this.unitId, this.version, occurredAt, { unitId: this.unitId, landlordId: this.landlordId, ...payload });
  }

  drafted(occurredAt: string) {
    return this.next('UnitDrafted', occurredAt, this.attributes());
  }

  submitted(occurredAt: string) {
    return this.next('UnitSubmittedForInspection', occurredAt, this.attributes());
  }

  available(occurredAt: string) {
    return this.next('UnitBecameAvailable', occurredAt, this.attributes());
  }

  suspended(occurredAt: string) {
    return this.next('UnitSuspendedForRepairs', occurredAt, { inspectionId: randomUUID() });
  }

  reserved(occurredAt: string, offerId: string = randomUUID()) {
    return this.next('UnitReserved', occurredAt, { offerId });
  }

  released(occurredAt: string, offerId: string = randomUUID()) {
    return this.next('UnitReleased', occurredAt, { offerId });
  }

  let(occurredAt: string) {
    return this.next('UnitLet', occurredAt, { leaseId: randomUUID() });
  }

  vacating(occurredAt: string, vacatingOn: string) {
    return this.next('UnitVacating', occurredAt, { leaseId: randomUUID(), vacatingOn });
  }

  withdrawn(occurredAt: string) {
    return this.next('UnitWithdrawn', occurredAt, { reason: 'owner sold the flat' });
  }

  /** A flat drafted, submitted and made available on the same day. */
  listed(day: string) {
    return [this.drafted(at(day, '08:00:00Z')), this.submitted(at(day, '09:00:00Z')), this.available(at(day, '10:00:00Z'))];
  }
}

/** A departure from strict priority order as matching's run events list it. */
export interface Departure {
  kind: 'run_choice' | 'board_exclusion';
  justification: string;
  unitId: string;
  householdId: string;
  priority: number | null;
  passedOverHouseholdId: string | null;
  passedOverPriority: number | null;
}

/** A departure of a flat: the households are made up (reporting keeps neither). */
export function aDeparture(kind: Departure['kind'], justification: string, unitId: string, priority: number, passedOverPriority: number | null = null): Departure {
  return { kind, justification, unitId, householdId: randomUUID(), priority, passedOverHouseholdId: passedOverPriority === null ? null : randomUUID(), passedOverPriority };
}

/** An allocation run's matching events. */
export class RunStream {
  readonly runId = randomUUID();
  private version = 0;

  constructor(readonly mode: 'priority' | 'optimal' = 'optimal') {}

  private next(type: string, occurredAt: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'matching', 'AllocationRun', this.runId, this.version, occurredAt, { runId: this.runId, mode: this.mode, ...payload });
  }

  completed(occurredAt: string, proposals: number, extra: { certificateValid?: boolean | null; approvalRequired?: boolean; caps?: unknown; departures?: Departure[] } = {}) {
    return this.next('AllocationRunCompleted', occurredAt, {
      units: proposals,
      households: proposals * 2,
      proposals,
      totalScore: 100,
      engineVersion: 'test',
      certificateValid: this.mode === 'optimal' ? true : null,
      approvalRequired: true,
      ...extra,
    });
  }

  approved(occurredAt: string, offersProposed: number, excluded = 0, skipped = 0, extra: { approvedPoint?: number | null; noteRecorded?: boolean; departures?: Departure[] } = {}) {
    return this.next('AllocationRunApproved', occurredAt, { offersProposed, excluded, skipped, ...extra });
  }

  rejected(occurredAt: string) {
    return this.next('AllocationRunRejected', occurredAt, {});
  }
}

/** One tenancy's leases events (the leases service's contracts, published by a test producer). */
export class TenancyStream {
  readonly tenancyId = randomUUID();
  private version = 0;

  constructor(
    readonly household: HouseholdStream,
    readonly landlordId: string = randomUUID(),
    readonly unitId: string = randomUUID(),
  ) {}

  private next(type: string, occurredAt: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'leases', 'Tenancy', this.tenancyId, this.version, occurredAt, {
      tenancyId: this.tenancyId,
      unitId: this.unitId,
      householdId: this.household.householdId,
      reference: this.household.reference,
      ...payload,
    });
  }

  started(startDate: string, rentCents = 60_000, serviceChargesCents = 5_000) {
    return this.next('TenancyStarted', at(startDate), { landlordId: this.landlordId, startDate, rentCents, serviceChargesCents });
  }

  noticeGiven(noticeGivenOn: string, endsOn: string, reason: string, givenBy: 'household' | 'agency' | 'landlord' = 'household') {
    return this.next('TenancyNoticeGiven', at(noticeGivenOn), { noticeGivenOn, endsOn, givenBy, reason });
  }

  ended(endedOn: string, reason: string, finalBalanceCents = 0) {
    return this.next('TenancyEnded', at(endedOn), { landlordId: this.landlordId, endedOn, reason, finalBalanceCents });
  }

  /** Leases' RentIndexed: the new rent from effectiveOn (published earlier, on occurredAt). */
  indexed(occurredAt: string, effectiveOn: string, previousRentCents: number, newRentCents: number) {
    return this.next('RentIndexed', occurredAt, { effectiveOn, previousRentCents, newRentCents, indexSeries: 'health-index' });
  }

  arrears(changedOn: string, ageing: string, arrearsCents: number, monthsUnpaid: number, previousAgeing = 'none') {
    return this.next('RentArrearsChanged', at(changedOn), { ageing, previousAgeing, arrearsCents, monthsUnpaid, atRisk: ageing !== 'none' && ageing !== '0_30', changedOn });
  }

  /** The running balance is not kept by reporting: any value will do. */
  charged(month: string, amountCents: number, dueDate = `${month}-01`, occurredAt = at(dueDate, '06:00:00Z')) {
    return this.next('RentCharged', occurredAt, { month, amountCents, dueDate, balanceCents: amountCents });
  }

  paid(receivedOn: string, amountCents: number, source: 'staff' | 'bank_import' | 'benefit') {
    return this.next('PaymentRecorded', at(receivedOn), { paymentId: randomUUID(), amountCents, receivedOn, source, balanceCents: 0 });
  }

  claimOpened(claimId: string, occurredAt: string, kind: string, amountCents: number) {
    return this.next('GuaranteeClaimOpened', occurredAt, { claimId, landlordId: this.landlordId, kind, amountCents });
  }

  claimDecided(claimId: string, occurredAt: string, kind: string, decision: 'approved' | 'partly_approved' | 'rejected', approvedCents: number) {
    return this.next('GuaranteeClaimDecided', occurredAt, { claimId, kind, decision, approvedCents });
  }

  claimPaid(claimId: string, paidOn: string, kind: string, paidCents: number) {
    return this.next('GuaranteeClaimPaid', at(paidOn), { claimId, landlordId: this.landlordId, kind, paidCents, paidOn });
  }
}

/** One complaint's mediation events. */
export class ComplaintStream {
  readonly complaintId = randomUUID();
  readonly unitId = randomUUID();
  private version = 0;

  constructor(readonly tenancyId: string | null = null) {}

  private next(type: string, on: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'mediation', 'Complaint', this.complaintId, this.version, at(on), { complaintId: this.complaintId, unitId: this.unitId, tenancyId: this.tenancyId, ...payload });
  }

  received(receivedOn: string, category: string, acknowledgeBy: string) {
    return this.next('ComplaintReceived', receivedOn, {
      householdId: null,
      category,
      intensity: 'medium',
      channel: 'phone',
      complainantKind: 'neighbour',
      respondentKind: 'household',
      receivedOn,
      acknowledgeBy,
    });
  }

  acknowledged(acknowledgedOn: string, answerBy: string, stage: 1 | 2 = 1) {
    return this.next('ComplaintAcknowledged', acknowledgedOn, { stage, acknowledgedOn, answerBy });
  }

  answered(answeredOn: string, answerBy: string, upheld: boolean, stage: 1 | 2 = 1) {
    return this.next('ComplaintAnswered', answeredOn, { stage, answeredOn, answerBy, late: answeredOn > answerBy, upheld });
  }

  escalated(escalatedOn: string, to: 'stage_2' | 'mediation', mediationId: string | null = null) {
    return this.next('ComplaintEscalated', escalatedOn, { to, mediationId, escalatedOn, acknowledgeBy: null });
  }
}

/** One mediation case's events. */
export class MediationStream {
  readonly mediationId = randomUUID();
  readonly unitId = randomUUID();
  private version = 0;

  constructor(readonly tenancyId: string | null = null) {}

  private next(type: string, on: string, payload: Record<string, unknown>) {
    this.version += 1;
    return envelope(type, 'mediation', 'Mediation', this.mediationId, this.version, at(on), { mediationId: this.mediationId, unitId: this.unitId, tenancyId: this.tenancyId, ...payload });
  }

  agreement(on: string) {
    return this.next('MediationAgreementReached', on, { agreementId: randomUUID(), commitments: 2, followUpOn: on });
  }

  closed(closedOn: string, outcome: string, exclusion: string | null = null) {
    return this.next('MediationClosed', closedOn, { outcome, exclusion, closedOn });
  }
}

/** A tenancy's risk signal (mediation's TenancyRisk aggregate, keyed by the tenancy). */
export class RiskStream {
  private version = 0;

  constructor(readonly tenancy: TenancyStream) {}

  private next(type: string, on: string, payload: Record<string, unknown>) {
    this.version += 1;
    const { tenancyId, unitId, household } = this.tenancy;
    return envelope(type, 'mediation', 'TenancyRisk', tenancyId, this.version, at(on), { tenancyId, unitId, householdId: household.householdId, reference: household.reference, threshold: 50, ...payload });
  }

  atRisk(on: string) {
    return this.next('TenancyAtRisk', on, { score: 60, factors: [{ factor: 'arrears', contribution: 60 }] });
  }

  cleared(on: string) {
    return this.next('TenancyRiskCleared', on, { score: 10 });
  }
}
