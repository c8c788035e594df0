// Summarises a V8 .cpuprofile (node --cpu-prof, see bench:http --profile): self time by category of
// the request path, then the functions with the most self time.
//   node services/units/bench/summarise-profile.js <file.cpuprofile> [--top 30]
'use strict';
const { readFileSync } = require('node:fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: summarise-profile.js <file.cpuprofile> [--top N]');
  process.exit(2);
}
const topIndex = process.argv.indexOf('--top');
const TOP = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 30;

/** First matching rule wins: [category, test on the frame's url]. */
const CATEGORIES = [
  ['HTTP adapter (express, body parsers, router)', /node_modules\/(express|body-parser|router|finalhandler|send|qs|raw-body|type-is|content-type|on-finished|accepts|negotiator|mime-types|media-typer|encodeurl|etag|fresh|parseurl|path-to-regexp|cookie|vary|depd|http-errors|iconv-lite|@nestjs\/platform-express)\//],
  ['HTTP adapter (helmet headers)', /node_modules\/helmet\//],
  ['logging (pino, pino-http, serialisers, redaction)', /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|fast-redact|pino-std-serializers|thread-stream|quick-format-unescaped|fast-safe-stringify|safe-stable-stringify|on-exit-leak-free|atomic-sleep)\//],
  ['logging/correlation (libs/platform/logging)', /libs\/platform\/src\/logging\//],
  ['validation (zod, nestjs-zod)', /node_modules\/(zod|nestjs-zod|@zod)\//],
  ['validation (libs/platform/validation)', /libs\/platform\/src\/validation\//],
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
const selfMicros = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

const categories = new Map();
const functions = new Map();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id).callFrame;
  const category = categoryOf(frame);
  categories.set(category, (categories.get(category) ?? 0) + micros);
  if (category !== 'idle') busy += micros;
  const where = frame.url ? `${frame.url.replace(/^.*?(node_modules\/|libs\/|services\/)/, '$1')}:${frame.lineNumber + 1}` : '';
  const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
  const entry = functions.get(key) ?? { micros: 0, category };
  entry.micros += micros;
  functions.set(key, entry);
}

const ms = (micros) => (micros / 1000).toFixed(0).padStart(8);
const pct = (micros) => `${((100 * micros) / busy).toFixed(1).padStart(5)} %`;
console.log(`profile ${file}: ${(busy / 1000).toFixed(0)} ms busy (idle excluded: ${((categories.get('idle') ?? 0) / 1000).toFixed(0)} ms)`);
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
