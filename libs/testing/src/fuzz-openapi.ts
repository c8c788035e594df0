import { CONSUMER_PROGRESS, ConsumerProgressSource } from '@hearth/platform';
import { settled } from './settled';
import fc from 'fast-check';
import { Client } from 'pg';
import { TEST_DATABASE_SERVER_URL, withDatabase } from './test-database';
import type { TestApp } from './test-app';

/**
 * Property-based fuzzing of every endpoint of a running test app, generated from its OpenAPI
 * document (`/docs-json`): for every operation, requests with valid and invalid bodies, path
 * parameters and query strings. Every answer must be a 2xx or a 4xx (never a 5xx), every 4xx
 * must be application/problem+json, and a 4xx must leave the watched tables as they were.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

/** One request the fuzzer sends. */
export interface FuzzRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** undefined: no body; a string: sent as is (not JSON). */
  body?: unknown;
  rawBody?: string;
  /** Generated to be valid by the schema (it may still be refused by the domain: not found, a conflict). */
  valid?: boolean;
}

export interface FuzzFinding {
  operation: string;
  request: FuzzRequest;
  status: number;
  problem: string;
}

export interface FuzzReport {
  service: string;
  operations: number;
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  findings: FuzzFinding[];
  /** Answers per operation and status (`POST /units` → { 201: 5, 400: 11 }). */
  perOperation: Record<string, Record<number, number>>;
}

export interface FuzzOptions {
  /** Name printed with the totals. */
  service: string;
  /** Headers of every request (a token allowed to call the operation, usually staff), or per operation (`POST /board/…`). */
  headers: Record<string, string> | ((operation: string) => Record<string, string>);
  /** Generated requests per operation (half valid by the schema, half invalid); 16 by default. */
  runsPerOperation?: number;
  /**
   * Tables a refused request must leave alone: their row count and the transaction ids of their
   * rows (any insert, update or delete changes them) are compared around every 4xx. Every table but
   * the migrations', the inbox (consumers) and the outbox by default. The outbox is checked on its
   * own: no event may carry a refused request's correlation id (every request sends its own).
   */
  watchedTables?: string[];
  /**
   * Watched tables that background jobs update after an accepted request (re-scoring, runs):
   * compared by row count only, so a job finishing during a refused request is not taken for it.
   */
  rowCountOnly?: string[];
  /** Tables a refused request is meant to write (an audit of failed sign-ins): left out of the default watch list. */
  ignoredTables?: string[];
  /**
   * Values that path parameters, query parameters and body fields of that name take in most valid
   * requests (ids of records that exist), so requests get past "not found" to the code that
   * writes; generated values otherwise.
   */
  knownValues?: Record<string, string[]>;
  /**
   * A body the operation accepts, by operation (`POST /units`), from the test's builders: most
   * valid and invalid bodies of that operation start from it, so mutations reach the code behind
   * validation (bodies generated from the schema alone rarely pass the domain's rules).
   */
  examples?: Record<string, unknown>;
  /** Operations left out (`GET /health`), with the reason in the test. */
  skip?: string[];
  /** A fixed seed for a reproducible run; random by default (printed with the findings). */
  seed?: number;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function fuzzOpenApi(service: TestApp, options: FuzzOptions): Promise<FuzzReport> {
  const { body: document } = await service.http.get('/docs-json').expect(200);
  const operations = operationsOf(document).filter((op) => !(options.skip ?? []).includes(`${op.method.toUpperCase()} ${op.path}`));
  const runs = options.runsPerOperation ?? 16;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const report: FuzzReport = { service: options.service, operations: operations.length, requests: 0, byStatus: {}, serverErrors: 0, findings: [], perOperation: {} };

  // Other suites' events reach this service's consumer on the shared broker and would change its
  // read models under the fuzzer: once everything before is applied, the consumer stops taking more.
  await settled(service);
  await service.app.get<ConsumerProgressSource>(CONSUMER_PROGRESS, { strict: false }).runner?.stop();
  const database = new Client({ connectionString: withDatabase(TEST_DATABASE_SERVER_URL, service.database) });
  await database.connect();
  const watched =
    options.watchedTables ??
    (
      await database.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'outbox', 'inbox') ORDER BY 1")
    ).rows
      .map((r) => r.name)
      .filter((name) => !(options.ignoredTables ?? []).includes(name));
  const hasOutbox = (await database.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'outbox'")).rowCount === 1;
  const run = Math.random().toString(36).slice(2, 8);
  try {
    // Every field of every example at an extreme first, while the records the test made are in
    // their first state; then random requests, operation by operation.
    for (const [index, operation] of operations.entries()) {
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      const example = options.examples?.[label];
      if (example !== undefined) await check(label, fieldSweep(operation, options.knownValues ?? {}, example, seed + index));
    }
    for (const [index, operation] of operations.entries()) await fuzzOperation(index, operation);
  } finally {
    await database.end();
  }
  if (report.findings.length > 0) report.findings.unshift({ operation: '(seed)', request: { method: '', path: '', query: {} }, status: 0, problem: `seed ${seed}` });
  return report;

  async function fuzzOperation(index: number, operation: Operation): Promise<void> {
    const label = `${operation.method.toUpperCase()} ${operation.path}`;
    await check(label, fc.sample(requestArbitrary(operation, document, options.knownValues ?? {}, options.examples?.[label]), { numRuns: runs, seed: seed + index }));
  }

  /** Sends a refused request again (twice): true if the watched tables changed both times and it was refused again. */
  function changesEveryTime(request: FuzzRequest, headers: Record<string, string>, status: number): Promise<boolean> {
    return triesAllChange(2, async () => {
      const before = await fingerprint(database, watched, options.rowCountOnly ?? []);
      const again = await send(service, headers, request);
      const after = await fingerprint(database, watched, options.rowCountOnly ?? []);
      return again.status === status && after !== before;
    });
  }

  async function check(label: string, requests: FuzzRequest[]): Promise<void> {
    for (const request of requests) {
      const before = await fingerprint(database, watched, options.rowCountOnly ?? []);
      const correlationId = `fuzz-${run}-${report.requests}`;
      const headers = { ...(typeof options.headers === 'function' ? options.headers(label) : options.headers), 'x-correlation-id': correlationId };
      let response: Awaited<ReturnType<typeof send>>;
      try {
        response = await send(service, headers, request);
      } catch (error) {
        // No answer at all (a connection reset): as bad as a 5xx.
        report.requests += 1;
        report.serverErrors += 1;
        report.findings.push({ operation: label, request, status: 0, problem: `no answer: ${(error as Error).message}` });
        continue;
      }
      report.requests += 1;
      const statusClass = `${Math.floor(response.status / 100)}xx`;
      report.byStatus[statusClass] = (report.byStatus[statusClass] ?? 0) + 1;
      if (process.env.FUZZ_VERBOSE && response.status === 429 && !report.perOperation[label]?.[429]) console.log(`${label} answered 429: ${JSON.stringify(response.body)}`);
      if (process.env.FUZZ_VERBOSE && request.valid && response.status === 400) console.log(`${label} refused a valid request: ${JSON.stringify(request.query)} ${JSON.stringify(request.body)?.slice(0, 500)} → ${JSON.stringify(response.body.errors ?? response.body.detail)}`);
      const answers = (report.perOperation[label] ??= {});
      answers[response.status] = (answers[response.status] ?? 0) + 1;
      const finding = (problem: string) => report.findings.push({ operation: label, request, status: response.status, problem });
      if (response.status >= 500) {
        report.serverErrors += 1;
        finding(`answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
      } else if (response.status >= 400) {
        if (!/^application\/problem\+json/.test(response.headers['content-type'] ?? '')) finding(`a ${response.status} without problem+json (${response.headers['content-type']})`);
        const after = await fingerprint(database, watched, options.rowCountOnly ?? []);
        if (after !== before && (await changesEveryTime(request, headers, response.status))) finding(`a ${response.status} changed the watched tables: ${describeChange(before, after)}`);
        if (hasOutbox) {
          // Matched on the header copy and the envelope's text: an unreadable envelope must not hide a finding.
          const published = await database.query("SELECT event_type FROM outbox WHERE envelope::text LIKE '%' || $1 || '%'", [`"${correlationId}"`]);
          if (published.rowCount) finding(`a ${response.status} published ${published.rows.map((r) => r.event_type).join(', ')}`);
        }
      } else if (response.status < 200 || response.status >= 300) {
        finding(`answered ${response.status}`);
      }
    }
  }
}

/**
 * Jobs queued before the fuzzer started may still write while a refused request is in flight. A
 * refused request changes nothing, so it can be sent again: it is a finding only if the watched
 * tables change on every one of three tries.
 */
async function triesAllChange(tries: number, attempt: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < tries; i++) if (!(await attempt())) return false;
  return true;
}

/** One line with the totals, as the fuzz tests print it. */
export function fuzzTotals(report: FuzzReport): string {
  const statuses = Object.entries(report.byStatus)
    .sort()
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const totals = `fuzz ${report.service}: ${report.operations} operations, ${report.requests} requests (${statuses}), ${report.serverErrors} 5xx, ${report.findings.length} findings`;
  if (!process.env.FUZZ_VERBOSE) return totals;
  const lines = Object.entries(report.perOperation).map(([operation, answers]) => `  ${operation}: ${Object.entries(answers).map(([status, count]) => `${status}×${count}`).join(' ')}`);
  return [totals, ...lines].join('\n');
}

async function send(service: TestApp, headers: Record<string, string>, request: FuzzRequest) {
  const method = request.method as (typeof HTTP_METHODS)[number];
  let call = service.http[method](request.path).set(headers);
  if (Object.keys(request.query).length > 0) call = call.query(new URLSearchParams(request.query).toString());
  if (request.rawBody !== undefined) call = call.set('content-type', 'application/json').send(request.rawBody);
  else if (request.body !== undefined) call = call.set('content-type', 'application/json').send(wellFormed(JSON.stringify(request.body)));
  // A request that never ends (a stream left in, a hang) is reported, not waited for.
  return call.timeout(15_000).ok(() => true);
}

// ---------------------------------------------------------------- the document

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operations.push({
        method,
        path,
        parameters: (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

function resolve(schema: Schema | undefined, document: unknown): Schema {
  let current = schema ?? {};
  for (let depth = 0; current.$ref && depth < 20; depth += 1) {
    const target = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    current = (target as Schema | undefined) ?? {};
  }
  if (current.allOf) {
    return current.allOf.reduce<Schema>((merged, part) => {
      const resolved = resolve(part, document);
      return { ...merged, ...resolved, properties: { ...merged.properties, ...resolved.properties }, required: [...(merged.required ?? []), ...(resolved.required ?? [])] };
    }, { ...current, allOf: undefined });
  }
  return current;
}

// ---------------------------------------------------------------- requests

function requestArbitrary(operation: Operation, document: unknown, pathValues: Record<string, string[]>, example?: unknown): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const bodySchema = operation.body ? resolve(operation.body, document) : undefined;

  const validPath = fc.tuple(...pathParams.map((p) => validPathValue(p, document, pathValues[p.name])));
  const invalidPath = fc.tuple(...pathParams.map((p) => fc.oneof({ weight: 3, arbitrary: validPathValue(p, document, pathValues[p.name]) }, { weight: 1, arbitrary: hostileString() })));
  const validQuery = fc.record(
    Object.fromEntries(
      queryParams.map((p) => {
        const value = validPathValue(p, document, pathValues[p.name]);
        return [p.name, p.required ? value : fc.option(value, { nil: undefined })];
      }),
    ),
  );
  const invalidQuery = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc.option(fc.oneof(queryValue(resolve(p.schema, document), document), hostileString(), hostileNumberString()), { nil: undefined, freq: 2 }),
      ]),
    ),
  );
  const generatedBody = bodySchema ? valueOf(bodySchema, document, 0, pathValues) : fc.constant(undefined);
  const validBody = example === undefined ? generatedBody : fc.oneof({ weight: 2, arbitrary: fc.constant(example).map((body) => structuredClone(body)) }, { weight: 1, arbitrary: generatedBody });
  const invalidBody = bodySchema ? invalidValueOf(validBody) : fc.constant(undefined);

  const build = (path: string[], query: Record<string, unknown>, body: unknown, rawBody?: string): FuzzRequest => ({
    method: operation.method,
    path: pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(path[i]))), operation.path),
    query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, wellFormed(String(v))])),
    body,
    rawBody,
  });

  const valid = fc.tuple(validPath, validQuery, validBody).map(([path, query, body]) => ({ ...build(path, query, body), valid: true }));
  const badPath = fc.tuple(invalidPath, validQuery, validBody).map(([path, query, body]) => build(path, query, body));
  const badQuery = fc.tuple(validPath, invalidQuery, validBody).map(([path, query, body]) => build(path, query, body));
  if (!bodySchema) {
    return weighted([4, valid], [pathParams.length > 0 ? 3 : 0, badPath], [queryParams.length > 0 ? 3 : 0, badQuery]);
  }
  const badBody = fc.tuple(validPath, validQuery, invalidBody).map(([path, query, body]) => build(path, query, body));
  const notJson = fc
    .tuple(validPath, validQuery, fc.constantFrom('{', '[1,', '"\\u0000"', 'null', '{"a":1e999}', 'x'.repeat(10)))
    .map(([path, query, raw]) => build(path, query, undefined, raw));
  return weighted([3, valid], [5, badBody], [pathParams.length > 0 ? 1 : 0, badPath], [queryParams.length > 0 ? 1 : 0, badQuery], [1, notJson]);
}

/**
 * Each field of the example (at any depth, up to 40) once at an extreme of its own kind, picked at
 * random: an amount or count beyond its column, a year 0000, a NUL, 5,000 characters… so that every
 * field meets hostile input in every run, not only the ones random sampling happens to reach.
 */
function fieldSweep(operation: Operation, known: Record<string, string[]>, example: unknown, seed: number): FuzzRequest[] {
  const leaves = objectFields(example)
    .filter(([parent, key]) => {
      const value = (parent as Record<string | number, unknown>)[key];
      return value === null || typeof value !== 'object';
    })
    .slice(0, 40);
  const picks = fc.sample(fc.nat(), { numRuns: leaves.length, seed });
  const path = operation.parameters
    .filter((p) => p.in === 'path')
    .reduce((url, p) => url.replace(`{${p.name}}`, encodeURIComponent(known[p.name]?.[0] ?? '00000000-0000-4000-8000-000000000000')), operation.path);
  return leaves.flatMap(([parent, key], i) => {
    const value = (parent as Record<string | number, unknown>)[key];
    // Always the classic overflow (an amount beyond any column, a year PostgreSQL refuses), plus one at random.
    const fixed = typeof value === 'number' ? [1e12] : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? ['0000-01-01'] : [];
    return [...fixed, hostileOfKind(value, picks[i])].map((hostile) => {
      const body = structuredClone(example);
      const [copyParent, copyKey] = objectFields(body)[objectFields(example).findIndex(([p, k]) => p === parent && k === key)];
      (copyParent as Record<string | number, unknown>)[copyKey] = hostile;
      return { method: operation.method, path, query: {}, body };
    });
  });
}

/** Lone surrogates replaced: a URL or a body cannot carry them (the hostile ones stay in JSON as escapes). */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function weighted<T>(...choices: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.filter(([weight]) => weight > 0).map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

function validPathValue(parameter: Parameter, document: unknown, known: string[] | undefined): fc.Arbitrary<string> {
  const declared = resolve(parameter.schema, document);
  // Ids checked by a pipe are often documented as plain strings.
  const schema = parameter.in === 'path' && /id$/i.test(parameter.name) && !declared.format && !declared.pattern ? { ...declared, format: 'uuid' } : declared;
  const generated = queryValue(schema, document);
  if (known && known.length > 0) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
  return generated;
}

/** A value as a query string or a path carries it. */
function queryValue(schema: Schema, document: unknown): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String));
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return valueOf(schema, document, 0).map(String);
  if (type === 'boolean') return fc.constantFrom('true', 'false');
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => queryValue(resolve(s, document), document)));
  return stringValue(schema);
}

// ---------------------------------------------------------------- values

function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function valueOf(schema: Schema, document: unknown, depth: number, known: Record<string, string[]> = {}): fc.Arbitrary<unknown> {
  schema = resolve(schema, document);
  const nullable = schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'));
  const value = nonNullValueOf(schema, document, depth, known);
  return nullable ? fc.option(value, { nil: null, freq: 4 }) : value;
}

function nonNullValueOf(schema: Schema, document: unknown, depth: number, known: Record<string, string[]>): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => valueOf(s, document, depth + 1, known)));
  switch (typeOf(schema)) {
    case 'string':
      return stringValue(schema);
    case 'integer': {
      const min = numericMin(schema) ?? -1_000;
      const max = numericMax(schema) ?? min + 1_000;
      const [low, high] = [Math.ceil(Math.max(min, -(2 ** 53))), Math.floor(Math.min(max, 2 ** 53 - 1))];
      // Mostly small values near the minimum (versions, counts, pages), sometimes anywhere in range.
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: low, max: Math.min(high, low + 10) }) }, { weight: 1, arbitrary: fc.integer({ min: low, max: high }) });
    }
    case 'number': {
      const min = numericMin(schema) ?? 0;
      const max = numericMax(schema) ?? min + 10_000;
      // Amounts with at most two decimals, within the bounds.
      return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(Math.min(max, 1e13) * 100) }).map((cents) => cents / 100);
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 4);
      return fc.array(valueOf(schema.items ?? {}, document, depth + 1, known), { minLength, maxLength });
    }
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const field = (name: string, s: Schema) =>
        known[name]?.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known[name]) }, { weight: 1, arbitrary: valueOf(s, document, depth + 1, known) }) : valueOf(s, document, depth + 1, known);
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, field(name, s)])), {
        requiredKeys: [...required].filter((name) => name in properties),
      });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

function numericMin(schema: Schema): number | undefined {
  const step = typeOf(schema) === 'integer' ? 1 : 0.01;
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + step;
  if (schema.exclusiveMinimum === true && schema.minimum !== undefined) return schema.minimum + step;
  return schema.minimum;
}

function numericMax(schema: Schema): number | undefined {
  const step = typeOf(schema) === 'integer' ? 1 : 0.01;
  if (typeof schema.exclusiveMaximum === 'number') return schema.exclusiveMaximum - step;
  if (schema.exclusiveMaximum === true && schema.maximum !== undefined) return schema.maximum - step;
  return schema.maximum;
}

function stringValue(schema: Schema): fc.Arbitrary<string> {
  const today = new Date();
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc.date({ min: new Date(today.getTime() - 400 * 86_400_000), max: new Date(today.getTime() + 400 * 86_400_000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date(today.getTime() - 86_400_000), max: new Date(today.getTime() + 400 * 86_400_000), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.stringMatching(/^[a-z][a-z0-9.]{0,20}[a-z0-9]$/).filter((local) => !local.includes('..')).map((local) => `${local}@example.org`);
  }
  if (schema.pattern) {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).filter((s) => s.length <= (schema.maxLength ?? 1_000) && s.length >= (schema.minLength ?? 0));
    } catch {
      // A pattern JavaScript cannot read: plain strings.
    }
  }
  const minLength = Math.max(schema.minLength ?? 0, 1);
  const maxLength = Math.max(Math.min(schema.maxLength ?? 40, minLength + 40), minLength);
  // Mostly words (they pass trimming, code patterns and "not blank"), sometimes any printable text.
  const words = fc
    .array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,9}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(' '))
    .filter((value) => value.length >= minLength && value.length <= maxLength);
  const printable = fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
  return fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: printable });
}

/**
 * A body the schema refuses, or one at its edges: one field (at any depth) replaced by a hostile
 * value of its own kind (an amount beyond any column, a date in year 0000, a NUL in a text…) or
 * of another, a field left out, an unknown field, or no object at all.
 */
function invalidValueOf(validBody: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const valid = validBody.map((body) => (body === undefined ? body : structuredClone(body)));
  const anyHostile = fc.oneof(hostileString(), hostileNumber(), fc.constant(null), fc.constant([]), fc.constant({}), fc.boolean());
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(valid, fc.nat(), fc.nat(), fc.boolean()).map(([body, at, pick, ownKind]) => mutateLeaf(body, at, pick, ownKind)) },
    // Every number, or every date, of the body at one extreme: an amount or count beyond its column, a year 0000.
    { weight: 3, arbitrary: fc.tuple(valid, fc.nat(), fc.boolean()).map(([body, pick, numbers]) => everyLeafOfAKind(body, pick, numbers)) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([body, at]) => {
        const fields = objectFields(body);
        if (fields.length === 0) return body;
        const [parent, key] = fields[at % fields.length];
        delete (parent as Record<string, unknown>)[key];
        return body;
      }),
    },
    { weight: 1, arbitrary: valid.map((body) => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, unexpected: 'x' } : body)) },
    { weight: 1, arbitrary: anyHostile },
  );
}

function everyLeafOfAKind(value: unknown, pick: number, numbers: boolean): unknown {
  if (numbers && typeof value === 'number') return HOSTILE_NUMBERS[pick % HOSTILE_NUMBERS.length];
  if (!numbers && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return HOSTILE_DATES[pick % HOSTILE_DATES.length];
  if (Array.isArray(value)) return value.map((item) => everyLeafOfAKind(item, pick, numbers));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, everyLeafOfAKind(item, pick, numbers)]));
  return value;
}

/** Every (container, key) of a value's fields, at any depth. */
function objectFields(value: unknown, found: [object, string | number][] = []): [object, string | number][] {
  if (Array.isArray(value)) value.forEach((item, i) => (found.push([value, i]), objectFields(item, found)));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) (found.push([value, key]), objectFields(item, found));
  return found;
}

function mutateLeaf(body: unknown, at: number, pick: number, ownKind: boolean): unknown {
  const fields = objectFields(body);
  if (fields.length === 0) return ownKind ? hostileOfKind(body, pick) : HOSTILE_ANY[pick % HOSTILE_ANY.length];
  const [parent, key] = fields[at % fields.length];
  const current = (parent as Record<string | number, unknown>)[key];
  (parent as Record<string | number, unknown>)[key] = ownKind ? hostileOfKind(current, pick) : HOSTILE_ANY[pick % HOSTILE_ANY.length];
  return body;
}

const HOSTILE_NUMBERS = [1e12, 2 ** 31, 1e300, -1e12, 2 ** 53, 123.456, -1, 0.001, 99_999_999.99];
const HOSTILE_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', 'a'.repeat(5_000), '💥', "'; DROP TABLE x; --", '\uD800', ' x ', 'line\nbreak'];
const HOSTILE_DATES = ['0000-01-01', '20000-01-01', '9999-12-31', '2026-02-30', '1899-12-31', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2026-13-01'];
const HOSTILE_ANY: unknown[] = [null, [], {}, true, 'x', 1e300, -1, '\u0000', [null], { a: 1 }];

function hostileOfKind(value: unknown, pick: number): unknown {
  if (typeof value === 'number') return HOSTILE_NUMBERS[pick % HOSTILE_NUMBERS.length];
  if (typeof value === 'string') {
    const dateLike = /^\d{4}-\d{2}-\d{2}/.test(value);
    const choices = dateLike ? [...HOSTILE_DATES, ...HOSTILE_STRINGS.slice(0, 4)] : HOSTILE_STRINGS;
    return choices[pick % choices.length];
  }
  if (typeof value === 'boolean') return ['true', 1, null][pick % 3];
  if (Array.isArray(value)) return pick % 2 === 0 ? Array.from({ length: 1_001 }, () => value[0] ?? 'x') : [null];
  return HOSTILE_ANY[pick % HOSTILE_ANY.length];
}

function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '%00', '\u0007', 'a'.repeat(5_000), '0000-01-01', '9999-12-31', '0000-01-01T00:00:00Z', '-1', '1e309', 'NaN', '💥', '../../etc', "'; DROP TABLE x; --", '\uD800'),
    fc.string({ maxLength: 30, unit: 'binary' }),
  );
}

function hostileNumber(): fc.Arbitrary<number> {
  return fc.constantFrom(-1, 0, 0.001, 1e12, -1e12, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER * 10, 1e300, 123.456);
}

function hostileNumberString(): fc.Arbitrary<string> {
  return fc.constantFrom('99999999999999999999', '-99999999999', '1e300', '0x10', '1.5', '', ' ', '2147483648', '-0');
}

// ---------------------------------------------------------------- what a refused request left

async function fingerprint(database: Client, tables: string[], rowCountOnly: string[]): Promise<string> {
  if (tables.length === 0) return '';
  const parts = tables.map((table) =>
    rowCountOnly.includes(table) ? `(SELECT '${table}:' || count(*) FROM "${table}")` : `(SELECT '${table}:' || count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "${table}")`,
  );
  const { rows } = await database.query<{ fingerprint: string }>(`SELECT concat_ws(' ', ${parts.join(', ')}) AS fingerprint`);
  return rows[0].fingerprint;
}

function describeChange(before: string, after: string): string {
  const was = new Set(before.split(' '));
  return after
    .split(' ')
    .filter((part) => !was.has(part))
    .join(', ');
}

/**
 * Operations of an OpenAPI document that do not document a success (2xx) response or a 4xx whose
 * content is application/problem+json, as `METHOD /path: what is missing`.
 */
export function undocumentedResponses(document: { paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> }): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = Object.entries(operation.responses ?? {});
      const gaps = [
        ...(responses.some(([status]) => /^2\d\d$/.test(status)) ? [] : ['a 2xx']),
        ...(responses.some(([status, response]) => /^4\d\d$/.test(status) && response.content?.['application/problem+json']) ? [] : ['a problem+json 4xx']),
      ];
      if (gaps.length > 0) missing.push(`${method.toUpperCase()} ${path}: ${gaps.join(', ')}`);
    }
  }
  return missing;
}
