// Summarises a V8 .cpuprofile (node --cpu-prof, see bench:http --profile): self time by category of
// the request path, then the functions with the most self time.
//   node services/units/bench/summarise-profile.js <file.cpuprofile> [--top 30] [--from <s>]
// --from: only the samples taken that many seconds or more after the profile began (bench:http
// prints when its measured load starts, so start-up and seeding are left out).
'use strict';
const { readFileSync } = require('node:fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: summarise-profile.js <file.cpuprofile> [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 30;
const fromIndex = process.argv.indexOf('--from');
const FROM_MICROS = fromIndex > 0 ? Number(process.argv[fromIndex + 1]) * 1e6 : 0;

/** First matching rule wins: [category, test on the frame's url]. */
const CATEGORIES = [
  ['HTTP adapter (express, body parsers, router)', /node_modules\/(express|body-parser|router|finalhandler|send|qs|raw-body|type-is|content-type|on-finished|accepts|negotiator|mime-types|media-typer|encodeurl|etag|fresh|parseurl|path-to-regexp|cookie|vary|depd|http-errors|iconv-lite|@nestjs\/platform-express)\//],
  ['HTTP adapter (helmet headers)', /node_modules\/helmet\//],
  ['logging (pino, pino-http, serialisers, redaction)', /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|fast-redact|pino-std-serializers|thread-stream|quick-format-unescaped|fast-safe-stringify|safe-stable-stringify|on-exit-leak-free|atomic-sleep)\//],
  ['logging/correlation (the platform library: logging)', /libs\/platform\/src\/logging\//],
  ['validation (zod, nestjs-zod)', /node_modules\/(zod|nestjs-zod|@zod)\//],
  ['validation (the platform library: vocabulary)', /libs\/platform\/src\/validation\//],
  ['metrics (prom-client, middleware)', /(node_modules\/(prom-client|tdigest|bintrees)\/|libs\/platform\/src\/metrics\/)/],
  ['rate limits (throttler, Redis client)', /(node_modules\/(@nestjs\/throttler|@nest-lab|ioredis|redis-parser|cluster-key-slot|denque|standard-as-callback|@ioredis)\/|libs\/platform\/src\/security\/)/],
  ['auth (jose, libs/auth)', /(node_modules\/jose\/|libs\/auth\/src\/)/],
  ['CQRS buses', /node_modules\/@nestjs\/cqrs\//],
  ['Nest core (routing, guards, interceptors, pipes; rxjs)', /node_modules\/(@nestjs\/(core|common)|rxjs|reflect-metadata|tslib|iterare|uid|fast-safe-stringify)\//],
  ['TypeORM (query building, hydration)', /node_modules\/typeorm\//],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-array|postgres-date|postgres-interval|postgres-bytea|pg-connection-string|buffer-writer|packet-reader)\//],
  ['messaging / persistence libs', /libs\/(messaging|persistence)\/src\//],
  ['other platform libs', /libs\/platform\/src\//],
  ['service code', /services\//],
  ['Kafka client', /node_modules\/kafkajs\//],
  ['other node_modules', /node_modules\//],
  ['Node internals (net, http, streams, timers)', /^node:|^internal\//],
];

function categoryOf(frame) {
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(idle)') return 'idle';
  if (frame.functionName === '(program)') return 'program (V8/native, unattributed)';
  const url = frame.url || '';
  if (!url) return 'native / built-ins (JSON, regexp, crypto…)';
  for (const [name, test] of CATEGORIES) if (test.test(url)) return name;
  return 'other';
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const isLibraryFrame = (frame) => frame.url !== '' && !/^(node:|internal\/)/.test(frame.url);

/** Native and Node-internal frames (writev, fs.write, crypto jobs, JSON…) count for the nearest
 *  library or Hearth frame that called them: `writev ← end (pg's connection)`; those with no such
 *  caller (the HTTP parser, timers, the event loop) stay Node's. */
function attributed(id) {
  const frame = byId.get(id).callFrame;
  if (isLibraryFrame(frame) || frame.functionName.startsWith('(')) return { frame, caller: undefined };
  for (let up = parentOf.get(id); up !== undefined; up = parentOf.get(up)) {
    const caller = byId.get(up).callFrame;
    if (isLibraryFrame(caller)) return { frame: { ...frame, url: caller.url }, caller };
  }
  return { frame, caller: undefined };
}
const selfMicros = new Map();
for (let i = 0, at = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i] ?? 0;
  if (at < FROM_MICROS) continue;
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const categories = new Map();
const functions = new Map();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const { frame, caller } = attributed(id);
  const category = categoryOf(frame);
  categories.set(category, (categories.get(category) ?? 0) + micros);
  if (category !== 'idle') busy += micros;
  const source = caller ?? frame;
  const where = source.url ? `${source.url.replace(/^.*?(node_modules\/|libs\/|services\/)/, '$1')}:${source.lineNumber + 1}` : '';
  const key = `${caller ? `${frame.functionName || '(anonymous)'} (Node/native) ← ${caller.functionName || '(anonymous)'}` : frame.functionName || '(anonymous)'} ${where}`.trim();
  const entry = functions.get(key) ?? { micros: 0, category };
  entry.micros += micros;
  functions.set(key, entry);
}

const ms = (micros) => (micros / 1000).toFixed(0).padStart(8);
const pct = (micros) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
console.log(`profile ${file}${FROM_MICROS ? ` from +${FROM_MICROS / 1e6} s` : ''}: ${(busy / 1000).toFixed(0)} ms busy (idle excluded: ${((categories.get('idle') ?? 0) / 1000).toFixed(0)} ms)`);
console.log('');
console.log('self time by category (share of busy time)');
for (const [category, micros] of [...categories].filter(([c]) => c !== 'idle').sort((a, b) => b[1] - a[1])) {
  console.log(`${ms(micros)} ms ${pct(micros)}  ${category}`);
}
console.log('');
console.log(`top ${TOP} functions by self time`);
for (const [key, { micros, category }] of [...functions].filter(([, v]) => v.category !== 'idle').sort((a, b) => b[1].micros - a[1].micros).slice(0, TOP)) {
  console.log(`${ms(micros)} ms ${pct(micros)}  ${key}  [${category}]`);
}
