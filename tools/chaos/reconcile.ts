import { Client } from 'pg';
import { loadCatalogueModel } from '../docs/catalogue-sources';

/** A service's database, as the chaos run reaches it. */
export interface ServiceDatabase {
  service: string;
  url: string;
}

export interface Reconciliation {
  /** Events published by every producer (outbox rows). */
  events: number;
  /** Published events of a type a consumer subscribes to, missing from that consumer's inbox. */
  lost: number;
  /** What each of those is: consumer, producer, event type and id. */
  lostDetails: string[];
  /** Events applied more than once (inbox rows of one event for one consumer, or inbox rows of events no outbox holds). */
  appliedTwice: number;
  /** What each of those is: consumer, event type, id and why it counts. */
  appliedTwiceDetails: string[];
  deadLettered: number;
  held: number;
  unpublished: number;
  readModelMismatches: string[];
  overdue: string[];
}

/** Which services consume which event types: read from the services' `on(...)` subscriptions. */
export function subscriptions(): Map<string, Set<string>> {
  const byConsumer = new Map<string, Set<string>>();
  for (const use of loadCatalogueModel().consumers) {
    const types = byConsumer.get(use.service) ?? new Set<string>();
    types.add(use.definition.type);
    byConsumer.set(use.service, types);
  }
  return byConsumer;
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface OutboxEvent {
  event_id: string;
  event_type: string;
  seq: string;
}

/**
 * Events committed before `upToSeq` (per producer; all when omitted) that some subscribed consumer
 * has not applied yet — zero means every consumer has caught up with them.
 */
export async function consumerLag(databases: ServiceDatabase[], upToSeq?: Map<string, string>): Promise<number> {
  const subscribed = subscriptions();
  let lag = 0;
  const inboxes = new Map<string, Set<string>>();
  for (const database of databases) {
    inboxes.set(database.service, new Set((await query<{ event_id: string }>(database.url, 'SELECT event_id FROM inbox')).map((row) => row.event_id)));
  }
  for (const producer of databases) {
    const limit = upToSeq?.get(producer.service);
    const events = await query<OutboxEvent>(producer.url, `SELECT event_id, event_type, seq FROM outbox ${limit ? 'WHERE seq <= $1' : ''}`, limit ? [limit] : []);
    for (const consumer of databases) {
      const types = subscribed.get(consumer.service);
      if (!types || consumer.service === producer.service) continue;
      const inbox = inboxes.get(consumer.service)!;
      lag += events.filter((event) => types.has(event.event_type) && !inbox.has(event.event_id)).length;
    }
  }
  return lag;
}

export async function highestSeqs(databases: ServiceDatabase[]): Promise<Map<string, string>> {
  const seqs = new Map<string, string>();
  for (const database of databases) {
    const [row] = await query<{ seq: string | null }>(database.url, 'SELECT max(seq)::text AS seq FROM outbox');
    seqs.set(database.service, row.seq ?? '0');
  }
  return seqs;
}

/**
 * Deadlines that will publish an event within the next few minutes (an offer lapsing, a repair
 * deadline passing, a run finishing): the platform is not quiet while any is pending.
 */
export async function pendingDeadlines(databases: ServiceDatabase[]): Promise<number> {
  const url = (service: string) => databases.find((d) => d.service === service)?.url;
  const count = async (service: string, sql: string) => {
    const database = url(service);
    return database ? Number((await query<{ n: string }>(database, sql))[0].n) : 0;
  };
  return (
    (await count('matching', `SELECT count(*) AS n FROM offers WHERE status = 'offered' AND response_deadline < now() + interval '5 minutes'`)) +
    (await count('matching', `SELECT count(*) AS n FROM allocation_runs WHERE status IN ('queued', 'running')`)) +
    (await count(
      'inspections',
      `SELECT count(*) AS n FROM deficiencies WHERE deadline_handled_at IS NULL AND resolution IS NULL AND deadline_at < now() + interval '5 minutes'`,
    ))
  );
}

export async function unpublished(databases: ServiceDatabase[]): Promise<number> {
  let count = 0;
  for (const database of databases) count += Number((await query<{ n: string }>(database.url, 'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'))[0].n);
  return count;
}

/** Every outbox against every inbox, every read model against its source, and what is overdue. */
export async function reconcile(databases: ServiceDatabase[], graceMs: number): Promise<Reconciliation> {
  const url = (service: string) => databases.find((d) => d.service === service)?.url;
  const subscribed = subscriptions();
  const result: Reconciliation = {
    events: 0,
    lost: 0,
    lostDetails: [],
    appliedTwice: 0,
    appliedTwiceDetails: [],
    deadLettered: 0,
    held: 0,
    unpublished: await unpublished(databases),
    readModelMismatches: [],
    overdue: [],
  };

  const outboxes = new Map<string, OutboxEvent[]>();
  for (const database of databases) {
    const events = await query<OutboxEvent>(database.url, 'SELECT event_id, event_type, seq FROM outbox');
    outboxes.set(database.service, events);
    result.events += events.length;
  }
  const inboxes = new Map<string, InboxRow[]>();
  for (const consumer of databases) {
    inboxes.set(consumer.service, await query<InboxRow>(consumer.url, 'SELECT event_id, min(event_type) AS event_type, count(*) AS n FROM inbox GROUP BY event_id'));
  }
  // Read again after the inboxes: an event a job published after the first read, and already
  // applied, is in an inbox but was not in that first read of the outboxes.
  const published = new Set<string>();
  for (const database of databases) {
    for (const { event_id } of await query<{ event_id: string }>(database.url, 'SELECT event_id FROM outbox')) published.add(event_id);
  }
  for (const consumer of databases) {
    const inbox = inboxes.get(consumer.service)!;
    const applied = new Set(inbox.map((row) => row.event_id));
    for (const row of inbox) {
      const why = Number(row.n) > 1 ? `applied ${row.n} times` : !published.has(row.event_id) ? 'in no outbox' : null;
      if (!why) continue;
      result.appliedTwice += 1;
      result.appliedTwiceDetails.push(`${consumer.service} ${row.event_type} ${row.event_id}: ${why}`);
    }
    const types = subscribed.get(consumer.service) ?? new Set<string>();
    for (const [producer, events] of outboxes) {
      if (producer === consumer.service) continue;
      for (const event of events.filter((candidate) => types.has(candidate.event_type) && !applied.has(candidate.event_id))) {
        result.lost += 1;
        result.lostDetails.push(`${consumer.service} never applied ${producer}'s ${event.event_type} ${event.event_id} (seq ${event.seq})`);
      }
    }
    const parked = await query<{ kind: string; n: string }>(consumer.url, 'SELECT kind, count(*) AS n FROM parked_events WHERE resolved_at IS NULL GROUP BY kind');
    for (const row of parked) {
      if (row.kind === 'dead_letter') result.deadLettered += Number(row.n);
      else result.held += Number(row.n);
    }
  }

  await compareReadModels(url, result.readModelMismatches);
  await findOverdue(url, graceMs, result.overdue);
  return result;
}

type Url = (service: string) => string | undefined;
type InboxRow = { event_id: string; event_type: string; n: string };

async function compareReadModels(url: Url, mismatches: string[]): Promise<void> {
  const differences = <T>(what: string, source: Map<string, T>, model: Map<string, T>) => {
    for (const [id, state] of source) {
      if (JSON.stringify(model.get(id)) !== JSON.stringify(state)) mismatches.push(`${what} ${id}: source ${JSON.stringify(state)}, read model ${JSON.stringify(model.get(id))}`);
    }
    for (const id of model.keys()) if (!source.has(id)) mismatches.push(`${what} ${id}: in the read model only`);
  };

  const landlords = url('landlords');
  const units = url('units');
  if (landlords && units) {
    const source = await query<{ id: string; status: string }>(landlords, 'SELECT id, status FROM landlords');
    const model = await query<{ id: string; status: string }>(units, 'SELECT id, status FROM known_landlords');
    differences('landlord (units)', new Map(source.map((r) => [r.id, r.status])), new Map(model.map((r) => [r.id, r.status])));
  }
  const matching = url('matching');
  if (units && matching) {
    const source = await query<{ id: string; version: number }>(units, `SELECT id, version FROM units WHERE status = 'available'`);
    const model = await query<{ id: string; version: number }>(matching, `SELECT unit_id AS id, unit_version AS version FROM available_units WHERE status = 'available'`);
    differences('available flat (matching)', new Map(source.map((r) => [r.id, r.version])), new Map(model.map((r) => [r.id, r.version])));
  }
  const applicants = url('applicants');
  if (applicants && matching) {
    const source = await query<{ id: string; priority: string }>(applicants, `SELECT id, priority::float::text AS priority FROM households WHERE status = 'waitlisted'`);
    const model = await query<{ id: string; priority: string }>(matching, `SELECT household_id AS id, priority::text AS priority FROM waitlisted_households WHERE status = 'waitlisted'`);
    differences('waitlisted household (matching)', new Map(source.map((r) => [r.id, Number(r.priority)])), new Map(model.map((r) => [r.id, Number(r.priority)])));
  }
  const inspections = url('inspections');
  if (units && inspections) {
    const model = await query<{ id: string; withdrawn: boolean }>(inspections, 'SELECT id, withdrawn FROM known_units');
    const source = await query<{ id: string; withdrawn: boolean }>(units, `SELECT id, status = 'withdrawn' AS withdrawn FROM units WHERE id = ANY($1)`, [model.map((r) => r.id)]);
    differences('flat (inspections)', new Map(source.map((r) => [r.id, r.withdrawn])), new Map(model.map((r) => [r.id, r.withdrawn])));
  }
}

async function findOverdue(url: Url, graceMs: number, overdue: string[]): Promise<void> {
  const grace = `${Math.ceil(graceMs / 1000)} seconds`;
  const matching = url('matching');
  if (matching) {
    for (const row of await query<{ id: string }>(matching, `SELECT id FROM offers WHERE status = 'offered' AND response_deadline < now() - $1::interval`, [grace])) {
      overdue.push(`offer ${row.id} still awaiting an answer after its deadline`);
    }
    for (const row of await query<{ id: string; status: string }>(matching, `SELECT id, status FROM allocation_runs WHERE status IN ('queued', 'running') AND created_at < now() - $1::interval`, [grace])) {
      overdue.push(`allocation run ${row.id} still ${row.status}`);
    }
    for (const row of await query<{ id: string }>(
      matching,
      `SELECT u.unit_id AS id FROM available_units u LEFT JOIN shortlists s ON s.unit_id = u.unit_id
        WHERE u.status = 'available' AND (s.unit_id IS NULL OR s.unit_version < u.unit_version) AND u.updated_at < now() - $1::interval`,
      [grace],
    )) {
      overdue.push(`shortlist of flat ${row.id} never computed`);
    }
  }
  const inspections = url('inspections');
  if (inspections) {
    for (const row of await query<{ id: string }>(inspections, `SELECT id FROM deficiencies WHERE deadline_handled_at IS NULL AND resolution IS NULL AND deadline_at < now() - $1::interval`, [grace])) {
      overdue.push(`repair deadline of deficiency ${row.id} passed unhandled`);
    }
  }
}
