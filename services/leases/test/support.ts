import { Topics } from '@hearth/contracts';
import {
  aHouseholdReference,
  bearer,
  clearRedisPrefix,
  eventually,
  LandlordEventStream,
  OfferEventStream,
  pdfText,
  startTestApp,
  TestApp,
  testEnv,
  TestProducer,
  UnitEventStream,
} from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { loadLeasesConfig } from '../src/config';
import { LeasesModule } from '../src/leases.module';

export const staff = bearer('sra_staff');

/** The calendar date the service under test takes as today. */
export const TODAY = '2026-11-20';

export function leasesEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return testEnv('leases', { LEASES_TODAY: TODAY, LEASES_TIME_ZONE: 'Europe/Brussels', ...extra });
}

/** The leases service in-process, over a throw-away database, its consumer retrying fast. */
export function startLeases(env: NodeJS.ProcessEnv): Promise<TestApp> {
  return startTestApp(LeasesModule.forRoot(loadLeasesConfig(env), { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), env.DATABASE_NAME!);
}

/** What a suite of the leases service works with: the service (a new one after `restartOn`), a producer to the test broker. */
export interface LeasesSuite {
  readonly env: NodeJS.ProcessEnv;
  readonly service: TestApp;
  readonly producer: TestProducer;
  /**
   * Stops the service and starts it again over the same database and queues with `today` as
   * LEASES_TODAY: the calendar moves on (its jobs catch up as after any downtime).
   */
  restartOn(today: string): Promise<TestApp>;
}

/**
 * The set-up every integration suite shares, registered as the suite's beforeAll/afterAll: the
 * service in-process over a throw-away database (leasesEnv with `extraEnv`), a producer to the test
 * broker; afterwards both closed and the suite's queues cleared. Call it in the describe block.
 */
export function leasesSuite(extraEnv: Record<string, string> = {}): LeasesSuite {
  const env = leasesEnv(extraEnv);
  let service: TestApp | undefined;
  let producer: TestProducer | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the leases suite's ${what} is used before beforeAll started it`);
    return value;
  };

  beforeAll(async () => {
    service = await startLeases(env);
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  return {
    env,
    get service() {
      return started(service, 'service');
    },
    get producer() {
      return started(producer, 'producer');
    },
    async restartOn(today: string) {
      await started(service, 'service').app.close();
      service = await startLeases({ ...env, LEASES_TODAY: today });
      return service;
    },
  };
}

export interface FlatInScheme {
  landlordId: string;
  unitId: string;
  headLeaseId: string;
  agreementId: string;
}

/**
 * Publishes a landlord's signed agreement (v2, with terms) — after their registration with a
 * preferred language when `preferredLanguage` is given — and a flat of theirs becoming available
 * (asking rent 690.00 + 45.00), and waits until leases recorded the flat's head lease.
 */
export async function flatInScheme(service: TestApp, producer: TestProducer, terms: Record<string, unknown> = {}, preferredLanguage?: string): Promise<FlatInScheme> {
  const landlord = new LandlordEventStream();
  if (preferredLanguage) await producer.send(Topics.landlords, landlord.landlordId, landlord.registered(preferredLanguage));
  const agreementId = randomUUID();
  const signed = landlord.agreementSignedWithTerms(terms, agreementId);
  await producer.send(Topics.landlords, landlord.landlordId, signed);
  const unit = new UnitEventStream({ landlordId: landlord.landlordId, attributes: { availableFrom: null, rent: 690, serviceCharges: 45 } });
  await producer.send(Topics.units, unit.unitId, unit.drafted());
  await producer.send(Topics.units, unit.unitId, unit.becameAvailable());
  const headLeaseId = await eventually(async () => {
    const { body } = await service.http.get(`/head-leases?unitId=${unit.unitId}`).set(staff).expect(200);
    expect(body.items).toHaveLength(1);
    return body.items[0].id as string;
  }, 90_000);
  return { landlordId: landlord.landlordId, unitId: unit.unitId, headLeaseId, agreementId };
}

/** Publishes an accepted offer of the flat (to a new household, or the one given) and waits for its tenancy draft. */
export async function acceptedOffer(service: TestApp, producer: TestProducer, unitId: string, household = { householdId: randomUUID(), reference: aHouseholdReference() }) {
  const offer = new OfferEventStream({ unitId, ...household });
  await producer.send(Topics.matching, offer.offerId, offer.made());
  await producer.send(Topics.matching, offer.offerId, offer.accepted());
  const tenancy = await eventually(async () => {
    const { body } = await service.http.get(`/tenancies?offerId=${offer.offerId}`).set(staff).expect(200);
    expect(body.items).toHaveLength(1);
    return body.items[0];
  }, 30_000);
  return { offer, tenancy };
}

/** GETs a PDF with the given authorisation, checks it is one, and returns its text (pdfText). */
export async function pdfAt(service: TestApp, path: string, auth: { Authorization: string }): Promise<string> {
  const response = await service.http
    .get(path)
    .set(auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  return pdfText(response.body as Buffer);
}
