import { Topics } from '@hearth/contracts';
import { Applicant } from '@hearth/matching-engine';
import {
  eventually,
  HouseholdWaitlistStream,
  queryDatabase,
  startTestApp,
  TestApp,
  testEnv,
  TestProducer,
  UnitAvailabilityStream,
} from '@hearth/testing';
import { loadMatchingConfig } from '../src/config';
import { MatchingModule } from '../src/matching.module';

/** Boots matching in-process over real PostgreSQL, Redis and the test broker. */
export async function startMatching(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadMatchingConfig(testEnv('matching', env));
  return startTestApp(MatchingModule.forRoot(config, { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), config.DATABASE_NAME);
}

/**
 * Every matching test file shares hearth.units and hearth.applicants with the other services'
 * tests, and every test of a file shares the pool. A "lane" keeps a test's households and units
 * among themselves: households need exactly `bedrooms`, units have `bedrooms` or one more, and
 * lanes are two apart, so no household of one lane is eligible for a unit of another (with
 * maxExtraBedrooms 1), and no real household (a handful of bedrooms) for any of them.
 */
export function bedroomLanes(start: number): () => number {
  let next = start;
  return () => {
    const lane = next;
    next += 2;
    return lane;
  };
}

/** An event envelope as another service publishes it. */
export type Envelope = { aggregateId: string; [field: string]: unknown };

export class Publisher {
  private constructor(private readonly producer: TestProducer) {}

  static async connect(): Promise<Publisher> {
    return new Publisher(await TestProducer.connect());
  }

  async units(...events: Envelope[]): Promise<void> {
    for (const event of events) await this.producer.send(Topics.units, event.aggregateId, event);
  }

  async applicants(...events: Envelope[]): Promise<void> {
    for (const event of events) await this.producer.send(Topics.applicants, event.aggregateId, event);
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

export interface PoolRow {
  status: string;
  version: number;
}

export async function unitInPool(service: TestApp, unitId: string): Promise<PoolRow | undefined> {
  const [row] = await queryDatabase<PoolRow>(service.database, 'SELECT status, unit_version AS version FROM available_units WHERE unit_id = $1', [unitId]);
  return row;
}

export async function householdInPool(service: TestApp, householdId: string): Promise<(PoolRow & { priority: number }) | undefined> {
  const [row] = await queryDatabase<PoolRow & { priority: number }>(
    service.database,
    'SELECT status, household_version AS version, priority FROM waitlisted_households WHERE household_id = $1',
    [householdId],
  );
  return row;
}

/** Publishes the households as waitlisted and waits until matching has them all. */
export async function waitlist(service: TestApp, publisher: Publisher, ...households: HouseholdWaitlistStream[]): Promise<void> {
  await publisher.applicants(...households.map((household) => household.waitlisted()));
  await eventually(async () => {
    for (const household of households) expect(await householdInPool(service, household.householdId)).toMatchObject({ status: 'waitlisted' });
  }, 30_000);
}

/** Publishes UnitBecameAvailable and waits until the job has stored the unit's shortlist. */
export async function makeAvailable(service: TestApp, publisher: Publisher, unit: UnitAvailabilityStream): Promise<void> {
  await publisher.units(unit.becameAvailable());
  await eventually(async () => {
    const rows = await queryDatabase(service.database, 'SELECT unit_id FROM shortlists WHERE unit_id = $1', [unit.unitId]);
    expect(rows).toHaveLength(1);
  }, 30_000);
}

/** Row counts of everything a refused request must leave alone. */
export async function counts(service: TestApp): Promise<Record<string, string>> {
  const [row] = await queryDatabase<Record<string, string>>(
    service.database,
    `SELECT (SELECT count(*) FROM offers) AS offers, (SELECT coalesce(sum(version), 0) FROM offers) AS offer_versions,
            (SELECT count(*) FROM allocation_runs) AS runs, (SELECT coalesce(sum(version), 0) FROM allocation_runs) AS run_versions,
            (SELECT count(*) FROM outbox) AS outbox`,
  );
  return row;
}

/** The caseworker of every household these tests waitlist (a staff user id). */
export const CASEWORKER_ID = 'caseworker-matching-tests';

/** A household of two needing exactly `bedrooms` bedrooms, in the lane's district, on CASEWORKER_ID's caseload. */
export function aHousehold(bedrooms: number): HouseholdWaitlistStream {
  return new HouseholdWaitlistStream().needingBedrooms(bedrooms).withHouseholdSize(2).withMaxRent(900).with('caseworkerId', CASEWORKER_ID);
}

/** A household of `aHousehold(bedrooms)` as the engine reads it, with the fields a test set on it. */
export function engineApplicant(
  household: HouseholdWaitlistStream,
  bedrooms: number,
  fields: Pick<Applicant, 'preferredDistricts' | 'priority' | 'waitingDays'>,
): Applicant {
  return {
    id: household.householdId,
    householdSize: 2,
    bedroomsNeeded: bedrooms,
    maxRent: 900,
    wheelchair: false,
    stepFree: false,
    pets: false,
    excludedDistricts: [],
    ...fields,
  };
}

/** The default policy of shortlists (the config's defaults). */
export const DEFAULT_SHORTLIST_POLICY = { weights: { priority: 1, waiting: 0.5, preference: 8, fit: 4 }, maxExtraBedrooms: 1 };

/** A unit for up to four with `bedrooms` bedrooms. */
export function aUnit(bedrooms: number): UnitAvailabilityStream {
  return new UnitAvailabilityStream().withBedrooms(bedrooms).forUpTo(4).withRent(700);
}

/** yyyy-mm-dd, `days` days before today (UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
