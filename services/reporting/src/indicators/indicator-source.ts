import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllocationRuns, allocationRuns, RunRow } from './allocation-runs';
import { OfferRow, Offers, offers } from './offers';
import { Question } from './question';
import { ComplaintRow, Mediation, mediation, MediationRow, RiskRow } from './mediation';
import { Caps, Spread, spread } from './spread';
import { ChargeTotal, Collection, collection, PaymentTotal } from './collection';
import { ClaimRow, GuaranteeClaims, guaranteeClaims } from './guarantee-claims';
import { Arrears, arrears, ArrearsRow, EndedTenancyRow, ReturnsToWaitlist, returnsToWaitlist, Sustainment, sustainment, TenancyRow } from './tenancies';
import { journey, JourneyRow, TimeToHouse, timeToHouse } from './time-to-house';
import { Vacancy, vacancy } from './vacancy';
import { Waitlist, waitlist } from './waitlist';

export const INDICATORS = ['time-to-house', 'waitlist', 'vacancy', 'offers', 'allocation-runs', 'spread', 'sustainment', 'returns-to-waitlist', 'arrears', 'collection', 'guarantee-claims', 'mediation'] as const;

export const SPREAD_CAPS = Symbol('SPREAD_CAPS');
export type IndicatorName = (typeof INDICATORS)[number];

export interface IndicatorFigures {
  'time-to-house': TimeToHouse;
  waitlist: Waitlist;
  vacancy: Vacancy;
  offers: Offers;
  'allocation-runs': AllocationRuns;
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
    @Inject(SPREAD_CAPS) private readonly caps: Caps,
  ) {}

  compute<N extends IndicatorName>(name: N, question: Question): Promise<IndicatorFigures[N]> {
    const compute: { [K in IndicatorName]: (q: Question) => Promise<IndicatorFigures[K]> } = {
      'time-to-house': (q) => this.timeToHouse(q),
      waitlist: (q) => this.waitlist(q),
      vacancy: (q) => this.vacancy(q),
      offers: (q) => this.offers(q),
      'allocation-runs': (q) => this.allocationRuns(q),
      spread: (q) => this.spread(q),
      sustainment: async (q) => sustainment(q, await this.tenancyRows(q, '')),
      'returns-to-waitlist': async (q) => returnsToWaitlist(q, await this.tenancyRows<EndedTenancyRow>(q, 'returns')),
      arrears: async (q) => arrears(q, await this.tenancyRows<ArrearsRow>(q, 'arrears')),
      collection: (q) => this.collection(q),
      'guarantee-claims': (q) => this.guaranteeClaims(q),
      mediation: (q) => this.mediation(q),
    };
    return compute[name](question) as Promise<IndicatorFigures[N]>;
  }

  /** One row per household waitlisted or housed by asOf, aggregated in the database (docs/indicators.md#time-to-house). */
  private async timeToHouse(question: Question): Promise<TimeToHouse> {
    return timeToHouse(question, (await this.journeyRows(question, 'waitlisted or housed')).map(journey));
  }

  private async waitlist(question: Question): Promise<Waitlist> {
    return waitlist(question, (await this.journeyRows(question, 'registered')).map(journey));
  }

  /** One row per household (of the programme asked for) registered, or waitlisted or housed, by asOf. */
  private journeyRows(question: Question, who: 'registered' | 'waitlisted or housed'): Promise<JourneyRow[]> {
    return this.dataSource.query(
      `WITH accepted AS (
         SELECT household_id, min(accepted_on) AS accepted_on FROM offers
          WHERE accepted_on <= $1 AND NOT (withdrawn_from = 'accepted' AND withdrawn_on IS NOT NULL AND withdrawn_on <= $1)
          GROUP BY household_id
       ), started AS (
         SELECT household_id, min(started_on) AS started_on FROM tenancies WHERE started_on <= $1 GROUP BY household_id
       ), housed AS (
         -- The first tenancy's start where one had started by asOf; otherwise the acceptance stands in.
         SELECT household_id, coalesce(s.started_on, a.accepted_on) AS housed_on, s.started_on IS NOT NULL AS on_tenancy_start
           FROM accepted a FULL JOIN started s USING (household_id)
       ), journeys AS (
         SELECT s.household_id,
                min(s.on_date) FILTER (WHERE s.step = 'waitlisted') AS first_waitlisted_on,
                min(s.on_date) FILTER (WHERE s.step IN ('withdrawn', 'exited')) AS first_left_on,
                (array_agg(s.step ORDER BY s.household_version DESC) FILTER (WHERE s.step IN ('waitlisted', 'offered', 'paused', 'resumed')))[1] AS last_availability,
                (array_agg(s.priority ORDER BY s.household_version DESC) FILTER (WHERE s.priority IS NOT NULL AND s.on_date <= coalesce(d.housed_on, $1::date)))[1] AS priority
           FROM household_steps s LEFT JOIN housed d USING (household_id)
          WHERE s.on_date <= $1
          GROUP BY s.household_id
       )
       SELECT h.household_id AS "householdId", h.programme, h.registered_on::text AS "registeredOn",
              j.first_waitlisted_on::text AS "firstWaitlistedOn", d.housed_on::text AS "housedOn", coalesce(d.on_tenancy_start, false) AS "housedOnTenancyStart", j.first_left_on::text AS "firstLeftOn",
              j.last_availability AS "lastAvailability", j.priority::float8 AS priority
         FROM households h LEFT JOIN journeys j USING (household_id) LEFT JOIN housed d USING (household_id)
        WHERE ($2::text IS NULL OR h.programme = $2)
          AND ${who === 'registered' ? 'h.registered_on <= $1' : '(j.first_waitlisted_on IS NOT NULL OR d.housed_on IS NOT NULL)'}`,
      [question.asOf, question.programme ?? null],
    );
  }

  private async vacancy(question: Question): Promise<Vacancy> {
    const [flats, steps, tenancyEnds] = await Promise.all([
      this.dataSource.query(
        `SELECT unit_id AS "unitId", landlord_id AS "landlordId", district, building_id AS "buildingId" FROM flats
          WHERE ($1::text IS NULL OR district = $1) AND ($2::uuid IS NULL OR landlord_id = $2)`,
        [question.district ?? null, question.landlordId ?? null],
      ),
      this.dataSource.query(
        `SELECT s.unit_id AS "unitId", s.unit_version AS version, s.status, s.on_date::text AS "onDate"
           FROM flat_steps s JOIN flats f USING (unit_id)
          WHERE s.on_date <= $1 AND ($2::text IS NULL OR f.district = $2) AND ($3::uuid IS NULL OR f.landlord_id = $3)`,
        [question.asOf, question.district ?? null, question.landlordId ?? null],
      ),
      this.dataSource.query(`SELECT unit_id AS "unitId", ended_on::text AS "endedOn" FROM tenancies WHERE ended_on <= $1`, [question.asOf]),
    ]);
    return vacancy(question, flats, steps, tenancyEnds);
  }

  private async offers(question: Question): Promise<Offers> {
    const rows: OfferRow[] = await this.dataSource.query(
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

  private async spread(question: Question): Promise<Spread> {
    const flats = await this.dataSource.query(
      `SELECT DISTINCT ON (s.unit_id) s.unit_id AS "unitId", f.district, f.building_id AS "buildingId", s.status
         FROM flat_steps s JOIN flats f USING (unit_id)
        WHERE s.on_date <= $1 AND ($2::text IS NULL OR f.district = $2)
        ORDER BY s.unit_id, s.unit_version DESC`,
      [question.asOf, question.district ?? null],
    );
    return spread(question, flats, this.caps);
  }

  /** Tenancies with their household's programme and their flat's district; for returns, the
   *  household's first waitlisted step on or after the end; for arrears, the last change by asOf. */
  private tenancyRows<R extends TenancyRow>(question: Question, extra: '' | 'returns' | 'arrears'): Promise<R[]> {
    const columns = {
      '': '',
      returns: `, (SELECT min(s.on_date) FROM household_steps s WHERE s.household_id = t.household_id AND s.step = 'waitlisted' AND s.on_date >= t.ended_on AND s.on_date <= $1)::text AS "returnedOn"`,
      arrears: `, a.ageing, a.arrears_cents::float8 AS "arrearsCents", a.months_unpaid::float8 AS "monthsUnpaid"`,
    }[extra];
    const join =
      extra === 'arrears'
        ? `LEFT JOIN LATERAL (SELECT ageing, arrears_cents, months_unpaid FROM tenancy_arrears x WHERE x.tenancy_id = t.tenancy_id AND x.changed_on <= $1 ORDER BY x.tenancy_version DESC LIMIT 1) a ON true`
        : '';
    return this.dataSource.query(
      `SELECT t.tenancy_id AS "tenancyId", t.household_id AS "householdId", t.landlord_id AS "landlordId", h.programme, f.district,
              t.started_on::text AS "startedOn", CASE WHEN t.ended_on <= $1 THEN t.ended_on::text END AS "endedOn",
              CASE WHEN t.ended_on <= $1 THEN t.end_reason END AS "endReason",
              t.rent_cents::float8 AS "rentCents", t.service_charges_cents::float8 AS "serviceChargesCents"${columns}
         FROM tenancies t LEFT JOIN households h USING (household_id) LEFT JOIN flats f ON f.unit_id = t.unit_id ${join}
        WHERE t.started_on <= $1`,
      [question.asOf],
    );
  }

  /** The filters on a tenancy (alias t): the household's programme ($a), the flat's district ($b), the landlord ($c). */
  private static tenancyFilter(a: number, b: number, c: number, landlordColumn = 't.landlord_id'): string {
    return `($${a}::text IS NULL OR h.programme = $${a}) AND ($${b}::text IS NULL OR f.district = $${b}) AND ($${c}::uuid IS NULL OR ${landlordColumn} = $${c})`;
  }

  /** Charges due and payments received in the period, summed per month (and source) in the database. */
  private async collection(question: Question): Promise<Collection> {
    const filters = [question.programme ?? null, question.district ?? null, question.landlordId ?? null];
    const joins = `JOIN tenancies t USING (tenancy_id) LEFT JOIN households h ON h.household_id = t.household_id LEFT JOIN flats f ON f.unit_id = t.unit_id`;
    const [charges, payments]: [ChargeTotal[], PaymentTotal[]] = await Promise.all([
      this.dataSource.query(
        `SELECT to_char(c.due_on, 'YYYY-MM') AS month, count(*)::int AS charges, sum(c.amount_cents)::text AS cents
           FROM rent_charges c ${joins}
          WHERE c.due_on BETWEEN $1 AND $2 AND c.due_on <= $3 AND ${IndicatorSource.tenancyFilter(4, 5, 6)}
          GROUP BY 1`,
        [question.from, question.to, question.asOf, ...filters],
      ),
      this.dataSource.query(
        `SELECT to_char(p.received_on, 'YYYY-MM') AS month, p.source, count(*)::int AS payments, sum(p.amount_cents)::text AS cents
           FROM rent_payments p ${joins}
          WHERE p.received_on BETWEEN $1 AND $2 AND p.received_on <= $3 AND ${IndicatorSource.tenancyFilter(4, 5, 6)}
          GROUP BY 1, 2`,
        [question.from, question.to, question.asOf, ...filters],
      ),
    ]);
    return collection(question, charges, payments);
  }

  /** Claims opened by asOf, their decision if taken by asOf and their payments made by asOf. */
  private async guaranteeClaims(question: Question): Promise<GuaranteeClaims> {
    const rows: ClaimRow[] = await this.dataSource.query(
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

  private async mediation(question: Question): Promise<Mediation> {
    const [complaints, mediations, risks]: [ComplaintRow[], MediationRow[], RiskRow[]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.complaint_id AS "complaintId", f.district, c.category, c.received_on::text AS "receivedOn", c.acknowledge_by::text AS "acknowledgeBy",
                c.acknowledged_on::text AS "acknowledgedOn", c.answer_due_by::text AS "answerDueBy", c.answered_on::text AS "answeredOn",
                c.answered_late AS "answeredLate", c.upheld, c.stage2_requested_on::text AS "stage2RequestedOn",
                c.stage2_answer_due_by::text AS "stage2AnswerDueBy", c.stage2_answered_on::text AS "stage2AnsweredOn",
                c.stage2_answered_late AS "stage2AnsweredLate", c.stage2_upheld AS "stage2Upheld", c.to_mediation_on::text AS "toMediationOn"
           FROM complaints c LEFT JOIN flats f USING (unit_id)
          WHERE c.received_on BETWEEN $1 AND $2 AND c.received_on <= $3`,
        [question.from, question.to, question.asOf],
      ),
      this.dataSource.query(
        `SELECT m.mediation_id AS "mediationId", f.district, m.agreement_on::text AS "agreementOn", m.outcome, m.exclusion, m.closed_on::text AS "closedOn"
           FROM mediations m LEFT JOIN flats f USING (unit_id)
          WHERE (m.closed_on BETWEEN $1 AND $2 OR m.agreement_on BETWEEN $1 AND $2)`,
        [question.from, question.to],
      ),
      this.dataSource.query(
        `SELECT r.tenancy_id AS "tenancyId", f.district, r.first_at_risk_on::text AS "firstAtRiskOn", r.at_risk_on_as_of AS "atRiskOnAsOf",
                CASE WHEN t.ended_on <= $1 THEN t.ended_on::text END AS "endedOn", CASE WHEN t.ended_on <= $1 THEN t.end_reason END AS "endReason"
           FROM (SELECT tenancy_id, min(on_date) FILTER (WHERE at_risk) AS first_at_risk_on,
                        (array_agg(at_risk ORDER BY risk_version DESC))[1] AS at_risk_on_as_of
                   FROM tenancy_risk_steps WHERE on_date <= $1 GROUP BY tenancy_id) r
           LEFT JOIN tenancies t USING (tenancy_id) LEFT JOIN flats f ON f.unit_id = t.unit_id
          WHERE r.first_at_risk_on IS NOT NULL`,
        [question.asOf],
      ),
    ]);
    return mediation(question, complaints, mediations, risks);
  }

  private async allocationRuns(question: Question): Promise<AllocationRuns> {
    const rows: RunRow[] = await this.dataSource.query(
      `SELECT run_id AS "runId", mode, completed_on::text AS "completedOn", proposals, certificate_valid AS "certificateValid",
              approval_required AS "approvalRequired", approved_on::text AS "approvedOn", offers_proposed AS "offersProposed",
              excluded, skipped, rejected_on::text AS "rejectedOn"
         FROM allocation_runs WHERE completed_on BETWEEN $1 AND $2 AND completed_on <= $3`,
      [question.from, question.to, question.asOf],
    );
    return allocationRuns(question, rows);
  }
}
