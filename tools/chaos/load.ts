import {
  aConsent,
  aHouseholdRegistration,
  aLandlordRegistration,
  anAgreement,
  anAssessment,
  aUnit,
  bearer,
  checklistAnswers,
  someNeeds,
} from '@hearth/testing';
import { randomInt, randomUUID } from 'node:crypto';

/** What the load saw of one HTTP answer that matters to the verdict. */
export interface ServerError {
  at: number;
  service: string;
  method: string;
  path: string;
  status: number;
  code?: string;
}

export interface LoadStats {
  requests: number;
  /** 503 answers (expected during an outage; unexpected outside one). */
  unavailable: ServerError[];
  /** Any other 5xx: always unexpected. */
  serverErrors: ServerError[];
  /** Connection refused or reset, timeouts: the service was down (killed) or unreachable. */
  unreachable: number;
  stories: Record<string, { done: number; gaveUp: number }>;
  /** Why stories gave up (each distinct reason once, with a count). */
  gaveUpBecause: Record<string, number>;
}

type Json = Record<string, any>;

class GaveUp extends Error {}

const DISTRICTS = ['CHAOS-N', 'CHAOS-S', 'CHAOS-E'];
/** Caseloads are capped (10 Housing First households each): households are spread over 16 caseworkers. */
const caseworkerOf = (householdId: string) => `caseworker-chaos-${householdId[0]}`;
const INSPECTOR_ID = 'inspector-chaos';

/**
 * A steady load of real use cases over HTTP, as staff, inspectors and caseworkers would do them:
 * owners registered, verified, with agreements; flats listed, inspected (some failing with a
 * repair deadline); households registered and waitlisted; offers proposed, made, accepted,
 * declined or left to lapse. Every POST carries an Idempotency-Key, so a retry after a lost answer
 * is safe; every request is retried while its service is unreachable or answers 503.
 */
export class Load {
  readonly stats: LoadStats = { requests: 0, unavailable: [], serverErrors: [], unreachable: 0, stories: {}, gaveUpBecause: {} };
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly staff = bearer('sra_staff', { sub: 'staff-chaos' }).Authorization;
  private readonly inspector = bearer('inspector', { sub: INSPECTOR_ID }).Authorization;
  private checklistCodes?: string[];

  constructor(
    private readonly urls: Record<'landlords' | 'units' | 'inspections' | 'applicants' | 'matching', () => string>,
    private readonly concurrency = 3,
  ) {}

  start(): void {
    this.running = true;
    const stories: [string, () => Promise<void>][] = [
      ['flat listed and inspected', () => this.flatListedAndInspected()],
      ['household waitlisted', () => this.householdWaitlisted()],
      ['offer made and answered', () => this.offerMadeAndAnswered()],
    ];
    this.workers = Array.from({ length: this.concurrency }, (_, worker) =>
      (async () => {
        for (let turn = worker; this.running; turn++) {
          const [name, story] = stories[turn % stories.length];
          const tally = (this.stats.stories[name] ??= { done: 0, gaveUp: 0 });
          try {
            await story();
            tally.done += 1;
          } catch (error) {
            if (!(error instanceof GaveUp)) throw error;
            tally.gaveUp += 1;
            this.stats.gaveUpBecause[error.message] = (this.stats.gaveUpBecause[error.message] ?? 0) + 1;
          }
          await sleep(200 + randomInt(400));
        }
      })(),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async flatListedAndInspected(): Promise<void> {
    const landlord = await this.call('landlords', 'POST', '/landlords', aLandlordRegistration());
    await this.call('landlords', 'POST', `/landlords/${landlord.id}/verify`, {});
    const agreement = await this.call('landlords', 'POST', `/landlords/${landlord.id}/agreements`, anAgreement());
    await this.call('landlords', 'POST', `/landlords/${landlord.id}/agreements/${agreement.id}/sign`, {});
    const district = DISTRICTS[randomInt(DISTRICTS.length)];
    const flat = aUnit().forLandlord(landlord.id).withDistrict(district).with('buildingId', `bld-${randomUUID().slice(0, 8)}`).withBedrooms(1 + randomInt(2)).withRent(600).build();
    // Units hears of the verified owner and the signed agreement over Kafka: retried until it has.
    const unit = await this.until(() => this.call('units', 'POST', '/units', flat, { accept: [409] }), (body) => body.id !== undefined);
    await this.until(() => this.call('units', 'POST', `/units/${unit.id}/submit`, {}, { accept: [409] }), (body) => body.status === 'pending_inspection');
    const page = await this.until(() => this.call('inspections', 'GET', `/inspections?unitId=${unit.id}`), (body) => body.items?.length > 0);
    const inspectionId = page.items[0].id;
    await this.call('inspections', 'POST', `/inspections/${inspectionId}/schedule`, { inspectorId: INSPECTOR_ID, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    this.checklistCodes ??= ((await this.call('inspections', 'GET', '/checklist')).areas as Json[]).flatMap((area) => area.items.map((item: Json) => item.code));
    const answers = checklistAnswers(this.checklistCodes);
    const failing = randomInt(4) === 0;
    const built = failing ? answers.failing(this.checklistCodes[0], 'moderate', 'Loose socket in the kitchen').build() : answers.build();
    for (const [code, answer] of built) await this.call('inspections', 'PUT', `/inspections/${inspectionId}/items/${code}`, answer, { as: this.inspector });
    await this.call('inspections', 'POST', `/inspections/${inspectionId}/complete`, {}, { as: this.inspector });
  }

  private async householdWaitlisted(): Promise<void> {
    const household = await this.call('applicants', 'POST', '/households', aHouseholdRegistration().withMembers(1 + randomInt(2), 0, []).build());
    await this.call('applicants', 'POST', `/households/${household.id}/consent`, aConsent().build());
    await this.call('applicants', 'PUT', `/households/${household.id}/needs`, someNeeds().prefers(DISTRICTS[randomInt(DISTRICTS.length)]).rentSetTo(950).build());
    await this.call('applicants', 'POST', `/households/${household.id}/assessments`, anAssessment().build());
    await this.call('applicants', 'PUT', `/households/${household.id}/caseworker`, { caseworkerId: caseworkerOf(household.id) });
    await this.call('applicants', 'POST', `/households/${household.id}/waitlist`, {});
  }

  private async offerMadeAndAnswered(): Promise<void> {
    const pool = await this.call('matching', 'GET', '/units?status=available&limit=50');
    const candidates = (pool.items as Json[]).filter((unit) => unit.status === 'available');
    if (candidates.length === 0) return;
    const unit = candidates[randomInt(candidates.length)];
    const shortlist = await this.call('matching', 'GET', `/units/${unit.unitId}/shortlist`, undefined, { accept: [404, 409] });
    const first = shortlist.entries?.[0];
    if (!first) return;
    // 409: another worker proposed this flat or household first; 400: the stored shortlist's first
    // household was offered another flat meanwhile, so proposing it now needs a justification.
    const offer = await this.call('matching', 'POST', '/offers', { unitId: unit.unitId, householdId: first.householdId }, { accept: [400, 409] });
    if (!offer.id) return; // another worker got there first
    const made = await this.call('matching', 'POST', `/offers/${offer.id}/make`, {}, { accept: [409] });
    if (made.status !== 'offered') return;
    const answer = randomInt(3);
    const caseworker = bearer('caseworker', { sub: caseworkerOf(first.householdId) }).Authorization;
    if (answer === 0) await this.call('matching', 'POST', `/offers/${offer.id}/accept`, {}, { as: caseworker, accept: [409] });
    if (answer === 1) await this.call('matching', 'POST', `/offers/${offer.id}/decline`, { reason: 'household.too_far_from_support' }, { as: caseworker, accept: [409] });
    // answer 2: the household does not answer; the offer lapses at its deadline.
  }

  /** Repeats a call until its answer satisfies `done` (another service has to hear of something first). */
  private async until(call: () => Promise<Json>, done: (body: Json) => boolean, timeoutMs = 120_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const body = await call();
      if (done(body)) return body;
      if (Date.now() > deadline || !this.running) throw new GaveUp(this.running ? 'waited too long for another service to hear of it' : 'load stopped');
      await sleep(500);
    }
  }

  /**
   * One use-case step. Retried while the service is unreachable (killed, restarting) or answers
   * 503 (a dependency is down); any other 5xx is recorded as unexpected and ends the story; a 4xx
   * not listed in `accept` ends the story too (it is not a fault of the platform under test).
   */
  private async call(service: keyof Load['urls'], method: string, path: string, body?: unknown, options: { as?: string; accept?: number[] } = {}): Promise<Json> {
    const idempotencyKey = method === 'POST' ? randomUUID() : undefined;
    const deadline = Date.now() + 180_000;
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) throw new GaveUp(`${service} unreachable or unavailable for 180 s`);
      this.stats.requests += 1;
      let response: Response;
      try {
        response = await fetch(`${this.urls[service]()}${path}`, {
          method,
          headers: {
            authorization: options.as ?? this.staff,
            'content-type': 'application/json',
            ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch {
        this.stats.unreachable += 1;
        await sleep(Math.min(250 * 2 ** attempt, 2_000));
        continue;
      }
      const text = await response.text();
      const json = (text ? safeJson(text) : {}) as Json;
      if (response.status === 503) {
        this.stats.unavailable.push({ at: Date.now(), service, method, path, status: 503, code: json.code });
        await sleep(Math.min(250 * 2 ** attempt, 2_000));
        continue;
      }
      if (response.status >= 500) {
        this.stats.serverErrors.push({ at: Date.now(), service, method, path, status: response.status, code: json.code });
        throw new GaveUp(`${response.status} from ${service}`);
      }
      // The first answer to an Idempotency-Key may still be running when a retry arrives.
      if (response.status === 409 && json.code === 'IDEMPOTENCY.IN_PROGRESS') {
        await sleep(500);
        continue;
      }
      if (response.status >= 400 && !options.accept?.includes(response.status)) {
        const detail = json.errors?.[0] ? ` (${json.errors[0].field}: ${json.errors[0].message})` : '';
        throw new GaveUp(`${method} ${service}${path.replace(/[0-9a-f-]{36}/g, ':id')} answered ${response.status} ${json.code ?? ''}${detail}`);
      }
      return json;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
