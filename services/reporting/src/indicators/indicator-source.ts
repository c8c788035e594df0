import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllocationRuns, allocationRuns, RunRow } from './allocation-runs';
import { OfferRow, Offers, offers } from './offers';
import { Question } from './question';
import { Caps, Spread, spread } from './spread';
import { journey, JourneyRow, TimeToHouse, timeToHouse } from './time-to-house';
import { Vacancy, vacancy } from './vacancy';
import { Waitlist, waitlist } from './waitlist';

export const INDICATORS = ['time-to-house', 'waitlist', 'vacancy', 'offers', 'allocation-runs', 'spread'] as const;

export const SPREAD_CAPS = Symbol('SPREAD_CAPS');
export type IndicatorName = (typeof INDICATORS)[number];

export interface IndicatorFigures {
  'time-to-house': TimeToHouse;
  waitlist: Waitlist;
  vacancy: Vacancy;
  offers: Offers;
  'allocation-runs': AllocationRuns;
  spread: Spread;
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
      `WITH housed AS (
         SELECT household_id, min(accepted_on) AS housed_on FROM offers
          WHERE accepted_on <= $1 AND NOT (withdrawn_from = 'accepted' AND withdrawn_on IS NOT NULL AND withdrawn_on <= $1)
          GROUP BY household_id
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
              j.first_waitlisted_on::text AS "firstWaitlistedOn", d.housed_on::text AS "housedOn", j.first_left_on::text AS "firstLeftOn",
              j.last_availability AS "lastAvailability", j.priority::float8 AS priority
         FROM households h LEFT JOIN journeys j USING (household_id) LEFT JOIN housed d USING (household_id)
        WHERE ($2::text IS NULL OR h.programme = $2)
          AND ${who === 'registered' ? 'h.registered_on <= $1' : '(j.first_waitlisted_on IS NOT NULL OR d.housed_on IS NOT NULL)'}`,
      [question.asOf, question.programme ?? null],
    );
  }

  private async vacancy(question: Question): Promise<Vacancy> {
    const [flats, steps] = await Promise.all([
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
    ]);
    return vacancy(question, flats, steps);
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
