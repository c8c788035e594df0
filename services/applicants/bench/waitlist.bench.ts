/**
 * npm run bench:waitlist — 100,000 households in a throw-away database built by the service's own
 * migrations; waitlist page latency (p50/p99) through the real query handlers over a few hundred
 * requests with varied filters and offsets, and the full re-score of the waitlist under a new
 * priority policy through the real re-scoring use case (outbox events included).
 */
import 'reflect-metadata';
import { SYSTEM_ACTOR } from '@hearth/contracts';
import { EventOutbox } from '@hearth/messaging';
import { databaseUrl, ensureDatabase, UnitOfWork } from '@hearth/persistence';
import { FieldCipher } from '@hearth/platform';
import { dropDatabase } from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APPLICANTS_ENTITIES } from '../src/applicants.module';
import { BoardWaitlistHandler, BoardWaitlistQuery } from '../src/board/queries/board-waitlist/board-waitlist.query';
import { ApplicantsRules, applicantsConfigSchema } from '../src/config';
import { affordableRent } from '../src/households/domain/affordability-rule';
import { bedroomsByRule } from '../src/households/domain/bedroom-rule';
import { HouseholdStatus } from '../src/households/domain/household-status';
import { REFERENCE_ALPHABET } from '../src/households/domain/reference-code';
import { AssessmentDetails, PersonalDataVault, PersonalDetails, VaultContext } from '../src/households/personal-data';
import { PersonalDataReader } from '../src/households/personal-data.reader';
import { applicantsMigrations } from '../src/migrations';
import { RescoreWaitlistCommand, RescoreWaitlistHandler, RescoringProgress } from '../src/priority/commands/rescore-waitlist/rescore-waitlist.handler';
import { DEFAULT_PRIORITY_POLICY, LIVING_SITUATIONS, LivingSituation, scorePriority, VULNERABILITIES } from '../src/priority/domain/priority-policy';
import { PolicyRegistry } from '../src/priority/policy-registry';
import { ListWaitlistHandler, ListWaitlistQuery } from '../src/waitlist/queries/list-waitlist/list-waitlist.query';
import { WaitlistFilter, waitlistFilterSchema, waitlistSql } from '../src/waitlist/waitlist.filter';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
const PAGE_REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 400);
/** BENCH_RESCORE=0 skips the re-score (to look at the data as loaded); BENCH_KEEP_DATABASE=1 keeps the database. */
const RESCORE = process.env.BENCH_RESCORE !== '0';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DISTRICTS = Array.from({ length: 24 }, (_, i) => `D${i + 1}`);
const DAY_MS = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same data. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20_271_122);
const chance = (p: number) => rnd() < p;
const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
  if (!weights) return items[Math.floor(rnd() * items.length)];
  let r = rnd() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i += 1) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
};
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

/** A distinct reference for every i < 31^4: a bijection i ↦ (i·7919 + 12345) mod 31^4 written in the alphabet. */
function referenceFor(i: number): string {
  let n = (i * 7919 + 12_345) % 31 ** 4;
  let code = '';
  for (let d = 0; d < 4; d += 1) {
    code = REFERENCE_ALPHABET[n % 31] + code;
    n = Math.floor(n / 31);
  }
  return `HX-${code}`;
}

const FIRST = ['Amina', 'Jan', 'Fatou', 'Piotr', 'Sara', 'Mohamed', 'Elif', 'Luca', 'Ngozi', 'Sven', 'Ioana', 'Youssef', 'Marie', 'Tariq'];
const LAST = ['Peeters', 'Diallo', 'Nowak', 'Janssens', 'El Amrani', 'Rossi', 'Okafor', 'Dubois', 'Yilmaz', 'Claes', 'Popescu', 'Haddad'];

interface Generated {
  household: unknown[];
  assessment: unknown[] | null;
}

const HOUSEHOLD_COLUMNS = [
  'id', 'version', 'reference', 'programme', 'status', 'paused_from', 'status_reason', 'registered_at', 'waitlisted_at', 'adults', 'couples',
  'children_ages', 'household_size', 'bedrooms_by_rule', 'bedrooms_needed', 'wheelchair', 'step_free', 'pets', 'max_rent', 'max_rent_basis',
  'preferred_districts', 'excluded_districts', 'needs_recorded_at', 'caseworker_id', 'consent_scope', 'assessment_score', 'priority',
  'priority_breakdown_encrypted', 'policy_version', 'urgent', 'board_adjustment', 'personal_encrypted', 'duplicate_key',
];
const ASSESSMENT_COLUMNS = ['id', 'household_id', 'assessed_on', 'assessed_by', 'assessed_role', 'details_encrypted', 'score', 'policy_version'];

function generate(i: number, vault: PersonalDataVault, rules: ApplicantsRules, now: number): Generated {
  const id = randomUUID();
  const programme = pick(['housing_first', 'housing_led', 'rapid_rehousing'] as const, [25, 45, 30]);
  const status = pick<HouseholdStatus>(['waitlisted', 'assessed', 'registered', 'paused', 'housed', 'withdrawn', 'exited'], [88, 4, 3, 2, 1, 1, 1]);
  const adults = pick([1, 2, 3], [60, 35, 5]);
  const couples = adults >= 2 && chance(0.8) ? 1 : 0;
  const childrenAges = chance(0.45) ? Array.from({ length: pick([1, 2, 3, 4], [40, 35, 18, 7]) }, () => int(0, 17)) : [];
  const composition = { adults, couples, childrenAges };
  const bedrooms = bedroomsByRule(rules.bedrooms, composition);
  // Ten years of registrations, more of them recent.
  const registeredAt = new Date(now - Math.floor(rnd() ** 1.6 * 3650 * DAY_MS) - int(0, 86_399_999));
  const wheelchair = chance(0.03);
  const preferred = [...new Set(Array.from({ length: pick([0, 1, 2, 3], [25, 35, 25, 15]) }, () => pick(DISTRICTS)))];
  const excluded = chance(0.12) ? [pick(DISTRICTS.filter((d) => !preferred.includes(d)))] : [];
  const income = { monthlyIncome: chance(0.3) ? int(0, 1600) : 0, monthlyBenefits: int(900, 2200) };
  const scored = status !== 'registered';
  const personal: PersonalDetails = {
    primaryContact: {
      fullName: `${pick(FIRST)} ${pick(LAST)}`,
      dateOfBirth: `19${int(40, 99)}-0${int(1, 9)}-1${int(0, 9)}`,
      phone: `+32 4${int(10, 99)} ${int(10, 99)} ${int(10, 99)} ${int(10, 99)}`,
      email: null,
      preferredLanguage: pick(['nl', 'fr', 'ar', 'en', 'ro', 'tr']),
    },
    referral: { source: pick(['outreach_team', 'shelter', 'prison', 'hospital', 'ngo'] as const), organisation: 'Outreach team North', note: null },
    legalStatus: null,
    notes: chance(0.3) ? 'Prefers contact through the day centre.' : null,
  };
  const assessmentId = randomUUID();
  const details: AssessmentDetails = {
    assessedOn: new Date(registeredAt.getTime() + 20 * DAY_MS).toISOString().slice(0, 10),
    livingSituation: pick<LivingSituation>(LIVING_SITUATIONS, [20, 25, 8, 22, 15, 10]),
    leavingInstitutionOn: null,
    monthsHomelessLast3Years: int(0, 36),
    vulnerabilities: Object.fromEntries(VULNERABILITIES.map((v) => [v, chance(v === 'children' ? (childrenAges.length ? 0.9 : 0) : 0.18)])) as AssessmentDetails['vulnerabilities'],
    vulnerabilityDetails: null,
    notes: null,
  };
  if (details.livingSituation === 'leaving_institution') details.leavingInstitutionOn = new Date(registeredAt.getTime() + int(0, 200) * DAY_MS).toISOString().slice(0, 10);
  const urgent = scored && chance(0.005);
  const adjustment = scored && chance(0.01) ? pick([-10, -5, 5, 10]) : 0;
  const score = scorePriority(DEFAULT_PRIORITY_POLICY, details, { urgent, adjustment });
  const household = [
    id, 1, referenceFor(i), programme, status, status === 'paused' ? 'waitlisted' : null, status === 'paused' ? 'in_treatment' : null,
    registeredAt, status === 'waitlisted' ? new Date(registeredAt.getTime() + 30 * DAY_MS) : null, adults, couples,
    childrenAges, adults + childrenAges.length, bedrooms, bedrooms, wheelchair, wheelchair || chance(0.06), chance(0.12),
    scored ? affordableRent(rules.affordability, income, composition) : null, scored ? 'rule' : null,
    preferred, excluded, scored ? registeredAt : null, chance(0.7) ? `cw-${int(1, 400)}` : null,
    scored ? ['processing', 'matching'] : [], scored ? score.assessmentScore : null, scored ? score.priority : null,
    scored ? vault.seal(VaultContext.breakdown(id), score.breakdown) : null, scored ? 1 : null, urgent, adjustment,
    vault.seal(VaultContext.personal(id), personal), vault.duplicateKey(personal.primaryContact.fullName, personal.primaryContact.dateOfBirth),
  ];
  const assessment = scored
    ? [assessmentId, id, details.assessedOn, `cw-${int(1, 400)}`, 'caseworker', vault.seal(VaultContext.assessment(assessmentId), details), score.assessmentScore, 1]
    : null;
  return { household, assessment };
}

async function insertRows(dataSource: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.floor(30_000 / columns.length);
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await dataSource.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summary(label: string, durations: number[]): string {
  const sorted = [...durations].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  return `${label.padEnd(44)} n=${String(sorted.length).padEnd(4)} p50 ${f(percentile(sorted, 0.5))}  p95 ${f(percentile(sorted, 0.95))}  p99 ${f(percentile(sorted, 0.99))}  max ${f(sorted[sorted.length - 1])}  mean ${f(mean)}`;
}

/**
 * Filters as staff and board use them, with an offset within the filtered list (people page
 * through what the first page's total told them): mostly the first pages, some anywhere, some in
 * the last half.
 */
async function aFilter(dataSource: DataSource): Promise<WaitlistFilter> {
  const raw: Record<string, unknown> = { limit: String(pick([20, 50, 100], [60, 25, 15])) };
  if (chance(0.5)) raw.programme = pick(['housing_first', 'housing_led', 'rapid_rehousing']);
  if (chance(0.3)) raw.bedrooms = String(pick([1, 2, 3, 4], [50, 30, 15, 5]));
  if (chance(0.1)) raw.wheelchair = 'true';
  if (chance(0.1)) raw.stepFree = 'true';
  if (chance(0.1)) raw.pets = pick(['true', 'false']);
  if (chance(0.15)) raw.preferredDistrict = pick(DISTRICTS);
  const filter = waitlistFilterSchema.parse(raw);
  const count = waitlistSql(filter, 'h.id').count;
  const [{ total }] = await dataSource.query<{ total: number }[]>(count.sql, count.params);
  const last = Math.max(0, total - filter.limit);
  const depth = pick(['first pages', 'anywhere', 'last half'] as const, [55, 30, 15]);
  filter.offset = depth === 'first pages' ? Math.min(last, int(0, 4) * filter.limit) : depth === 'anywhere' ? int(0, last) : int(Math.floor(last / 2), last);
  return filter;
}

async function main(): Promise<void> {
  const config = applicantsConfigSchema.parse({
    DATABASE_URL: SERVER_URL,
    KAFKA_BROKERS: '127.0.0.1:9092',
    AUTH_ISSUER: 'http://hearth.bench',
    APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'),
  });
  const rules = ApplicantsRules.fromConfig(config);
  const vault = new PersonalDataVault(new FieldCipher(config.APPLICANTS_DATA_KEY));
  const database = `bench_applicants_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(SERVER_URL, database);
  const dataSource = await new DataSource({
    type: 'postgres',
    url: databaseUrl(SERVER_URL, database),
    entities: APPLICANTS_ENTITIES,
    migrations: applicantsMigrations,
    extra: { max: 10 },
  }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    console.log(`Waitlist benchmark: ${HOUSEHOLDS.toLocaleString('en')} households in ${database} (the service's migrations)`);

    let t = performance.now();
    const now = Date.now();
    const generated = Array.from({ length: HOUSEHOLDS }, (_, i) => generate(i, vault, rules, now));
    const generateMs = performance.now() - t;
    t = performance.now();
    await insertRows(dataSource, 'households', HOUSEHOLD_COLUMNS, generated.map((g) => g.household));
    const assessments = generated.flatMap((g) => (g.assessment ? [g.assessment] : []));
    await insertRows(dataSource, 'assessments', ASSESSMENT_COLUMNS, assessments);
    await dataSource.query('UPDATE households h SET current_assessment_id = a.id FROM assessments a WHERE a.household_id = h.id');
    await dataSource.query('VACUUM ANALYZE households');
    await dataSource.query('VACUUM ANALYZE assessments');
    const loadMs = performance.now() - t;
    const [{ waitlisted }] = await dataSource.query<{ waitlisted: number }[]>(`SELECT count(*)::int AS waitlisted FROM households WHERE status = 'waitlisted'`);
    console.log(`  generated (sealing personal data and assessments) in ${(generateMs / 1000).toFixed(1)} s; bulk-inserted ${HOUSEHOLDS.toLocaleString('en')} households and ${assessments.length.toLocaleString('en')} assessments in ${(loadMs / 1000).toFixed(1)} s`);
    console.log(`  ${waitlisted.toLocaleString('en')} waitlisted`);

    // Pages through the real query handlers (staff list; board list decrypts each row's breakdown).
    const staffList = new ListWaitlistHandler(dataSource);
    // The board list also records each read of a breakdown in the access log, as in the service.
    const boardList = new BoardWaitlistHandler(new UnitOfWork(dataSource), vault, new PersonalDataReader(vault));
    const boardActor = { id: 'bench-board', role: 'board_member' as const };
    const staffActor = { id: 'bench-staff', role: 'sra_staff' as const };
    for (let i = 0; i < 30; i += 1) await staffList.execute(new ListWaitlistQuery(await aFilter(dataSource), staffActor));
    const staffTimes: number[] = [];
    const boardTimes: number[] = [];
    const deepTimes: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i += 1) {
      const filter = await aFilter(dataSource);
      const start = performance.now();
      const page = await staffList.execute(new ListWaitlistQuery(filter, staffActor));
      const ms = performance.now() - start;
      staffTimes.push(ms);
      if (filter.offset >= 10_000) deepTimes.push(ms);
      if (page.items.length === 0 && page.total > 0) throw new Error('empty page within the list');
    }
    for (let i = 0; i < PAGE_REQUESTS / 2; i += 1) {
      const filter = await aFilter(dataSource);
      const start = performance.now();
      await boardList.execute(new BoardWaitlistQuery(filter, boardActor));
      boardTimes.push(performance.now() - start);
    }
    const plan = await dataSource.query<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN (ANALYZE, FORMAT TEXT) SELECT reference FROM households WHERE status = 'waitlisted'
        ORDER BY priority DESC, registered_at, reference LIMIT 50 OFFSET ${waitlisted - 50}`,
    );
    const planLines = plan.map((row) => row['QUERY PLAN'].trim());
    console.log('\nWaitlist page (query + total count), varied filters and offsets:');
    console.log(`  ${summary('GET /waitlist (staff)', staffTimes)}`);
    console.log(`  ${summary('  of which offset ≥ 10,000', deepTimes)}`);
    console.log(`  ${summary('GET /board/waitlist (pseudonymised, decrypts)', boardTimes)}`);
    const p99 = percentile([...staffTimes].sort((a, b) => a - b), 0.99);
    console.log(`  target p99 <= 50 ms: ${p99 <= 50 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms)`);
    console.log(`  the last page of the whole list: ${planLines.find((l) => l.includes('Scan'))?.replace(/\s+\(cost.*$/, '')}, ${planLines.find((l) => l.startsWith('Execution Time'))}`);

    if (!RESCORE) return;
    // Full re-score through the real use case: publish v2, then run the job's command.
    await dataSource.query(`INSERT INTO priority_policies (version, weights, summary, published_by) VALUES (2, $1, 'bench', $2)`, [
      JSON.stringify({
        ...DEFAULT_PRIORITY_POLICY.weights,
        livingSituation: { ...DEFAULT_PRIORITY_POLICY.weights.livingSituation, rough_sleeping: 45, overcrowded: 10 },
        monthsHomeless: { pointsPerMonth: 1, maxPoints: 30 },
      }),
      SYSTEM_ACTOR.id,
    ]);
    const rescorer = new RescoreWaitlistHandler(dataSource, new UnitOfWork(dataSource), new PolicyRegistry(), vault, new EventOutbox('applicants'), rules);
    let batches = 0;
    t = performance.now();
    const result: RescoringProgress = await rescorer.execute(
      new RescoreWaitlistCommand(2, async () => {
        batches += 1;
      }),
    );
    const rescoreMs = performance.now() - t;
    const [{ events, bytes }] = await dataSource.query<{ events: number; bytes: string }[]>(
      `SELECT count(*)::int AS events, coalesce(sum(pg_column_size(envelope)), 0) AS bytes FROM outbox WHERE event_type = 'ApplicantNeedsChanged'`,
    );
    console.log('\nFull re-score under a new priority policy (batches of ' + rules.rescoreBatchSize + ', one transaction each):');
    console.log(`  ${result.processed.toLocaleString('en')} households re-scored in ${(rescoreMs / 1000).toFixed(2)} s (${Math.round(result.processed / (rescoreMs / 1000)).toLocaleString('en')}/s), outcome ${result.outcome}, ${batches} progress reports`);
    console.log(`  ${result.changed.toLocaleString('en')} priorities changed → ${events.toLocaleString('en')} ApplicantNeedsChanged events in the outbox (${(Number(bytes) / 1024 / 1024).toFixed(1)} MB); unchanged households published nothing`);
  } finally {
    await dataSource.destroy();
    if (process.env.BENCH_KEEP_DATABASE) console.log(`\nKept ${database} (BENCH_KEEP_DATABASE)`);
    else await dropDatabase(database, SERVER_URL);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
