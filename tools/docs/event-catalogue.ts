import { dlqTopic, EventDefinition, eventCatalogue, ServiceName, Topics } from '@hearth/contracts';
import { z } from 'zod';
import { headingSlug, tableCell } from './markdown';

/**
 * Builds docs/events.md from the catalogue in libs/contracts and from the services' code:
 * - types, versions, topics, aggregates and payload fields come from the event definitions (the
 *   zod payload schemas, read through their JSON Schema);
 * - what each event means comes from the doc comment above its definition, and each field's
 *   description from the schema (`.describe()`) or from tools/docs/event-field-descriptions.ts;
 * - who consumes an event is read from the services' subscriptions, `on(EventDefinition, …)`,
 *   and who writes it from `newEvent(EventDefinition, …)` (services/<service>/src, specs left out).
 */

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface EventModule extends SourceFile {
  /** What the module exports (event definitions among other schemas). */
  readonly exports: Readonly<Record<string, unknown>>;
}

export interface CatalogueEvent {
  readonly definition: EventDefinition;
  /** The name it is exported under from @hearth/contracts. */
  readonly exportName: string;
  readonly file: string;
  /** The doc comment above the definition, as one paragraph. */
  readonly summary: string | null;
}

export interface PayloadField {
  /** Dotted path; `[]` marks the items of a list. */
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  /** From the schema (`.describe()`), else from the descriptions file. */
  readonly description: string | undefined;
}

/** Field descriptions keyed by `Type.path` (one event) or `path` (every event with that field). */
export type FieldDescriptions = Readonly<Record<string, string>>;

export interface EventUse {
  readonly service: string;
  readonly file: string;
  readonly definition: EventDefinition;
}

export interface CatalogueModel {
  readonly events: readonly CatalogueEvent[];
  /** The leading comment of each events module, by source service. */
  readonly intros: ReadonlyMap<string, string>;
  readonly consumers: readonly EventUse[];
  readonly writers: readonly EventUse[];
  readonly descriptions: FieldDescriptions;
}

function isEventDefinition(value: unknown): value is EventDefinition {
  return eventCatalogue.all().includes(value as EventDefinition);
}

/**
 * Every definition of the catalogue with the module and doc comment it comes from, ordered by
 * topic (as `Topics` lists them) and then as declared in its module, which follows the aggregate's life.
 */
export function catalogueEvents(modules: readonly EventModule[], definitions: readonly EventDefinition[] = eventCatalogue.all()): CatalogueEvent[] {
  const found = new Map<EventDefinition, CatalogueEvent & { position: number }>();
  for (const module of modules) {
    const comments = docComments(module.text);
    for (const [exportName, value] of Object.entries(module.exports)) {
      if (!isEventDefinition(value) || found.has(value)) continue;
      const position = module.text.search(new RegExp(`export const ${exportName}\\b`));
      found.set(value, { definition: value, exportName, file: module.path, summary: comments.get(exportName) ?? null, position });
    }
  }
  const topics = Object.keys(Topics);
  return definitions
    .map((definition) => {
      const event = found.get(definition);
      if (!event) throw new Error(`${definition.type}@${definition.version} is in the catalogue but exported by no module under libs/contracts/src/events`);
      return event;
    })
    .sort((x, y) => topics.indexOf(x.definition.source) - topics.indexOf(y.definition.source) || x.file.localeCompare(y.file) || x.position - y.position)
    .map(({ position: _position, ...event }) => event);
}

/** The doc comment (`/** … *\/`) right above each `export const X = defineEvent(`, by export name. */
export function docComments(source: string): Map<string, string> {
  const comments = new Map<string, string>();
  const pattern = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export const (\w+)\s*=\s*defineEvent\(/g;
  for (const match of source.matchAll(pattern)) comments.set(match[2], commentText(match[1]));
  return comments;
}

/** The comment a module opens with (after its imports, before its first export), or null. */
export function leadingComment(source: string): string | null {
  const firstExport = source.search(/^export /m);
  const head = firstExport === -1 ? source : source.slice(0, firstExport);
  const body = head.replace(/^import[\s\S]*?;\s*$/gm, '');
  const block = /\/\*(?!\*)((?:(?!\*\/)[\s\S])*)\*\//.exec(body);
  if (block) return commentText(block[1]);
  const lines = /((?:^[ \t]*\/\/.*\n)+)/m.exec(body);
  return lines ? commentText(lines[1].replace(/^[ \t]*\/\/ ?/gm, '')) : null;
}

/** Comment body → text: leading `*` dropped, lines joined, blank lines kept as paragraph breaks. */
function commentText(body: string): string {
  return body
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd())
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' '))
    .join('\n\n');
}

type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  description?: string;
};

/** Every field of an event's payload, nested ones as dotted paths, with a readable type. */
export function payloadFields(definition: EventDefinition, descriptions: FieldDescriptions = {}): PayloadField[] {
  const schema = z.toJSONSchema(definition.payload, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const fields: PayloadField[] = [];
  const visit = (object: JsonSchema, prefix: string): void => {
    for (const [key, property] of Object.entries(object.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const description = property.description ?? descriptions[`${definition.type}.${path}`] ?? descriptions[path];
      fields.push({ path, type: typeName(property), required: (object.required ?? []).includes(key), description });
      const nested = objectWithin(property);
      if (nested) visit(nested.schema, nested.list ? `${path}[]` : path);
    }
  };
  visit(schema, '');
  return fields;
}

function objectWithin(schema: JsonSchema): { schema: JsonSchema; list: boolean } | undefined {
  if (schema.properties) return { schema, list: false };
  if (schema.type === 'array' && schema.items?.properties) return { schema: schema.items, list: true };
  for (const option of schema.anyOf ?? []) {
    const found = objectWithin(option);
    if (found) return found;
  }
  return undefined;
}

const FORMATS: Record<string, string> = {
  uuid: 'uuid',
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date-time (ISO 8601 with offset)',
};

/** A JSON Schema as a short type for a table: `integer ≥ 0`, `uuid or null`, one of `a`, `b`. */
export function typeName(schema: JsonSchema): string {
  if (schema.anyOf) {
    const options = schema.anyOf.filter((option) => option.type !== 'null');
    const nullable = options.length < schema.anyOf.length;
    return `${options.map(typeName).join(' or ')}${nullable ? ' or null' : ''}`;
  }
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`;
  switch (schema.type) {
    case 'string': {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format];
      if (schema.pattern) return `string matching \`${schema.pattern}\``;
      const length = range(schema.minLength, schema.maxLength);
      return length === '' ? 'string' : `string (length${length})`;
    }
    case 'integer':
    case 'number': {
      const low = schema.exclusiveMinimum !== undefined ? { value: schema.exclusiveMinimum, strict: true } : schema.minimum !== undefined ? { value: schema.minimum, strict: false } : undefined;
      const high = schema.exclusiveMaximum !== undefined ? { value: schema.exclusiveMaximum, strict: true } : schema.maximum !== undefined ? { value: schema.maximum, strict: false } : undefined;
      return `${schema.type}${bounds(low, high, schema.type === 'integer')}`;
    }
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = schema.items?.properties ? 'objects' : schema.items ? typeName(schema.items) : 'anything';
      return `${item.startsWith('one of') ? `list, each ${item}` : `list of ${item}`}${schema.minItems ? ` (at least ${schema.minItems})` : ''}`;
    }
    case 'object':
      return 'object';
    default:
      return 'any';
  }
}

function range(min: number | undefined, max: number | undefined): string {
  if (min && max !== undefined) return ` ${min}–${max}`;
  if (min) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

type Bound = { value: number; strict: boolean } | undefined;

/** Bounds as people write them; JavaScript's safe-integer limits are not worth printing. */
function bounds(low: Bound, high: Bound, integer: boolean): string {
  const lowest = low && (integer && low.strict ? { value: low.value + 1, strict: false } : low);
  const highest = high && Math.abs(high.value) < Number.MAX_SAFE_INTEGER ? high : undefined;
  if (lowest && highest && !lowest.strict && !highest.strict) return ` ${lowest.value}–${highest.value}`;
  const parts = [lowest && `${lowest.strict ? '>' : '≥'} ${lowest.value}`, highest && `${highest.strict ? '<' : '≤'} ${highest.value}`].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
}

/**
 * Calls of `callee(EventDefinition, …)` in the services' own code: `on` for subscriptions,
 * `newEvent` for the events a service writes to its outbox. Names are resolved against what
 * @hearth/contracts exports; anything else is an error, so a renamed or aliased definition cannot
 * quietly drop out of the catalogue.
 */
export function eventUses(files: readonly SourceFile[], callee: 'on' | 'newEvent', contracts: Readonly<Record<string, unknown>>): EventUse[] {
  const uses: EventUse[] = [];
  const pattern = new RegExp(`(?<![.\\w])${callee}\\(\\s*([A-Z]\\w*)\\s*,`, 'g');
  for (const file of files) {
    const service = /^services\/([^/]+)\/src\//.exec(file.path)?.[1];
    if (!service || file.path.endsWith('.spec.ts')) continue;
    for (const match of file.text.matchAll(pattern)) {
      const definition = contracts[match[1]];
      if (!isEventDefinition(definition)) {
        throw new Error(`${file.path}: ${callee}(${match[1]}, …) names no event definition of @hearth/contracts (import definitions by their exported name)`);
      }
      uses.push({ service, file: file.path, definition });
    }
  }
  return uses;
}

/** Problems that make the catalogue wrong rather than out of date: a service writing another service's event. */
export function catalogueProblems(model: Pick<CatalogueModel, 'writers'>): string[] {
  return model.writers
    .filter((use) => use.service !== use.definition.source)
    .map((use) => `${use.file} writes ${use.definition.type}, an event of ${use.definition.source} (each service publishes only its own events, on its own topic)`);
}

/** Fields that have no description, as `Type@version field` (each must be described before the catalogue is complete). */
export function undescribedFields(model: Pick<CatalogueModel, 'events' | 'descriptions'>): string[] {
  return model.events.flatMap(({ definition }) =>
    payloadFields(definition, model.descriptions)
      .filter((field) => !field.description)
      .map((field) => `${definition.type}@${definition.version} ${field.path}`),
  );
}

/** Entries of the descriptions file that no payload field uses any more. */
export function unusedDescriptions(model: Pick<CatalogueModel, 'events' | 'descriptions'>): string[] {
  const used = new Set<string>();
  for (const { definition } of model.events) {
    for (const field of payloadFields(definition)) used.add(field.path).add(`${definition.type}.${field.path}`);
  }
  return Object.keys(model.descriptions).filter((key) => !used.has(key));
}

const START = '<!-- catalogue:start — generated by `npm run docs:events`; edit the prose outside these markers only -->';
const END = '<!-- catalogue:end -->';

/** Puts the generated catalogue between the markers of the hand-written document. */
export function withCatalogue(document: string, catalogue: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`docs/events.md must contain the markers\n${START}\n${END}`);
  return `${document.slice(0, start + START.length)}\n\n${catalogue.trim()}\n\n${document.slice(end)}`;
}

export const CATALOGUE_MARKERS = { start: START, end: END } as const;

function eventKey(definition: EventDefinition): string {
  return `${definition.type}@${definition.version}`;
}

function eventLink(definition: EventDefinition): string {
  return `[${eventKey(definition)}](#${headingSlug(eventKey(definition))})`;
}

function servicesOf(uses: readonly EventUse[], definition: EventDefinition): string[] {
  return [...new Set(uses.filter((use) => use.definition === definition).map((use) => use.service))].sort();
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The generated part of docs/events.md. */
export function renderCatalogue(model: CatalogueModel): string {
  const services = (Object.keys(Topics) as ServiceName[]).filter((service) => model.events.some((e) => e.definition.source === service));
  const out: string[] = [];

  out.push('## Topics', '', '| topic | published by | dead letters of its consumers | event types |', '| --- | --- | --- | --- |');
  for (const service of Object.keys(Topics) as ServiceName[]) {
    const count = model.events.filter((e) => e.definition.source === service).length;
    out.push(`| \`${Topics[service]}\` | ${service} | \`${dlqTopic(service)}\` | ${count === 0 ? 'none yet' : count} |`);
  }

  out.push('', '## Who listens to whom', '', 'Arrows go from the publishing service to a consuming service, labelled with the number of event types consumed.', '', '```mermaid', 'flowchart LR');
  const flows = new Map<string, number>();
  for (const { definition } of model.events) {
    for (const consumer of servicesOf(model.consumers, definition)) {
      const key = `${definition.source} --> ${consumer}`;
      flows.set(key, (flows.get(key) ?? 0) + 1);
    }
  }
  for (const [flow, count] of [...flows].sort()) out.push(`  ${flow.replace(' --> ', ` -->|${count}| `)}`);
  out.push('```');

  out.push('', '## Index', '', '| event | topic | aggregate (message key) | written by | consumed by |', '| --- | --- | --- | --- | --- |');
  for (const { definition } of model.events) {
    const writers = servicesOf(model.writers, definition);
    const consumers = servicesOf(model.consumers, definition);
    out.push(
      `| ${eventLink(definition)} | \`${definition.topic}\` | ${definition.aggregateType} | ${writers.length > 0 ? writers.join(', ') : '— (not yet)'} | ${consumers.length > 0 ? consumers.join(', ') : '—'} |`,
    );
  }

  for (const service of services) {
    out.push('', `## ${Topics[service]}`, '');
    const intro = model.intros.get(service);
    if (intro) out.push(intro, '');
    for (const event of model.events.filter((e) => e.definition.source === service)) out.push(...renderEvent(event, model), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function renderEvent(event: CatalogueEvent, model: CatalogueModel): string[] {
  const { definition } = event;
  const fields = payloadFields(definition, model.descriptions);
  const keyField = `${lowerFirst(definition.aggregateType)}Id`;
  const writers = servicesOf(model.writers, definition);
  const consumers = servicesOf(model.consumers, definition);
  const lines = [`### ${eventKey(definition)}`, ''];
  if (event.summary) lines.push(event.summary, '');
  lines.push(
    `- Topic \`${definition.topic}\`, aggregate ${definition.aggregateType}; message key: the aggregate id${fields.some((f) => f.path === keyField) ? ` (\`${keyField}\`)` : ''}.`,
    `- Written by: ${writers.length > 0 ? `${writers.join(', ')} (outbox)` : 'no service in this repository yet (the contract is published ahead of its producer)'}.`,
    `- Consumed by: ${consumers.length > 0 ? consumers.join(', ') : 'no service yet'}.`,
    `- Defined in \`${event.file}\` as \`${event.exportName}\`.`,
    '',
    '| field | type | required | description |',
    '| --- | --- | --- | --- |',
  );
  for (const field of fields) {
    lines.push(`| \`${field.path}\` | ${tableCell(field.type)} | ${field.required ? 'yes' : 'no'} | ${tableCell(field.description ?? '(not described yet)')} |`);
  }
  return lines;
}
