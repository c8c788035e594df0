import type { Role } from '@hearth/auth';
import { linkIn, SmtpSink, startTestApp, type TestApp, testEnv } from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { loadGatewayConfig } from '../src/config';
import { DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD } from '../src/demo/demo-accounts';
import { GatewayModule } from '../src/gateway.module';

export const GATEWAY_TEST_ISSUER = 'http://gateway.hearth.test';
export const STRONG_PASSWORD = 'a long and unusual passphrase 42';

export interface TestGateway extends TestApp {
  smtp: SmtpSink;
  env: NodeJS.ProcessEnv;
  /** Signs in and returns the access token and the refresh cookie. */
  signIn(email: string, password: string, extra?: Record<string, unknown>): Promise<{ accessToken: string; cookie: string; body: Record<string, unknown> }>;
  adminToken(): Promise<string>;
  /** A user created by the admin, invitation accepted: active with STRONG_PASSWORD. */
  activeUser(roles: Role[], fields?: Record<string, unknown>): Promise<{ id: string; email: string }>;
}

/** The gateway in-process with its own database, Redis prefix, the test broker and an SMTP sink; demo accounts on. */
export async function startGateway(extra: Record<string, string> = {}): Promise<TestGateway> {
  const smtp = await SmtpSink.start();
  const env = testEnv('gateway', {
    GATEWAY_DATA_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: smtp.url,
    AUTH_ISSUER: GATEWAY_TEST_ISSUER,
    AUTH_JWKS: '',
    AUTH_MAX_TOKEN_AGE: '900',
    CONSOLE_DIST: '/nonexistent',
    DEMO_ACCOUNTS: 'true',
    ...extra,
  });
  const app = await startTestApp(GatewayModule.forRoot(loadGatewayConfig(env)), env.DATABASE_NAME!);
  let admin: string | undefined;

  const gateway: TestGateway = {
    ...app,
    smtp,
    env,
    async close() {
      await app.close();
      await smtp.stop();
    },
    async signIn(email, password, more = {}) {
      const response = await app.http.post('/auth/sign-in').send({ email, password, ...more });
      if (response.status !== 200) throw new Error(`sign-in of ${email} → ${response.status} ${JSON.stringify(response.body)}`);
      return { accessToken: response.body.accessToken, cookie: refreshCookieOf(response.headers['set-cookie']), body: response.body };
    },
    async adminToken() {
      admin ??= (await gateway.signIn('admin@hearth.demo', DEMO_PASSWORD, { totp: generateSync({ secret: DEMO_ADMIN_TOTP_SECRET }) })).accessToken;
      return admin;
    },
    async activeUser(roles, fields = {}) {
      const email = `user-${randomUUID().slice(0, 8)}@example.org`;
      const created = await app.http
        .post('/users')
        .set('Authorization', `Bearer ${await gateway.adminToken()}`)
        .send({ email, displayName: 'Test User', roles, ...(roles.includes('landlord') && { landlordId: randomUUID() }), ...fields });
      if (created.status !== 201) throw new Error(`creating a user → ${created.status} ${JSON.stringify(created.body)}`);
      const mail = await smtp.waitFor(email, /account/i);
      const token = new URL(linkIn(mail)).searchParams.get('token');
      await app.http.post('/auth/password-reset/confirm').send({ token, password: STRONG_PASSWORD }).expect(200);
      return { id: created.body.id, email };
    },
  };
  return gateway;
}

/** `hearth_refresh=<token>` from a response's Set-Cookie headers. */
export function refreshCookieOf(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = cookies.find((value) => value.startsWith('hearth_refresh=') && !value.startsWith('hearth_refresh=;'));
  return cookie ? cookie.split(';')[0] : '';
}
