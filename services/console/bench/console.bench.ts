/**
 * The web console's performance: `node -r ./tools/register.js services/console/bench/console.bench.ts`.
 *
 * 1. Builds the console for production (Vite, as `npm start` does) and starts the gateway serving
 *    it with every service behind it, seeded with the demo data (the browser tests' ConsolePlatform).
 * 2. Loads the staff dashboard in Debian's Chromium (headless, flags of the issue) 10 times (`--loads`),
 *    each in a new browser context (empty cache, as a first visit) holding a fresh session cookie:
 *    first contentful paint (the browser's paint timing) and the time from navigation start until the
 *    dashboard shows its data (the count of available flats written in), both by the page's clock.
 * 3. The first screen's JavaScript: every script the browser fetched for that dashboard load (entry,
 *    its imports, the dashboard's chunk), gzipped (level 6, as a web server would) from the build.
 * Ends with one target line each: first screen's JavaScript ≤ 300 KB gzipped, first contentful
 * paint ≤ 1 s, dashboard with data ≤ 2 s (medians).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ConsolePlatform, DEMO_PASSWORD, launchChromium } from '../test/support';

const LOADS = Number(valueOf('--loads') ?? 10);
const GOAL_JS_KB = 300;
const GOAL_FCP_MS = 1_000;
const GOAL_DATA_MS = 2_000;

function valueOf(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

async function main(): Promise<void> {
  // The platform starts a Kafka broker of its own and hands its address to every service; the
  // shared test helpers only insist that some address is set (Jest's global setup sets one).
  process.env.KAFKA_BROKERS ??= '127.0.0.1:1';
  const platform = new ConsolePlatform();
  const started = Date.now();
  console.log('Building the console for production and starting the gateway with every service (demo data)…');
  await platform.start();
  console.log(`Platform ready in ${((Date.now() - started) / 1000).toFixed(0)} s at ${platform.gatewayUrl}`);
  const browser = await launchChromium();
  const fcps: number[] = [];
  const dataTimes: number[] = [];
  let scripts: string[] = [];
  let totalGzip = 0;
  try {
    // Dashboard counts settle once the seeded flats' events have reached units.
    const token = await platform.token('staff@hearth.demo');
    for (let i = 0; i < 120; i++) {
      if ((await platform.get(token, '/units/units?status=available')).body.total === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`\n${'load'.padStart(4)} ${'FCP ms'.padStart(8)} ${'data ms'.padStart(8)} ${'scripts'.padStart(8)}`);
    for (let load = 1; load <= LOADS; load++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // A session of its own (the refresh cookie rotates on use), set by signing in through the gateway.
      const signIn = await context.request.post(`${platform.gatewayUrl}/auth/sign-in`, { data: { email: 'staff@hearth.demo', password: DEMO_PASSWORD } });
      if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === platform.gatewayUrl && url.pathname.endsWith('.js')) fetched.push(url.pathname);
      });
      await page.goto(`${platform.gatewayUrl}/dashboard`);
      const handle = await page.waitForFunction(
        () => {
          const cell = (globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } }).document.querySelector('[data-status=available]');
          return cell && /\d/.test(cell.textContent ?? '') ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      const dataMs = (await handle.jsonValue()) as number;
      const fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
      fcps.push(fcpMs);
      dataTimes.push(dataMs);
      if (load === 1) scripts = [...new Set(fetched)];
      console.log(`${String(load).padStart(4)} ${fcpMs.toFixed(0).padStart(8)} ${dataMs.toFixed(0).padStart(8)} ${String(new Set(fetched).size).padStart(8)}`);
      await context.close();
    }
    console.log('\nThe first screen’s JavaScript (the staff dashboard, cold):');
    let totalRaw = 0;
    for (const script of scripts) {
      const bytes = readFileSync(join(platform.dist, script));
      const gzipped = gzipSync(bytes, { level: 6 }).length;
      totalRaw += bytes.length;
      totalGzip += gzipped;
      console.log(`  ${basename(script).padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB ${(gzipped / 1024).toFixed(1).padStart(8)} KB gzipped`);
    }
    console.log(`  ${'total'.padEnd(40)} ${(totalRaw / 1024).toFixed(1).padStart(8)} KB ${(totalGzip / 1024).toFixed(1).padStart(8)} KB gzipped`);
  } finally {
    await browser.close();
    await platform.stop();
  }

  const jsKb = totalGzip / 1024;
  const fcp = median(fcps);
  const data = median(dataTimes);
  console.log(`\nMedians of ${LOADS} loads: first contentful paint ${fcp.toFixed(0)} ms, dashboard with data ${data.toFixed(0)} ms`);
  console.log(`target: first screen JavaScript gzipped ${jsKb.toFixed(1)} KB (goal ≤ ${GOAL_JS_KB} KB) — ${verdict(scripts.length > 0 && jsKb <= GOAL_JS_KB)}`);
  console.log(`target: first contentful paint, median of ${LOADS} loads ${fcp.toFixed(0)} ms (goal ≤ ${GOAL_FCP_MS} ms) — ${verdict(Number.isFinite(fcp) && fcp <= GOAL_FCP_MS)}`);
  console.log(`target: staff dashboard with data, median of ${LOADS} loads ${data.toFixed(0)} ms (goal ≤ ${GOAL_DATA_MS} ms) — ${verdict(Number.isFinite(data) && data <= GOAL_DATA_MS)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
