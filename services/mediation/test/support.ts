import { Topics } from '@hearth/contracts';
import { aHouseholdReference, anEnvelope, bearer, eventually, queryDatabase, startTestApp, TestApp, testEnv, TestProducer } from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { loadMediationConfig } from '../src/config';
import { MediationModule } from '../src/mediation.module';

export const staff = bearer('sra_staff');

/** The mediation service in-process over a throw-away database, its log lines captured. */
export async function startMediation(extraEnv: Record<string, string> = {}): Promise<{ service: TestApp; logs: string[]; env: NodeJS.ProcessEnv }> {
  const env = testEnv('mediation', {
    MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
    AGENCY_TIME_ZONE: 'Europe/Brussels',
    HOLIDAY_REGION: 'BE',
    ...extraEnv,
  });
  const logs: string[] = [];
  const logDestination: DestinationStream = { write: (line: string) => void logs.push(line) };
  const service = await startTestApp(MediationModule.forRoot(loadMediationConfig(env), { consumer: { maxAttempts: 2, initialBackoffMs: 20 }, logDestination }), env.DATABASE_NAME!);
  return { service, logs, env };
}

/** The leases service's events for one tenancy, numbered like its aggregate. */
export class TenancyEventStream {
  private version = 0;
  readonly tenancyId = randomUUID();
  readonly unitId: string;
  readonly householdId: string;
  readonly landlordId: string;
  readonly reference: string;

  constructor(fields: Partial<{ unitId: string; householdId: string; reference: string; landlordId: string }> = {}) {
    this.unitId = fields.unitId ?? randomUUID();
    this.householdId = fields.householdId ?? randomUUID();
    this.landlordId = fields.landlordId ?? randomUUID();
    this.reference = fields.reference ?? aHouseholdReference();
  }

  private next(type: string, payload: Record<string, unknown>) {
    this.version += 1;
    return anEnvelope({
      type,
      source: 'leases',
      aggregateType: 'Tenancy',
      aggregateId: this.tenancyId,
      aggregateVersion: this.version,
      payload: { tenancyId: this.tenancyId, unitId: this.unitId, householdId: this.householdId, reference: this.reference, ...payload },
    });
  }

  started(startDate = '2026-05-04') {
    return this.next('TenancyStarted', { landlordId: this.landlordId, startDate, rentCents: 69_000, serviceChargesCents: 4_500 });
  }

  arrearsEstablished(reachedOn = '2026-09-10') {
    return this.next('ArrearsStageReached', { stage: 'established', arrearsCents: 147_000, monthsUnpaid: 2, reachedOn });
  }

  /**
   * A month charged that establishes the arrears, as the leases service publishes it: one save of
   * the tenancy, so every event carries the same version — the ageing changed, then each stage
   * reached, in that order.
   */
  monthChargedIntoEstablishedArrears(changedOn = '2026-07-02') {
    this.version += 1;
    const event = (type: string, payload: Record<string, unknown>) =>
      anEnvelope({
        type,
        source: 'leases',
        aggregateType: 'Tenancy',
        aggregateId: this.tenancyId,
        aggregateVersion: this.version,
        payload: { tenancyId: this.tenancyId, unitId: this.unitId, householdId: this.householdId, reference: this.reference, ...payload },
      });
    return [
      event('RentCharged', { month: changedOn.slice(0, 7), amountCents: 73_500, dueDate: `${changedOn.slice(0, 7)}-01`, balanceCents: 220_500 }),
      event('RentArrearsChanged', { ageing: '31_60', previousAgeing: '0_30', arrearsCents: 147_000, monthsUnpaid: 2, atRisk: true, changedOn }),
      event('ArrearsStageReached', { stage: 'reminder', arrearsCents: 147_000, monthsUnpaid: 2, reachedOn: changedOn }),
      event('ArrearsStageReached', { stage: 'established', arrearsCents: 147_000, monthsUnpaid: 2, reachedOn: changedOn }),
    ];
  }

  arrearsCleared(clearedOn = '2026-10-02') {
    return this.next('ArrearsCleared', { clearedOn });
  }
}

/** The applicants service's event that names a household's caseworker (ApplicantNeedsChanged). */
export function caseworkerAssigned(household: { householdId: string; reference: string }, caseworkerId: string, version = 5) {
  return anEnvelope({
    type: 'ApplicantNeedsChanged',
    source: 'applicants',
    aggregateType: 'Household',
    aggregateId: household.householdId,
    aggregateVersion: version,
    payload: {
      householdId: household.householdId,
      reference: household.reference,
      programme: 'housing_first',
      status: 'offered',
      householdSize: 1,
      bedroomsNeeded: 1,
      maxRent: 700,
      wheelchair: false,
      stepFree: false,
      pets: false,
      excludedDistricts: [],
      preferredDistricts: [],
      priority: 70,
      waitingSince: '2025-11-02',
      caseworkerId,
    },
  });
}

/** Applicants' CaseworkerAssigned: staff gave the household another caseworker (or none), whatever its status — housed too. */
export function caseworkerReassigned(household: { householdId: string; reference: string }, caseworkerId: string | null, version: number) {
  return anEnvelope({
    type: 'CaseworkerAssigned',
    source: 'applicants',
    aggregateType: 'Household',
    aggregateId: household.householdId,
    aggregateVersion: version,
    payload: { householdId: household.householdId, reference: household.reference, caseworkerId },
  });
}

export async function publish(producer: TestProducer, topic: string, event: { aggregateId: string; id?: string }): Promise<void> {
  await producer.send(topic, event.aggregateId, event);
}

export const publishLease = (producer: TestProducer, event: { aggregateId: string }) => publish(producer, Topics.leases, event);

/** Waits until mediation has applied an event (its inbox row). */
export async function applied(service: TestApp, eventId: string): Promise<void> {
  await eventually(async () => expect(await queryDatabase(service.database, 'SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).toHaveLength(1), 30_000);
}

/** Row counts and version sums: unchanged after a refused request. */
export async function databaseSnapshot(database: string): Promise<Record<string, string>> {
  const [row] = await queryDatabase<Record<string, string>>(
    database,
    `SELECT (SELECT count(*) FROM complaints) AS complaints, (SELECT coalesce(sum(version), 0) FROM complaints) AS versions,
            (SELECT count(*) FROM complaint_stages) AS stages, (SELECT count(*) FROM case_reviews) AS reviews,
            (SELECT count(*) FROM preparations) AS preparations, (SELECT coalesce(sum(version), 0) FROM preparations) AS preparation_versions,
            (SELECT count(*) FROM neighbours) AS neighbours, (SELECT count(*) FROM outbox) AS outbox`,
  );
  return row;
}
