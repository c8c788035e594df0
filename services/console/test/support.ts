import { buildConsole, dropDatabase, freePort, KafkaTestBroker, linkIn, seedDemoData, ServiceKey, ServiceProcess, SmtpSink, testEnv, type DemoRecords } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSync } from 'otplib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'hearth-demo-password';
const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SERVICES: ServiceKey[] = ['landlords', 'units', 'inspections', 'applicants', 'matching', 'leases', 'mediation', 'reporting'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The real platform for the browser tests: the console built by Vite, the gateway serving it, and
 * every service it talks to, each a process with its own throw-away database, seeded with the
 * demo data of `npm start` through the APIs (so every event flows as in real use).
 */
export class ConsolePlatform {
  readonly processes: ServiceProcess[] = [];
  readonly databases: string[] = [];
  readonly logDirectory = join(tmpdir(), `hearth-console-${randomBytes(3).toString('hex')}`);
  readonly dist = mkdtempSync(join(tmpdir(), 'hearth-console-dist-'));
  gatewayUrl = '';
  records?: DemoRecords;
  private smtp?: SmtpSink;
  private broker?: KafkaTestBroker;

  async start(): Promise<void> {
    // A broker of its own: the dashboard counts every flat and inspection, so other suites'
    // events (on the shared test broker) must not reach this platform's services.
    [this.smtp, this.broker] = await Promise.all([SmtpSink.start(), KafkaTestBroker.start()]);
    const build = buildConsole(this.dist);
    const ports = Object.fromEntries(await Promise.all(['gateway', ...SERVICES].map(async (name) => [name, await freePort()] as const)));
    this.gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    const trust = { AUTH_ISSUER: this.gatewayUrl, AUTH_JWKS: '', AUTH_JWKS_URL: `${this.gatewayUrl}/.well-known/jwks.json`, AUTH_MAX_TOKEN_AGE: '900' };
    const urls = Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}`]));
    await build;
    await this.startService('gateway', {
      ...trust,
      AUTH_JWKS_URL: '',
      PORT: String(ports.gateway),
      GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
      SMTP_URL: this.smtp.url,
      DEMO_ACCOUNTS: 'true',
      CONSOLE_DIST: this.dist,
      ...urls,
    });
    await Promise.all(SERVICES.map((name) => this.startService(name, { ...trust, PORT: String(ports[name]), BANK_ACCOUNT_KEY: randomBytes(32).toString('base64'), APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'), MEDIATION_DATA_KEY: randomBytes(32).toString('base64') })));
    const api = `${this.gatewayUrl}/api`;
    this.records = await seedDemoData(
      { gateway: this.gatewayUrl, landlords: `${api}/landlords`, units: `${api}/units`, inspections: `${api}/inspections`, applicants: `${api}/applicants`, matching: `${api}/matching`, leases: `${api}/leases`, mediation: `${api}/mediation` },
      async (account) => {
        const token = await this.token(`${account}@hearth.demo`, account === 'admin' ? { totp: generateSync({ secret: DEMO_ADMIN_TOTP_SECRET }) } : {});
        return { token, userId: JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string };
      },
      async (adminToken, landlordId, email, name) => {
        const created = await fetch(`${this.gatewayUrl}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({ email, displayName: name, roles: ['landlord'], landlordId, preferredLanguage: 'fr' }),
        });
        if (!created.ok) throw new Error(`creating the demo landlord user failed: ${await created.text()}`);
        const token = new URL(linkIn(await this.smtp!.waitFor(email))).searchParams.get('token');
        const set = await fetch(`${this.gatewayUrl}/auth/password-reset/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: DEMO_PASSWORD }) });
        if (!set.ok) throw new Error(`setting the demo landlord's password failed: ${await set.text()}`);
      },
    );
  }

  private async startService(name: ServiceKey, extra: Record<string, string>): Promise<void> {
    const env = testEnv(name, { LOG_LEVEL: 'info', KAFKA_BROKERS: this.broker!.brokers.join(','), ...extra });
    this.databases.push(env.DATABASE_NAME!);
    const service = new ServiceProcess(name, env, this.logDirectory);
    this.processes.push(service);
    await service.start(180_000);
  }

  /** An access token for a demo account, straight from the gateway (for setting up and checking through the API). */
  async token(email: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await fetch(`${this.gatewayUrl}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD, ...extra }) });
    const body = (await response.json()) as { accessToken?: string };
    if (!body.accessToken) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
    return body.accessToken;
  }

  /** GET through the front door. */
  async get<T = any>(token: string, path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.gatewayUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    await Promise.all(this.databases.map((db) => dropDatabase(db)));
    await Promise.all([this.smtp?.stop(), this.broker?.stop()]);
    rmSync(this.dist, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, as the issue says to launch it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * A page that remembers what the browser refused: Content-Security-Policy violations and errors
 * in the console (a strict CSP must not break the console).
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

export async function signInThroughConsole(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/sign-in');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

// axe-core's browser bundle, next to the package's entry point.
const AXE_SOURCE = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now (injected through the DevTools protocol,
 * which the page's CSP does not apply to). Returns the serious and critical violations, and all counts.
 */
export async function axeCheck(page: Page): Promise<{ serious: AxeViolation[]; total: number }> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return { serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), total: violations.length };
}

/** Where the journeys' screenshots go (printed by the tests). */
export function screenshotFolder(): string {
  const folder = process.env.CONSOLE_SCREENSHOTS ?? join(tmpdir(), 'hearth-console-screenshots');
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** What a browser suite works with: the platform, Chromium, the screenshots' folder and the page checks. */
export interface BrowserSuite {
  readonly platform: ConsolePlatform;
  /** Chromium, launched before the first test. */
  readonly browser: Browser;
  readonly shots: string;
  /** axe-core on the page as it is now: no serious or critical violation (the totals of any impact are printed at the end). */
  accessible(page: Page, name: string): Promise<void>;
  /** Nothing wider than a 375-pixel phone's screen (tables scroll inside their own box). */
  fitsThePhone(page: Page): Promise<void>;
}

/**
 * The set-up every browser suite shares, called at the top of its `describe`: the whole platform
 * and Chromium started together before the first test (then `ready`, for what the suite waits for
 * beyond that), both stopped after the last, the screenshots' folder and the accessibility totals
 * printed.
 */
export function browserSuite(name: string, ready?: (platform: ConsolePlatform) => Promise<void>): BrowserSuite {
  jest.setTimeout(300_000);
  const platform = new ConsolePlatform();
  const shots = screenshotFolder();
  const axeTotals: Record<string, number> = {};
  let browser: Browser | undefined;

  beforeAll(async () => {
    await Promise.all([platform.start(), launchChromium().then((launched) => (browser = launched))]);
    await ready?.(platform);
    console.log(`${name} screenshots: ${shots}`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform.stop();
    console.log(`${name}: accessibility (axe-core, WCAG 2.1 A/AA), violations of any impact per page: ${JSON.stringify(axeTotals)}`);
  });

  return {
    platform,
    shots,
    get browser() {
      if (!browser) throw new Error('Chromium is not running: use the browser inside a test');
      return browser;
    },
    async accessible(page, pageName) {
      const { serious, total } = await axeCheck(page);
      axeTotals[pageName] = total;
      expect(serious).toEqual([]);
    },
    async fitsThePhone(page) {
      const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
    },
  };
}
