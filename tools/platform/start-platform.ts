import { DEVELOPMENT_DEFAULTS } from '@hearth/platform';
import { generateSync } from 'otplib';
import { buildConsole, CONSOLE_DIST, KafkaTestBroker, linkIn, REPO_ROOT, seedDemoData, ServiceKey, ServiceProcess, SERVICES, SmtpSink } from '@hearth/testing';
import { join } from 'node:path';
import { aptInstall, ensurePostgres, ensureRedis } from './infrastructure';
import { localPostgresUrl } from './postgres-access';

/** Development-only defaults; production sets its own through the environment. */
const GATEWAY_URL = 'http://127.0.0.1:3000';
const DEMO_PASSWORD = 'hearth-demo-password';
const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SMTP_PORT = 1025;

async function main(): Promise<void> {
  // Stopped in reverse order of starting: the services (together, each given at most 8 s), then
  // the broker and the databases they used. The whole stop takes under 10 s; a second Ctrl-C
  // stops at once.
  const stops: (() => void | Promise<void>)[] = [];
  let services: ServiceProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) {
      await Promise.all(services.map((service) => service.kill()));
      process.exit(1);
    }
    stopping = true;
    console.log('\nStopping everything npm start started…');
    setTimeout(() => process.exit(code), 10_000).unref();
    await Promise.all(services.map((service) => service.stop(8_000).catch(() => undefined)));
    for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const env: NodeJS.ProcessEnv = {
      // Development defaults (refused by a service started with NODE_ENV=production).
      ...DEVELOPMENT_DEFAULTS,
      ...pick(process.env, Object.keys(DEVELOPMENT_DEFAULTS)),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };

    // The gateway signs; every service trusts its keys (fetched from its JWKS), none can sign.
    env.AUTH_ISSUER = process.env.AUTH_ISSUER ?? GATEWAY_URL;
    env.AUTH_JWKS_URL = process.env.AUTH_JWKS_URL ?? `${GATEWAY_URL}/.well-known/jwks.json`;
    if (process.env.AUTH_OIDC_ISSUER) env.AUTH_OIDC_ISSUER = process.env.AUTH_OIDC_ISSUER;
    // E-mails of development (sign-up confirmations, resets, invitations) land in a local sink; their links are printed.
    const smtp = process.env.SMTP_URL ? undefined : await SmtpSink.start(SMTP_PORT, (mail) => console.log(`  ✉ to ${mail.to.join(', ')}: ${mail.subject} — ${linkIn(mail)}`));
    if (smtp) stops.push(() => smtp.stop());
    const gatewayEnv: NodeJS.ProcessEnv = {
      SMTP_URL: process.env.SMTP_URL ?? smtp!.url,
      DEMO_ACCOUNTS: 'true',
      // JWKS_URL is for the other services; the gateway reads its own keys.
      AUTH_JWKS_URL: '',
    };

    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
    else {
      const stopPostgres = await ensurePostgres();
      if (stopPostgres) stops.push(stopPostgres);
      env.DATABASE_URL = await localPostgresUrl();
    }

    if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL;
    else {
      const stopRedis = await ensureRedis();
      if (stopRedis) stops.push(stopRedis);
      env.REDIS_URL = 'redis://127.0.0.1:6379';
    }

    if (process.env.KAFKA_BROKERS) {
      env.KAFKA_BROKERS = process.env.KAFKA_BROKERS;
      env.KAFKA_IDEMPOTENT = process.env.KAFKA_IDEMPOTENT ?? 'true';
    } else {
      aptInstall('kcat', ['kcat']);
      const broker = await KafkaTestBroker.start();
      stops.push(() => broker.stop());
      env.KAFKA_BROKERS = broker.brokers.join(',');
      env.KAFKA_IDEMPOTENT = 'false';
      console.log(`Kafka test broker (librdkafka mock cluster, in memory) at ${env.KAFKA_BROKERS}`);
    }

    // The web console, served by the gateway at / (built again at each start: a few seconds).
    console.log('Building the web console (Vite)…');
    await buildConsole(CONSOLE_DIST);
    gatewayEnv.CONSOLE_DIST = CONSOLE_DIST;

    const logDirectory = join(REPO_ROOT, '.hearth', 'logs');
    services = (Object.keys(SERVICES) as ServiceKey[]).map((name) => new ServiceProcess(name, name === 'gateway' ? { ...env, ...gatewayEnv } : env, logDirectory));
    console.log(`Starting ${services.map((s) => s.name).join(', ')} (migrations run at start-up)…`);
    await Promise.all(services.map((s) => s.start(120_000)));

    const api = `${GATEWAY_URL}/api`;
    const signInAs = async (email: string, extra: Record<string, unknown> = {}) => {
      const response = await fetch(`${GATEWAY_URL}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD, ...extra }),
      });
      const body = (await response.json()) as { accessToken?: string };
      if (!response.ok || !body.accessToken) throw new Error(`demo sign-in of ${email} failed: ${JSON.stringify(body)}`);
      return { token: body.accessToken, userId: JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString()).sub as string };
    };
    const records = await seedDemoData(
      { gateway: GATEWAY_URL, landlords: `${api}/landlords`, units: `${api}/units`, inspections: `${api}/inspections`, applicants: `${api}/applicants`, matching: `${api}/matching`, leases: `${api}/leases`, mediation: `${api}/mediation` },
      (account) => signInAs(`${account}@hearth.demo`, account === 'admin' ? { totp: generateSync({ secret: DEMO_ADMIN_TOTP_SECRET }) } : {}),
      async (adminToken, landlordId, email, name) => {
        const created = await fetch(`${GATEWAY_URL}/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
          body: JSON.stringify({ email, displayName: name, roles: ['landlord'], landlordId, preferredLanguage: 'fr' }),
        });
        if (!created.ok) throw new Error(`creating the demo landlord user failed: ${await created.text()}`);
        if (!smtp) return;
        const invitation = await smtp.waitFor(email);
        const token = new URL(linkIn(invitation)).searchParams.get('token');
        await fetch(`${GATEWAY_URL}/auth/password-reset/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: DEMO_PASSWORD }) });
      },
    );

    console.log(`\nHearth is running at ${GATEWAY_URL}   (API docs: ${GATEWAY_URL}/docs, every service under ${api}/<service>)`);
    console.log(`\nThe web console: open ${GATEWAY_URL}/ in a browser and sign in with a demo account below.`);
    console.log(`\nDemo accounts (password "${DEMO_PASSWORD}"; in the console, or with POST ${GATEWAY_URL}/auth/sign-in):`);
    const sees = {
      admin: 'everything, and manages users (second factor required: TOTP secret ' + DEMO_ADMIN_TOTP_SECRET + ', e.g. oathtool --totp -b ' + DEMO_ADMIN_TOTP_SECRET + ')',
      staff: 'every landlord, flat, household, inspection and offer',
      caseworker: `the households of their caseload${records ? ` (${records.caseloadHouseholds} demo households)` : ''}`,
      inspector: 'their inspection agenda (the demo inspections are theirs)',
      landlord: records ? `only ${records.landlordName}'s record, agreements and flats` : 'their own landlord record (created when the demo data was first seeded)',
      board: 'the pseudonymised waitlist, board decisions and the outcome indicators (/api/reporting/indicators)',
      mediator: `the complaints and cases assigned to them${records ? ` (${records.mediatorComplaints} demo complaint)` : ''}`,
    };
    for (const [account, what] of Object.entries(sees)) console.log(`  ${`${account}@hearth.demo`.padEnd(24)} ${what}`);
    console.log(`\nFor example:\n  TOKEN=$(curl -s -H 'content-type: application/json' -d '{"email":"staff@hearth.demo","password":"${DEMO_PASSWORD}"}' ${GATEWAY_URL}/auth/sign-in | sed 's/.*"accessToken":"\\([^"]*\\)".*/\\1/')\n  curl -H "Authorization: Bearer $TOKEN" ${api}/units/units`);
    console.log(`\nLogs: ${logDirectory}/<service>.log${smtp ? `; development e-mails are caught at smtp://127.0.0.1:${SMTP_PORT} and their links printed here` : ''}`);
    console.log('\nCtrl-C stops everything npm start started.');
  } catch (error) {
    console.error(`\nnpm start failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

function pick(env: NodeJS.ProcessEnv, names: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(names.filter((name) => env[name]).map((name) => [name, env[name]]));
}

void main();
