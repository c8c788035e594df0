import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllocationRuns, allocationRuns, RunRow } from './allocation-runs';
import { OfferRow, Offers, offers } from './offers';
import { Question } from './question';
import { Caps, Spread, spread } from './spread';
import { journeysAsOf, TimeToHouse, timeToHouse } from './time-to-house';
import { Vacancy, vacancy } from './vacancy';

export const INDICATORS = ['time-to-house', 'vacancy', 'offers', 'allocation-runs', 'spread'] as const;

export const SPREAD_CAPS = Symbol('SPREAD_CAPS');
export type IndicatorName = (typeof INDICATORS)[number];

export interface IndicatorFigures {
  'time-to-house': TimeToHouse;
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
      vacancy: (q) => this.vacancy(q),
      offers: (q) => this.offers(q),
      'allocation-runs': (q) => this.allocationRuns(q),
      spread: (q) => this.spread(q),
    };
    return compute[name](question) as Promise<IndicatorFigures[N]>;
  }

  private async timeToHouse(question: Question): Promise<TimeToHouse> {
    const { asOf, programme } = question;
    const [households, steps, acceptances] = await Promise.all([
      this.dataSource.query(
        `SELECT household_id AS "householdId", programme, registered_on::text AS "registeredOn" FROM households
          WHERE ($1::text IS NULL OR programme = $1)`,
        [programme ?? null],
      ),
      this.dataSource.query(
        `SELECT s.household_id AS "householdId", s.household_version AS version, s.step, s.on_date::text AS "onDate", s.priority::float8 AS priority
           FROM household_steps s JOIN households h USING (household_id)
          WHERE s.on_date <= $1 AND ($2::text IS NULL OR h.programme = $2)`,
        [asOf, programme ?? null],
      ),
      this.dataSource.query(
        `SELECT household_id AS "householdId", accepted_on::text AS "acceptedOn", withdrawn_on::text AS "withdrawnOn", withdrawn_from AS "withdrawnFrom"
           FROM offers WHERE accepted_on <= $1`,
        [asOf],
      ),
    ]);
    return timeToHouse(question, journeysAsOf(asOf, households, steps, acceptances));
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
      `SELECT o.offer_id AS "offerId", o.household_id AS "householdId", h.programme, f.district,
              o.made_on::text AS "madeOn", o.accepted_on::text AS "acceptedOn", o.declined_on::text AS "declinedOn",
              o.decline_reason AS "declineReason", o.decline_party AS "declineParty", o.expired_on::text AS "expiredOn",
              o.withdrawn_on::text AS "withdrawnOn", o.withdrawn_from AS "withdrawnFrom"
         FROM offers o LEFT JOIN households h USING (household_id) LEFT JOIN flats f USING (unit_id)
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
