import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same history. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryEvent {
  topic: 'hearth.applicants' | 'hearth.units' | 'hearth.matching' | 'hearth.leases' | 'hearth.mediation';
  key: string;
  value: string;
}

export interface HistoryOptions {
  households: number;
  flats: number;
  tenancies: number;
  years: number;
  /** First day of the history (yyyy-mm-dd). */
  start: string;
  seed?: number;
  /** Rent charged every 30 days and its payments (about 420,000 events for 10,000 tenancies over five years); on by default. */
  rent?: boolean;
}

const DAY_MS = 86_400_000;
const PROGRAMMES = ['housing_first', 'housing_led', 'rapid_rehousing'] as const;
const HOUSEHOLD_DECLINES = ['household.too_far_from_support', 'household.unsafe_area', 'household.too_expensive', 'household.personal_circumstances'];
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const END_REASONS = ['moved_to_permanent_housing', 'moved_to_other_sra_flat', 'left_without_notice', 'evicted_for_arrears', 'terminated_by_household', 'deceased'];
const CATEGORIES = ['noise', 'hygiene', 'damage', 'neighbour_conflict', 'safety'];
const PAYMENT_SOURCES = ['staff', 'bank_import', 'benefit'];

/**
 * A synthetic history as applicants, units and matching would have published it over `years`:
 * households registered, assessed and waitlisted; flats listed; for each tenancy, a household
 * declining 0–2 offers first, then accepting a flat that is reserved and let, the tenancy ending
 * and the flat coming back; some households withdrawing; weekly allocation runs. Each aggregate's
 * events are in version order. Leases tell each tenancy's start and end (with a reason), a fifth of
 * the tenancies fall into arrears and back; rent is charged every 30 days and paid (not while
 * behind), half the owners of tenancies in arrears claim them under the guarantee; mediation a complaint about one tenancy in ten.
 */
export function syntheticHistory(options: HistoryOptions): { events: HistoryEvent[]; counts: Record<string, number>; lastDay: string } {
  const rnd = random(options.seed ?? 20_261_130);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const startMs = Date.parse(`${options.start}T12:00:00Z`);
  const [year, month, day] = options.start.split('-').map(Number);
  const days = Math.round((Date.UTC(year + options.years, month - 1, day) - Date.UTC(year, month - 1, day)) / DAY_MS);
  const instant = (day: number) => new Date(startMs + day * DAY_MS).toISOString();
  const date = (day: number) => instant(day).slice(0, 10);
  const events: HistoryEvent[] = [];
  const counts: Record<string, number> = {};
  const versions = new Map<string, number>();
  const emit = (topic: HistoryEvent['topic'], source: string, aggregateType: string, aggregateId: string, type: string, day: number, payload: unknown, version = 1) => {
    const aggregateVersion = (versions.get(aggregateId) ?? 0) + 1;
    versions.set(aggregateId, aggregateVersion);
    counts[type] = (counts[type] ?? 0) + 1;
    const envelope = {
      id: uuidv7(),
      type,
      version,
      source,
      aggregateType,
      aggregateId,
      aggregateVersion,
      occurredAt: instant(day),
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'system', role: 'system' },
      payload,
    };
    events.push({ topic, key: aggregateId, value: JSON.stringify(envelope) });
  };

  // Households: registered over the whole period, each waitlisted soon after.
  const households = Array.from({ length: options.households }, (_, i) => {
    const registered = int(0, days - 30);
    return {
      id: randomUUID(),
      reference: `HX-${Array.from({ length: 6 }, (_, k) => ALPHABET[(i * 7919 + k * 31 + 12345) % 31]).join('')}`,
      programme: PROGRAMMES[int(0, 2)],
      registered,
      waitlisted: registered + int(1, 30),
      priority: int(0, 1000) / 10,
      timeline: [] as { day: number; emit: () => void }[],
    };
  });
  const byWaitlisted = [...households].sort((a, b) => a.waitlisted - b.waitlisted);
  const housed = new Set<string>();
  const matchingAttributes = (h: (typeof households)[number], status: string) => ({
    householdId: h.id,
    reference: h.reference,
    programme: h.programme,
    status,
    householdSize: 1,
    bedroomsNeeded: 1,
    maxRent: 700,
    wheelchair: false,
    stepFree: false,
    pets: false,
    excludedDistricts: [],
    preferredDistricts: [],
    priority: h.priority,
    waitingSince: date(h.registered),
  });
  for (const h of households) {
    h.timeline.push({ day: h.registered, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantRegistered', h.registered, { householdId: h.id, reference: h.reference, programme: h.programme, status: 'registered', householdSize: 1, registeredOn: date(h.registered) }) });
    h.timeline.push({ day: h.registered, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantAssessed', h.registered, { householdId: h.id, reference: h.reference, status: 'assessed', priority: h.priority, policyVersion: 1, assessedOn: date(h.registered) }) });
    h.timeline.push({ day: h.waitlisted, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantWaitlisted', h.waitlisted, matchingAttributes(h, 'waitlisted')) });
  }

  // Flats and their lets: each flat in turn takes the longest-waiting household not yet housed.
  const flats = Array.from({ length: options.flats }, (_, j) => ({
    id: randomUUID(),
    landlordId: randomUUID(),
    district: `D${(j % 20) + 1}`,
    buildingId: `B${Math.floor(j / 5) + 1}`,
    cursor: int(0, Math.floor(days / 2)),
    timeline: [] as { day: number; emit: () => void }[],
  }));
  const attributes = (f: (typeof flats)[number]) => ({
    unitId: f.id,
    landlordId: f.landlordId,
    buildingId: f.buildingId,
    district: f.district,
    postalCode: '1000',
    city: 'Brussels',
    address: 'Synthetic street 1',
    type: 'apartment',
    bedrooms: 1,
    floorArea: 45,
    maxOccupants: 2,
    rent: 650,
    serviceCharges: 40,
    wheelchairAccessible: false,
    stepFree: false,
    petsAllowed: false,
    availableFrom: null,
  });
  for (const f of flats) {
    const listed = f.cursor;
    f.timeline.push({ day: listed, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitDrafted', listed, attributes(f)) });
    f.timeline.push({ day: listed, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitSubmittedForInspection', listed, attributes(f)) });
    f.timeline.push({ day: listed, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitBecameAvailable', listed, attributes(f)) });
  }
  const offers: (() => void)[] = [];
  const leases: (() => void)[] = [];
  let tenancies = 0;
  let next = 0;
  for (let round = 0; tenancies < options.tenancies && round < 50; round += 1) {
    for (const f of flats) {
      if (tenancies >= options.tenancies) break;
      const accepted = f.cursor + int(3, 90);
      if (accepted + 8 >= days) continue;
      while (next < byWaitlisted.length && housed.has(byWaitlisted[next].id)) next += 1;
      const h = byWaitlisted[next];
      if (!h || h.waitlisted >= accepted - 3) continue;
      housed.add(h.id);
      tenancies += 1;
      // 0–2 offers declined first, on other flats, each followed by a return to the waitlist.
      const declines = int(0, 2);
      for (let d = 0; d < declines; d += 1) {
        const offerId = randomUUID();
        const unitId = randomUUID();
        const made = accepted - 3 + d - declines;
        if (made <= h.waitlisted) continue;
        const reason = HOUSEHOLD_DECLINES[int(0, HOUSEHOLD_DECLINES.length - 1)];
        const ref = { offerId, unitId, householdId: h.id, reference: h.reference };
        offers.push(() => {
          emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferProposed', made, { ...ref, source: 'shortlist', runId: null, score: 50, rank: 1 });
          emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferMade', made, { ...ref, responseDeadline: instant(made + 5) });
          emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferDeclined', made, { ...ref, reason, party: 'household' });
        });
        h.timeline.push({ day: made, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantOffered', made, { householdId: h.id, reference: h.reference, status: 'offered', offerId }) });
        h.timeline.push({ day: made, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantWaitlisted', made, matchingAttributes(h, 'waitlisted')) });
      }
      const offerId = randomUUID();
      const ref = { offerId, unitId: f.id, householdId: h.id, reference: h.reference };
      const made = accepted - 2;
      offers.push(() => {
        emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferProposed', made, { ...ref, source: 'shortlist', runId: null, score: 60, rank: 1 });
        emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferMade', made, { ...ref, responseDeadline: instant(made + 5) });
        emit('hearth.matching', 'matching', 'Offer', offerId, 'OfferAccepted', accepted, { ...ref, acceptedAt: instant(accepted) });
      });
      h.timeline.push({ day: made, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantOffered', made, { householdId: h.id, reference: h.reference, status: 'offered', offerId }) });
      const leaseId = randomUUID();
      const moveIn = accepted + 7;
      const ends = moveIn + int(180, 1_100);
      f.timeline.push({ day: accepted, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitReserved', accepted, { unitId: f.id, landlordId: f.landlordId, offerId }) });
      f.timeline.push({ day: moveIn, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitLet', moveIn, { unitId: f.id, landlordId: f.landlordId, leaseId }) });
      const tenancyId = randomUUID();
      const tenancyRef = { tenancyId, unitId: f.id, householdId: h.id, reference: h.reference };
      const endsInHistory = ends + 30 < days;
      const endReason = END_REASONS[int(0, END_REASONS.length - 1)];
      const inArrears = rnd() < 0.2 ? moveIn + int(30, 150) : null;
      const complaint = rnd() < 0.1 ? moveIn + int(10, 150) : null;
      leases.push(() => {
        emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'TenancyStarted', moveIn, { ...tenancyRef, landlordId: f.landlordId, startDate: date(moveIn), rentCents: 65_000, serviceChargesCents: 4_000 });
        // Rent charged every 30 days while the tenancy runs, paid within 5 days unless it is in
        // arrears then (the 40 days after falling behind), when two months are paid back at once.
        const lastDay = endsInHistory ? ends : days - 1;
        for (let due = moveIn; options.rent !== false && due <= lastDay; due += 30) {
          emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'RentCharged', due, { ...tenancyRef, month: date(due).slice(0, 7), amountCents: 69_000, dueDate: date(due), balanceCents: 69_000 });
          const behind = inArrears !== null && due >= inArrears - 30 && due < inArrears + 40;
          const paidOn = due + int(0, 5);
          if (!behind && paidOn <= lastDay) {
            emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'PaymentRecorded', paidOn, {
              ...tenancyRef,
              paymentId: randomUUID(),
              amountCents: 69_000,
              receivedOn: date(paidOn),
              source: PAYMENT_SOURCES[int(0, PAYMENT_SOURCES.length - 1)],
              balanceCents: 0,
            });
          }
        }
        if (options.rent !== false && inArrears !== null && inArrears + 40 <= lastDay) {
          emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'PaymentRecorded', inArrears + 40, { ...tenancyRef, paymentId: randomUUID(), amountCents: 138_000, receivedOn: date(inArrears + 40), source: 'staff', balanceCents: 0 });
        }
        // Half the owners of tenancies that fell behind claim the arrears under the guarantee.
        if (inArrears !== null && rnd() < 0.5 && inArrears + 120 < days) {
          const claimId = randomUUID();
          const kind = 'arrears';
          const decided = inArrears + 45 + int(5, 40);
          const approvedCents = rnd() < 0.7 ? 138_000 : 100_000;
          emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'GuaranteeClaimOpened', inArrears + 45, { ...tenancyRef, claimId, landlordId: f.landlordId, kind, amountCents: 138_000 });
          emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'GuaranteeClaimDecided', decided, { ...tenancyRef, claimId, kind, decision: approvedCents === 138_000 ? 'approved' : 'partly_approved', approvedCents });
          const paid = decided + int(5, 30);
          emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'GuaranteeClaimPaid', paid, { ...tenancyRef, claimId, landlordId: f.landlordId, kind, paidCents: approvedCents, paidOn: date(paid) });
        }
        if (inArrears !== null && (!endsInHistory || inArrears + 40 < ends) && inArrears + 40 < days) {
          const arrears = (on: number, ageing: string, previousAgeing: string, cents: number) =>
            emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'RentArrearsChanged', on, { ...tenancyRef, ageing, previousAgeing, arrearsCents: cents, monthsUnpaid: cents / 69_000, atRisk: ageing !== 'none', changedOn: date(on) });
          arrears(inArrears, '0_30', 'none', 69_000);
          arrears(inArrears + 35, '31_60', '0_30', 138_000);
          if (rnd() < 0.5) arrears(inArrears + 40, 'none', '31_60', 0);
        }
        if (endsInHistory) emit('hearth.leases', 'leases', 'Tenancy', tenancyId, 'TenancyEnded', ends, { ...tenancyRef, landlordId: f.landlordId, endedOn: date(ends), reason: endReason, finalBalanceCents: 0 });
        if (complaint !== null && complaint + 20 < days) {
          const complaintId = randomUUID();
          const ref = { complaintId, unitId: f.id, tenancyId };
          emit('hearth.mediation', 'mediation', 'Complaint', complaintId, 'ComplaintReceived', complaint, {
            ...ref,
            householdId: null,
            category: CATEGORIES[int(0, CATEGORIES.length - 1)],
            intensity: 'medium',
            channel: 'phone',
            complainantKind: 'neighbour',
            respondentKind: 'household',
            receivedOn: date(complaint),
            acknowledgeBy: date(complaint + 3),
          });
          emit('hearth.mediation', 'mediation', 'Complaint', complaintId, 'ComplaintAcknowledged', complaint + 1, { ...ref, stage: 1, acknowledgedOn: date(complaint + 1), answerBy: date(complaint + 15) });
          const answered = complaint + int(5, 20);
          emit('hearth.mediation', 'mediation', 'Complaint', complaintId, 'ComplaintAnswered', answered, { ...ref, stage: 1, answeredOn: date(answered), answerBy: date(complaint + 15), late: answered > complaint + 15, upheld: rnd() < 0.5 });
        }
      });
      if (endsInHistory) {
        f.timeline.push({ day: ends - 30, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitVacating', ends - 30, { unitId: f.id, landlordId: f.landlordId, leaseId, vacatingOn: date(ends) }) });
        const again = ends + int(0, 30);
        f.timeline.push({ day: again, emit: () => emit('hearth.units', 'units', 'Unit', f.id, 'UnitBecameAvailable', again, attributes(f)) });
        f.cursor = again;
      } else {
        f.cursor = days;
      }
    }
  }
  // A fifth of the households never housed withdraw within a year of joining the waitlist.
  for (const h of households) {
    if (housed.has(h.id) || rnd() >= 0.2) continue;
    const day = Math.min(days - 1, h.waitlisted + int(30, 365));
    h.timeline.push({ day, emit: () => emit('hearth.applicants', 'applicants', 'Household', h.id, 'ApplicantWithdrawn', day, { householdId: h.id, reference: h.reference, status: 'withdrawn' }, 2) });
  }
  for (const h of households) for (const step of h.timeline.sort((a, b) => a.day - b.day)) step.emit();
  for (const f of flats) for (const step of f.timeline.sort((a, b) => a.day - b.day)) step.emit();
  for (const offer of offers) offer();
  for (const lease of leases) lease();
  // Weekly allocation runs, approved.
  for (let day = 7; day < days; day += 7) {
    const runId = randomUUID();
    const mode = day % 14 === 0 ? 'optimal' : 'priority';
    emit('hearth.matching', 'matching', 'AllocationRun', runId, 'AllocationRunCompleted', day, { runId, mode, units: 20, households: 400, proposals: 18, totalScore: 900, engineVersion: 'bench', certificateValid: mode === 'optimal' ? true : null, approvalRequired: true });
    emit('hearth.matching', 'matching', 'AllocationRun', runId, 'AllocationRunApproved', day + 1, { runId, mode, offersProposed: 17, excluded: 1, skipped: 0 });
  }
  return { events, counts: { ...counts, tenancies }, lastDay: date(days - 1) };
}
