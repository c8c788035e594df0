import { configureHttpApp } from '@hearth/platform';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { loadGatewayConfig } from '../src/config';
import { GatewayModule } from '../src/gateway.module';
import { startGateway, STRONG_PASSWORD, type TestGateway } from './support';
import { Upstream } from './upstream';

const PER_USER = 5;
const PER_ADDRESS = 12;

/**
 * Two gateway instances, as behind a load balancer: the same database, the same Redis and key
 * prefix, different processes' worth of state (each its own Nest application and connections).
 */
describe('gateway: rate limits per user and per address, shared by every instance through Redis', () => {
  let first: TestGateway;
  let secondApp: INestApplication;
  let second: TestAgent;
  let units: Upstream;
  let tokens: { ann: string; bob: string };

  beforeAll(async () => {
    units = await Upstream.start('units');
    first = await startGateway({
      UNITS_URL: units.url,
      RATE_LIMIT_PER_USER: String(PER_USER),
      RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      RATE_LIMIT_WINDOW_MS: '60000',
    });
    secondApp = await NestFactory.create(GatewayModule.forRoot(loadGatewayConfig(first.env)), { logger: false, abortOnError: false });
    configureHttpApp(secondApp, { title: 'test', description: 'test', version: '0' });
    await secondApp.init();
    second = request(secondApp.getHttpServer());
    const [ann, bob] = [await first.activeUser(['sra_staff']), await first.activeUser(['caseworker'])];
    tokens = { ann: (await first.signIn(ann.email, STRONG_PASSWORD)).accessToken, bob: (await first.signIn(bob.email, STRONG_PASSWORD)).accessToken };
  });

  afterAll(async () => {
    await secondApp?.close();
    await first?.close();
    await units?.stop();
  });

  /** Alternates between the two instances: even calls to the first, odd to the second. */
  const instance = (n: number) => (n % 2 === 0 ? first.http : second);

  it(`refuses the ${PER_ADDRESS + 1}th request from one address in the window (429, Retry-After), counted across both instances; other addresses go on`, async () => {
    const statuses: number[] = [];
    for (let n = 0; n < PER_ADDRESS; n++) statuses.push((await instance(n).get(`/api/units/anonymous?n=${n}`).set('X-Forwarded-For', '203.0.113.50')).status);

    const refusedByFirst = await first.http.get('/api/units/anonymous?n=over-1').set('X-Forwarded-For', '203.0.113.50');
    const refusedBySecond = await second.get('/api/units/anonymous?n=over-2').set('X-Forwarded-For', '203.0.113.50');
    const otherAddress = await second.get('/api/units/anonymous?n=other').set('X-Forwarded-For', '203.0.113.51');

    expect(statuses).toEqual(Array(PER_ADDRESS).fill(200));
    for (const refused of [refusedByFirst, refusedBySecond]) {
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'GATEWAY.RATE_LIMITED', retryAfterSeconds: 60 });
      expect(refused.headers['retry-after']).toBe('60');
    }
    expect(otherAddress.status).toBe(200);
    expect(units.received.filter((r) => r.url.startsWith('/anonymous?n=over'))).toEqual([]);
    expect(units.at('/anonymous?n=other')).toHaveLength(1);
  });

  it(`refuses a signed-in user’s ${PER_USER + 1}th request in the window from whatever address and instance; another user goes on`, async () => {
    const statuses: number[] = [];
    for (let n = 0; n < PER_USER; n++) {
      statuses.push((await instance(n).get(`/api/units/ann?n=${n}`).set('Authorization', `Bearer ${tokens.ann}`).set('X-Forwarded-For', `198.51.100.${n + 1}`)).status);
    }

    const refused = await second.get('/api/units/ann?n=over').set('Authorization', `Bearer ${tokens.ann}`).set('X-Forwarded-For', '198.51.100.200');
    const bobFromTheSameAddress = await first.http.get('/api/units/bob').set('Authorization', `Bearer ${tokens.bob}`).set('X-Forwarded-For', '198.51.100.200');

    expect(statuses).toEqual(Array(PER_USER).fill(200));
    expect([refused.status, refused.body.code]).toEqual([429, 'GATEWAY.RATE_LIMITED']);
    expect(refused.headers['retry-after']).toBe('60');
    expect(bobFromTheSameAddress.status).toBe(200);
    expect(units.at('/ann?n=over')).toEqual([]);
    expect(units.at('/bob')).toHaveLength(1);
  });
});
