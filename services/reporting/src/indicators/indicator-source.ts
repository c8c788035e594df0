import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AllocationRuns, allocationRuns, RunRow } from './allocation-runs';
import { OfferRow, Offers, offers } from './offers';
import { Question } from './question';
import { ComplaintRow, Mediation, mediation, MediationRow, RiskRow } from './mediation';
import { BuildingCount, Caps, OCCUPIED, Spread, spread, SpreadCaps, WITH_THE_AGENCY } from './spread';
import { DecidedRunRow, DepartureRow, PriorityDepartures, priorityDepartures } from './priority-departures';
import { ChargeTotal, Collection, collection, PaymentTotal } from './collection';
import { ClaimRow, GuaranteeClaims, guaranteeClaims } from './guarantee-claims';
import { Arrears, arrears, ArrearsRow, EndedTenancyRow, ReturnsToWaitlist, returnsToWaitlist, Sustainment, sustainment, TenancyRow } from './tenancies';
import { journey, JourneyRow, PRIORITY_BAND_SQL, TimeToHouse, timeToHouse, waitingGroup, WaitingGroupRow } from './time-to-house';
import { dayStatsColumns } from './stats';
import { Vacancy, vacancyOfSpells, VacancySpell } from './vacancy';
import { Flows, Waitlist, waitlist } from './waitlist';
import { AVAILABILITY_STEPS } from '../journeys/household-journey';

export const INDICATORS = [
  'time-to-house',
  'waitlist',
  'vacancy',
  'offers',
  'allocation-runs',
  'priority-departures',
  'spread',
  'sustainment',
  'returns-to-waitlist',
  'arrears',
  'collection',
  'guarantee-claims',
  'mediation',
] as const;

export const SPREAD_CAPS = Symbol('SPREAD_CAPS');
export type IndicatorName = (typeof INDICATORS)[number];

export interface IndicatorFigures {
  'time-to-house': TimeToHouse;
  waitlist: Waitlist;
  vacancy: Vacancy;
  offers: Offers;
  'allocation-runs': AllocationRuns;
  'priority-departures': PriorityDepartures;
  spread: Spread;
  sustainment: Sustainment;
  'returns-to-waitlist': ReturnsToWaitlist;
  arrears: Arrears;
  collection: Collection;
  'guarantee-claims': GuaranteeClaims;
  mediation: Mediation;
}

/** Reads the histories up to asOf and computes an indicator with the definitions in ./ (pure functions). */
@Injectable()
export class IndicatorSource {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SPREAD_CAPS) private readonly caps: SpreadCaps,
  ) {}

  /** Computes an indicator in one read-only transaction, so its queries see one state of the read
   *  models, with the settings of a report: no JIT compiling (it costs more than these queries
   *  take) and room to sort and group a year's rows in memory. */
  compute<N extends IndicatorName>(name: N, question: Question): Promise<IndicatorFigures[N]> {
    const compute: { [K in IndicatorName]: (db: EntityManager, q: Question) => Promise<IndicatorFigures[K]> } = {
      'time-to-house': (db, q) => this.timeToHouse(db, q),
      waitlist: (db, q) => this.waitlist(db, q),
      vacancy: (db, q) => this.vacancy(db, q),
      offers: (db, q) => this.offers(db, q),
      'allocation-runs': (db, q) => this.allocationRuns(db, q),
      'priority-departures': (db, q) => this.priorityDepartures(db, q),
      spread: (db, q) => this.spread(db, q),
      sustainment: async (db, q) => sustainment(q, await this.tenancyRows(db, q, 'sustainment')),
      'returns-to-waitlist': async (db, q) => returnsToWaitlist(q, await this.tenancyRows<EndedTenancyRow>(db, q, 'returns')),
      arrears: async (db, q) => arrears(q, await this.tenancyRows<ArrearsRow>(db, q, 'arrears')),
      collection: (db, q) => this.collection(db, q),
      'guarantee-claims': (db, q) => this.guaranteeClaims(db, q),
      mediation: (db, q) => this.mediation(db, q),
    };
    return this.dataSource.transaction('REPEATABLE READ', async (db) => {
      // SET TRANSACTION READ ONLY, SET LOCAL jit = off, SET LOCAL work_mem = '64MB', in one round trip.
      await db.query(`SELECT set_config('transaction_read_only', 'on', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
      return compute[name](db, question) as Promise<IndicatorFigures[N]>;
    });
  }

  /** Households housed in the period one row each; those still waiting on asOf summed up in the
   *  database (docs/indicators.md#time-to-house). */
  private async timeToHouse(db: EntityManager, question: Question): Promise<TimeToHouse> {
    const params = [question.asOf, question.programme ?? null, question.from, question.to];
    const [housed, waiting]: [JourneyRow[], WaitingGroupRow[]] = [
      await db.query(
        `WITH ${IndicatorSource.journeys}
         SELECT household_id AS "householdId", programme, registered_on::text AS "registeredOn", first_waitlisted_on::text AS "firstWaitlistedOn",
                housed_on::text AS "housedOn", on_tenancy_start AS "housedOnTenancyStart", first_left_on::text AS "firstLeftOn",
                last_availability AS "lastAvailability", priority::float8 AS priority
           FROM journeys WHERE housed_on BETWEEN $3 AND $4`,
        params,
      ),
      await db.query(
        `WITH ${IndicatorSource.stillWaiting}
         SELECT programme, band, count(*)::int AS count, count(*) FILTER (WHERE last_availability = 'paused')::int AS paused,
                ${dayStatsColumns('$1::date - first_waitlisted_on', 'w')}, ${dayStatsColumns('$1::date - registered_on', 'r')}
           FROM (SELECT *, ${PRIORITY_BAND_SQL} AS band FROM waiting) waiting
          GROUP BY GROUPING SETS ((), (programme), (band))`,
        [question.asOf, question.programme ?? null],
      ),
    ];
    return timeToHouse(question, housed.map(journey), waiting.map(waitingGroup));
  }

  /** Counted in the database per programme (docs/indicators.md#waitlist). */
  private async waitlist(db: EntityManager, question: Question): Promise<Waitlist> {
    const inPeriod = (day: string) => `${day} BETWEEN $3 AND $4 AND ${day} <= $1`;
    const rows: ({ programme: string } & Flows)[] = await db.query(
      `WITH ${IndicatorSource.journeys}
       SELECT programme,
              count(*) FILTER (WHERE ${inPeriod('registered_on')})::int AS registered,
              count(*) FILTER (WHERE ${inPeriod('first_waitlisted_on')})::int AS waitlisted,
              count(*) FILTER (WHERE ${inPeriod('housed_on')})::int AS housed,
              count(*) FILTER (WHERE ${inPeriod('left_on')})::int AS "left",
              count(*) FILTER (WHERE ${IndicatorSource.stillWaitingJourney})::int AS waiting,
              count(*) FILTER (WHERE ${IndicatorSource.stillWaitingJourney} AND last_availability = 'paused')::int AS paused
         FROM journeys WHERE registered_on <= $1
        GROUP BY programme`,
      [question.asOf, question.programme ?? null, question.from, question.to],
    );
    return waitlist(question, rows);
  }

  /**
   * The CTE `journeys`: each household (of the programme $2, if any) as of $1 (docs/indicators.md#time-to-house):
   * from its journey summed up on households, or, where it has steps after the day that matters
   * (asOf, or the day it was housed for its priority), from its steps up to that day. Housed: the
   * first tenancy's start where one had started by asOf; otherwise the acceptance stands in.
   * Left: its first withdrawn or exited step, if before it was housed.
   */
  private static readonly journeys = `
    accepted AS (
      SELECT household_id, min(accepted_on) AS accepted_on FROM offers
       WHERE accepted_on <= $1 AND NOT (withdrawn_from = 'accepted' AND withdrawn_on IS NOT NULL AND withdrawn_on <= $1)
       GROUP BY household_id
    ), started AS (
      SELECT household_id, min(started_on) AS started_on FROM tenancies WHERE started_on <= $1 GROUP BY household_id
    ), housed AS (
      SELECT household_id, coalesce(s.started_on, a.accepted_on) AS housed_on, s.started_on IS NOT NULL AS on_tenancy_start
        FROM accepted a FULL JOIN started s USING (household_id)
    ), as_of AS (
      SELECT h.household_id, coalesce(h.programme, 'unknown') AS programme, h.registered_on,
             CASE WHEN h.first_waitlisted_on <= $1 THEN h.first_waitlisted_on END AS first_waitlisted_on,
             d.housed_on, coalesce(d.on_tenancy_start, false) AS on_tenancy_start,
             CASE WHEN h.first_left_on <= $1 THEN h.first_left_on END AS first_left_on,
             CASE WHEN h.last_step_on <= $1 THEN h.last_availability
                  ELSE (SELECT s.step FROM household_steps s WHERE s.household_id = h.household_id AND s.step IN ${AVAILABILITY_STEPS} AND s.on_date <= $1
                         ORDER BY s.household_version DESC LIMIT 1) END AS last_availability,
             CASE WHEN h.last_step_on <= coalesce(d.housed_on, $1) THEN h.last_priority
                  ELSE (SELECT s.priority FROM household_steps s WHERE s.household_id = h.household_id AND s.priority IS NOT NULL AND s.on_date <= coalesce(d.housed_on, $1)
                         ORDER BY s.household_version DESC LIMIT 1) END AS priority
        FROM households h LEFT JOIN housed d USING (household_id)
       WHERE ($2::text IS NULL OR h.programme = $2)
    ), journeys AS (
      SELECT *, CASE WHEN housed_on IS NULL OR first_left_on < housed_on THEN first_left_on END AS left_on FROM as_of
    )`;

  /** Still waiting on asOf, in journeys: waitlisted by then, neither housed nor gone. */
  private static readonly stillWaitingJourney = 'first_waitlisted_on IS NOT NULL AND housed_on IS NULL AND left_on IS NULL';

  /**
   * The CTE `waiting`: the households (of the programme $2, if any) still waiting on $1, as the
   * journeys CTE has them (first waitlisted by $1, neither housed nor gone by then) but read
   * straight from households: a household not housed by $1 is one with neither an accepted offer
   * standing on $1 nor a tenancy started by then (an anti-join on those few, instead of every
   * household's housing day), and one not housed has left when its first withdrawn or exited step
   * is on or before $1. Its last availability step and priority as of $1 as in journeys.
   */
  private static readonly stillWaiting = `
    housed AS (
      SELECT household_id FROM offers
       WHERE accepted_on <= $1 AND NOT (withdrawn_from = 'accepted' AND withdrawn_on IS NOT NULL AND withdrawn_on <= $1)
      UNION
      SELECT household_id FROM tenancies WHERE started_on <= $1
    ), waiting AS (
      SELECT coalesce(h.programme, 'unknown') AS programme, h.registered_on, h.first_waitlisted_on,
             CASE WHEN h.last_step_on <= $1 THEN h.last_availability
                  ELSE (SELECT s.step FROM household_steps s WHERE s.household_id = h.household_id AND s.step IN ${AVAILABILITY_STEPS} AND s.on_date <= $1
                         ORDER BY s.household_version DESC LIMIT 1) END AS last_availability,
             CASE WHEN h.last_step_on <= $1 THEN h.last_priority
                  ELSE (SELECT s.priority FROM household_steps s WHERE s.household_id = h.household_id AND s.priority IS NOT NULL AND s.on_date <= $1
                         ORDER BY s.household_version DESC LIMIT 1) END AS priority
        FROM households h
       WHERE ($2::text IS NULL OR h.programme = $2) AND h.first_waitlisted_on <= $1 AND (h.first_left_on IS NULL OR h.first_left_on > $1)
         AND NOT EXISTS (SELECT 1 FROM housed x WHERE x.household_id = h.household_id)
    )`;

  /**
   * Vacancy spells cut by the database (docs/indicators.md#vacancy), exactly as vacancySpells cuts
   * them from a flat's steps: each let or withdrawal starts a new segment of the flat's steps (in
   * version order); a segment's spell opens at its first `available` step and ends at the step
   * closing the segment (let or withdrawn), or, with none by asOf, at its last reservation when no
   * `available` step followed it, or is still open. A spell after a let starts at the latest end of
   * a tenancy of the flat between that let and the opening. Only the spells the figures count
   * (ended in the period, or open) come to the service.
   */
  private async vacancy(db: EntityManager, question: Question): Promise<Vacancy> {
    const spells: VacancySpell[] = await db.query(
      `WITH steps AS (
         SELECT s.unit_id, s.unit_version, s.status, s.on_date,
                count(*) FILTER (WHERE s.status IN ('let', 'withdrawn')) OVER earlier AS segment,
                count(*) FILTER (WHERE s.status = 'let') OVER earlier AS lets_before,
                max(s.on_date) FILTER (WHERE s.status = 'let') OVER earlier AS let_on
           FROM flat_steps s JOIN flats f USING (unit_id)
          WHERE s.on_date <= $1 AND ($4::text IS NULL OR f.district = $4) AND ($5::uuid IS NULL OR f.landlord_id = $5)
         WINDOW earlier AS (PARTITION BY s.unit_id ORDER BY s.unit_version ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
       ), segments AS (
         SELECT unit_id, min(lets_before) AS lets_before, min(let_on) AS let_on,
                (array_agg(on_date ORDER BY unit_version) FILTER (WHERE status = 'available'))[1] AS opened_on,
                max(status) FILTER (WHERE status IN ('let', 'withdrawn')) AS closed_by,
                max(on_date) FILTER (WHERE status IN ('let', 'withdrawn')) AS closed_on,
                max(unit_version) FILTER (WHERE status = 'available') AS last_available,
                max(unit_version) FILTER (WHERE status = 'reserved') AS last_reserved,
                (array_agg(on_date ORDER BY unit_version DESC) FILTER (WHERE status = 'reserved'))[1] AS reserved_on
           FROM steps GROUP BY unit_id, segment
       ), spells AS (
         SELECT g.unit_id, g.lets_before = 0 AS first_let,
                coalesce((SELECT max(t.ended_on) FROM tenancies t WHERE t.unit_id = g.unit_id AND t.ended_on BETWEEN g.let_on AND g.opened_on AND t.ended_on <= $1), g.opened_on) AS started_on,
                CASE WHEN g.closed_by IS NOT NULL THEN g.closed_by WHEN g.last_reserved > g.last_available THEN 'reserved' END AS ended_by,
                CASE WHEN g.closed_by IS NOT NULL THEN g.closed_on WHEN g.last_reserved > g.last_available THEN g.reserved_on END AS ended_on
           FROM segments g WHERE g.opened_on IS NOT NULL
       )
       SELECT p.unit_id AS "unitId", f.district, f.building_id AS "buildingId", p.started_on::text AS "startedOn", p.ended_on::text AS "endedOn",
              p.ended_by AS "end", coalesce(p.ended_on, $1::date) - p.started_on AS days, p.first_let AS "firstLet"
         FROM spells p JOIN flats f USING (unit_id)
        WHERE p.ended_on IS NULL OR p.ended_on BETWEEN $2 AND $3`,
      [question.asOf, question.from, question.to, question.district ?? null, question.landlordId ?? null],
    );
    return vacancyOfSpells(question, spells);
  }

  private async offers(db: EntityManager, question: Question): Promise<Offers> {
    const rows: OfferRow[] = await db.query(
      `SELECT o.offer_id AS "offerId", o.household_id AS "householdId", h.programme, f.district, p.priority::float8 AS priority,
              o.made_on::text AS "madeOn", o.accepted_on::text AS "acceptedOn", o.declined_on::text AS "declinedOn",
              o.decline_reason AS "declineReason", o.decline_party AS "declineParty", o.expired_on::text AS "expiredOn",
              o.withdrawn_on::text AS "withdrawnOn", o.withdrawn_from AS "withdrawnFrom"
         FROM offers o LEFT JOIN households h USING (household_id) LEFT JOIN flats f USING (unit_id)
         LEFT JOIN LATERAL (
           SELECT s.priority FROM household_steps s
            WHERE s.household_id = o.household_id AND s.priority IS NOT NULL AND s.on_date <= o.made_on
            ORDER BY s.household_version DESC LIMIT 1
         ) p ON true
        WHERE o.made_on BETWEEN $1 AND $2 AND o.made_on <= $3`,
      [question.from, question.to, question.asOf],
    );
    return offers(question, rows);
  }

  /**
   * Per building, counted in the database (docs/indicators.md#spread): flats with the agency on asOf
   * (their last status), and households housed — the households of the flat's tenancies running on
   * asOf where leases reported a tenancy of the flat started by then, its status standing in
   * otherwise. The caps: those of the last allocation run completed by asOf that stated them, the
   * configured ones before.
   */
  private async spread(db: EntityManager, question: Question): Promise<Spread> {
    const list = (statuses: readonly string[]) => statuses.map((status) => `'${status}'`).join(', ');
    const [buildings, [run]]: [BuildingCount[], { runId: string; completedOn: string; caps: SpreadCaps }[]] = [
      await db.query(
        `WITH status AS (
           SELECT DISTINCT ON (unit_id) unit_id, status FROM flat_steps WHERE on_date <= $1 ORDER BY unit_id, unit_version DESC
         ), reported AS (
           SELECT unit_id, count(DISTINCT household_id) FILTER (WHERE ended_on IS NULL OR ended_on > $1)::int AS running
             FROM tenancies WHERE started_on <= $1 GROUP BY unit_id
         ), per_flat AS (
           SELECT unit_id, coalesce(s.status IN (${list(WITH_THE_AGENCY)}), false) AS with_the_agency, r.unit_id IS NOT NULL AS from_tenancies,
                  CASE WHEN r.unit_id IS NOT NULL THEN r.running WHEN s.status IN (${list(OCCUPIED)}) THEN 1 ELSE 0 END AS households
             FROM status s FULL JOIN reported r USING (unit_id)
         )
         SELECT f.district, f.building_id AS "buildingId", count(*) FILTER (WHERE p.with_the_agency)::int AS flats, sum(p.households)::int AS households,
                coalesce(sum(p.households) FILTER (WHERE p.from_tenancies), 0)::int AS "fromTenancies"
           FROM per_flat p JOIN flats f USING (unit_id)
          WHERE (p.with_the_agency OR p.households > 0) AND ($2::text IS NULL OR f.district = $2)
          GROUP BY f.district, f.building_id`,
        [question.asOf, question.district ?? null],
      ),
      await db.query(
        `SELECT run_id AS "runId", completed_on::text AS "completedOn", caps FROM allocation_runs
          WHERE completed_on <= $1 AND caps IS NOT NULL ORDER BY completed_on DESC, caps->>'completedAt' DESC, run_id DESC LIMIT 1`,
        [question.asOf],
      ),
    ];
    const caps: Caps = run
      ? { perBuilding: run.caps.perBuilding, perDistrict: run.caps.perDistrict, from: { runId: run.runId, completedOn: run.completedOn } }
      : { ...this.caps, from: null };
    return spread(question, buildings, caps);
  }

  /** Runs decided in the period and the departures from strict priority order they listed. */
  private async priorityDepartures(db: EntityManager, question: Question): Promise<PriorityDepartures> {
    const params = [question.from, question.to, question.asOf];
    const [runs, rows]: [DecidedRunRow[], DepartureRow[]] = [
      await db.query(
        `SELECT run_id AS "runId", mode, coalesce(approved_on, completed_on)::text AS "decidedOn" FROM allocation_runs
          WHERE (approved_on BETWEEN $1 AND $2 AND approved_on <= $3) OR (approval_required = false AND completed_on BETWEEN $1 AND $2 AND completed_on <= $3)`,
        params,
      ),
      await db.query(
        `SELECT d.run_id AS "runId", r.mode, d.decided_on::text AS "decidedOn", d.kind, d.justification, d.unit_id AS "unitId", f.district, f.building_id AS "buildingId",
                d.priority, d.passed_over_priority AS "passedOverPriority", r.certificate_valid AS "certificateValid", r.approved_point AS "approvedPoint",
                r.note_recorded AS "noteRecorded"
           FROM run_departures d LEFT JOIN allocation_runs r USING (run_id) LEFT JOIN flats f USING (unit_id)
          WHERE d.decided_on BETWEEN $1 AND $2 AND d.decided_on <= $3`,
        params,
      ),
    ];
    return priorityDepartures(question, runs, rows);
  }

  /** Tenancies started by asOf with their household's programme and their flat's district, only
   *  those the indicator can count (the pure function filters them again): for sustainment, started
   *  in the period; for returns, ended in the period by asOf, with the household's first waitlisted
   *  day on or after the end; for arrears, running on asOf, with the last change by asOf. */
  private tenancyRows<R extends TenancyRow>(db: EntityManager, question: Question, kind: 'sustainment' | 'returns' | 'arrears'): Promise<R[]> {
    const { columns, join, where, period } = {
      sustainment: { columns: '', join: '', where: 't.started_on BETWEEN $2 AND $3', period: true },
      returns: {
        columns: ', r.returned_on::text AS "returnedOn"',
        // One probe of household_steps_waitlisted per tenancy.
        join: `LEFT JOIN LATERAL (SELECT min(s.on_date) AS returned_on FROM household_steps s
                                   WHERE s.household_id = t.household_id AND s.step = 'waitlisted' AND s.on_date >= t.ended_on AND s.on_date <= $1) r ON true`,
        where: 't.ended_on BETWEEN $2 AND $3 AND t.ended_on <= $1',
        period: true,
      },
      arrears: {
        columns: ', a.ageing, a.arrears_cents::float8 AS "arrearsCents", a.months_unpaid::float8 AS "monthsUnpaid", i.new_rent_cents::float8 AS "indexedRentCents"',
        // The rent as of asOf: that of the last indexation in effect by then (by effective day, then version).
        join: `LEFT JOIN LATERAL (SELECT ageing, arrears_cents, months_unpaid FROM tenancy_arrears x
                                   WHERE x.tenancy_id = t.tenancy_id AND x.changed_on <= $1 ORDER BY x.tenancy_version DESC LIMIT 1) a ON true
               LEFT JOIN LATERAL (SELECT new_rent_cents FROM rent_indexations x
                                   WHERE x.tenancy_id = t.tenancy_id AND x.effective_on <= $1 ORDER BY x.effective_on DESC, x.tenancy_version DESC LIMIT 1) i ON true`,
        where: '(t.ended_on IS NULL OR t.ended_on > $1)',
        period: false,
      },
    }[kind];
    return db.query(
      `SELECT t.tenancy_id AS "tenancyId", t.household_id AS "householdId", t.landlord_id AS "landlordId", h.programme, f.district,
              t.started_on::text AS "startedOn", CASE WHEN t.ended_on <= $1 THEN t.ended_on::text END AS "endedOn",
              CASE WHEN t.ended_on <= $1 THEN t.end_reason END AS "endReason",
              t.rent_cents::float8 AS "rentCents", t.service_charges_cents::float8 AS "serviceChargesCents"${columns}
         FROM tenancies t LEFT JOIN households h USING (household_id) LEFT JOIN flats f ON f.unit_id = t.unit_id ${join}
        WHERE t.started_on <= $1 AND ${where}`,
      period ? [question.asOf, question.from, question.to] : [question.asOf],
    );
  }

  /** The filters on a tenancy (alias t): the household's programme ($a), the flat's district ($b), the landlord ($c). */
  private static tenancyFilter(a: number, b: number, c: number, landlordColumn = 't.landlord_id'): string {
    return `($${a}::text IS NULL OR h.programme = $${a}) AND ($${b}::text IS NULL OR f.district = $${b}) AND ($${c}::uuid IS NULL OR ${landlordColumn} = $${c})`;
  }

  /** Charges due and payments received in the period, summed per month (and source) in the database. */
  private async collection(db: EntityManager, question: Question): Promise<Collection> {
    const filters = [question.programme ?? null, question.district ?? null, question.landlordId ?? null];
    const joins = `JOIN tenancies t USING (tenancy_id) LEFT JOIN households h ON h.household_id = t.household_id LEFT JOIN flats f ON f.unit_id = t.unit_id`;
    const [charges, payments]: [ChargeTotal[], PaymentTotal[]] = [
      await db.query(
        `SELECT to_char(c.due_on, 'YYYY-MM') AS month, count(*)::int AS charges, sum(c.amount_cents)::text AS cents
           FROM rent_charges c ${joins}
          WHERE c.due_on BETWEEN $1 AND $2 AND c.due_on <= $3 AND ${IndicatorSource.tenancyFilter(4, 5, 6)}
          GROUP BY 1`,
        [question.from, question.to, question.asOf, ...filters],
      ),
      await db.query(
        `SELECT to_char(p.received_on, 'YYYY-MM') AS month, p.source, count(*)::int AS payments, sum(p.amount_cents)::text AS cents
           FROM rent_payments p ${joins}
          WHERE p.received_on BETWEEN $1 AND $2 AND p.received_on <= $3 AND ${IndicatorSource.tenancyFilter(4, 5, 6)}
          GROUP BY 1, 2`,
        [question.from, question.to, question.asOf, ...filters],
      ),
    ];
    return collection(question, charges, payments);
  }

  /** Claims opened by asOf, their decision if taken by asOf and their payments made by asOf. */
  private async guaranteeClaims(db: EntityManager, question: Question): Promise<GuaranteeClaims> {
    const rows: ClaimRow[] = await db.query(
      `SELECT c.claim_id AS "claimId", c.kind, c.amount_cents::float8 AS "amountCents", CASE WHEN c.opened_on <= $1 THEN c.opened_on::text END AS "openedOn",
              CASE WHEN c.decided_on <= $1 THEN c.decision END AS decision,
              CASE WHEN c.decided_on <= $1 THEN c.approved_cents::float8 END AS "approvedCents",
              CASE WHEN c.decided_on <= $1 THEN c.decided_on::text END AS "decidedOn",
              coalesce((SELECT json_agg(json_build_object('paidOn', p.paid_on::text, 'paidCents', p.paid_cents::float8))
                          FROM guarantee_claim_payments p WHERE p.claim_id = c.claim_id AND p.paid_on <= $1), '[]'::json) AS payments
         FROM guarantee_claims c LEFT JOIN tenancies t USING (tenancy_id) LEFT JOIN households h ON h.household_id = t.household_id
         LEFT JOIN flats f ON f.unit_id = c.unit_id
        WHERE (c.opened_on <= $1 OR c.decided_on <= $1 OR EXISTS (SELECT 1 FROM guarantee_claim_payments p WHERE p.claim_id = c.claim_id AND p.paid_on <= $1))
          AND ${IndicatorSource.tenancyFilter(2, 3, 4, 'coalesce(c.landlord_id, t.landlord_id)')}`,
      [question.asOf, question.programme ?? null, question.district ?? null, question.landlordId ?? null],
    );
    return guaranteeClaims(question, rows);
  }

  private async mediation(db: EntityManager, question: Question): Promise<Mediation> {
    const [complaints, mediations, risks]: [ComplaintRow[], MediationRow[], RiskRow[]] = [
      await db.query(
        `SELECT c.complaint_id AS "complaintId", f.district, c.category, c.received_on::text AS "receivedOn", c.acknowledge_by::text AS "acknowledgeBy",
                c.acknowledged_on::text AS "acknowledgedOn", c.answer_due_by::text AS "answerDueBy", c.answered_on::text AS "answeredOn",
                c.answered_late AS "answeredLate", c.upheld, c.stage2_requested_on::text AS "stage2RequestedOn",
                c.stage2_answer_due_by::text AS "stage2AnswerDueBy", c.stage2_answered_on::text AS "stage2AnsweredOn",
                c.stage2_answered_late AS "stage2AnsweredLate", c.stage2_upheld AS "stage2Upheld", c.to_mediation_on::text AS "toMediationOn"
           FROM complaints c LEFT JOIN flats f USING (unit_id)
          WHERE c.received_on BETWEEN $1 AND $2 AND c.received_on <= $3`,
        [question.from, question.to, question.asOf],
      ),
      await db.query(
        `SELECT m.mediation_id AS "mediationId", f.district, m.agreement_on::text AS "agreementOn", m.outcome, m.exclusion, m.closed_on::text AS "closedOn"
           FROM mediations m LEFT JOIN flats f USING (unit_id)
          WHERE (m.closed_on BETWEEN $1 AND $2 OR m.agreement_on BETWEEN $1 AND $2)`,
        [question.from, question.to],
      ),
      await db.query(
        `SELECT r.tenancy_id AS "tenancyId", f.district, r.first_at_risk_on::text AS "firstAtRiskOn", r.at_risk_on_as_of AS "atRiskOnAsOf",
                CASE WHEN t.ended_on <= $1 THEN t.ended_on::text END AS "endedOn", CASE WHEN t.ended_on <= $1 THEN t.end_reason END AS "endReason"
           FROM (SELECT tenancy_id, min(on_date) FILTER (WHERE at_risk) AS first_at_risk_on,
                        (array_agg(at_risk ORDER BY risk_version DESC))[1] AS at_risk_on_as_of
                   FROM tenancy_risk_steps WHERE on_date <= $1 GROUP BY tenancy_id) r
           LEFT JOIN tenancies t USING (tenancy_id) LEFT JOIN flats f ON f.unit_id = t.unit_id
          WHERE r.first_at_risk_on IS NOT NULL`,
        [question.asOf],
      ),
    ];
    return mediation(question, complaints, mediations, risks);
  }

  private async allocationRuns(db: EntityManager, question: Question): Promise<AllocationRuns> {
    const rows: RunRow[] = await db.query(
      `SELECT run_id AS "runId", mode, completed_on::text AS "completedOn", proposals, certificate_valid AS "certificateValid",
              approval_required AS "approvalRequired", approved_on::text AS "approvedOn", offers_proposed AS "offersProposed",
              excluded, skipped, rejected_on::text AS "rejectedOn"
         FROM allocation_runs WHERE completed_on BETWEEN $1 AND $2 AND completed_on <= $3`,
      [question.from, question.to, question.asOf],
    );
    return allocationRuns(question, rows);
  }
}
