import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { AuthModule, authConfigSchema, Public, Roles } from '@hearth/auth';
import { signJwt, TEST_AUDIENCE, TEST_AUTH_ENV, TEST_ISSUER } from '@hearth/auth/test-signing-key';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import request from 'supertest';
import type { BaseConfig } from '../config/base-config.schema';
import { MetricsService } from '../metrics/metrics.service';
import { createPlatformApp } from '../test-support/create-platform-app';
import { eventually } from '../test-support/eventually';

const token = (sub: string) => {
  const now = Math.floor(Date.now() / 1000);
  return `Bearer ${signJwt({ sub, role: 'sra_staff', iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now, exp: now + 600 })}`;
};
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

@Controller('notes')
class NotesController {
  @Post()
  @Roles('sra_staff')
  add(@Body() body: unknown) {
    return { stored: JSON.stringify(body).length };
  }

  @Get()
  @Roles('sra_staff')
  list() {
    return [];
  }

  @Get('public')
  @Public()
  open() {
    return { open: true };
  }
}

const apps: INestApplication[] = [];
async function start(config: Partial<BaseConfig> = {}) {
  const created = await createPlatformApp([NotesController], [AuthModule.forRoot(authConfigSchema.parse(TEST_AUTH_ENV))], config);
  apps.push(created.app);
  return { http: request(created.app.getHttpServer()), app: created.app };
}

/** Rate limits in Redis, under a prefix of this test's own. */
const ownRedis = () => ({ REDIS_URL, BULLMQ_PREFIX: `test:http-security:${randomBytes(4).toString('hex')}` });

afterEach(async () => {
  while (apps.length) await apps.pop()!.close();
});

describe('security headers (helmet)', () => {
  it('sends them on API answers and does not announce the framework', async () => {
    const { http } = await start();

    const response = await http.get('/notes/public').expect(200);

    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('request body limit', () => {
  it('answers a body over HTTP_BODY_LIMIT_KB with 413 problem+json, before anything reads it', async () => {
    const { http } = await start({ HTTP_BODY_LIMIT_KB: 2 });

    const small = await http.post('/notes').set('Authorization', token('u1')).send({ text: 'x'.repeat(1_500) });
    const large = await http.post('/notes').set('Authorization', token('u1')).send({ text: 'x'.repeat(3_000) });

    expect(small.status).toBe(201);
    expect(large.status).toBe(413);
    expect(large.headers['content-type']).toContain('application/problem+json');
    expect(large.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('applies the same limit to form bodies', async () => {
    const { http } = await start({ HTTP_BODY_LIMIT_KB: 1 });

    const response = await http.post('/notes').set('Authorization', token('u1')).type('form').send(`text=${'y'.repeat(2_000)}`);

    expect(response.status).toBe(413);
  });
});

describe('CORS', () => {
  const preflight = (http: Awaited<ReturnType<typeof start>>['http'], origin: string) =>
    http.options('/notes').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');

  it('is closed by default: no browser origin is allowed', async () => {
    const { http } = await start();

    const response = await preflight(http, 'https://console.example.org');
    const simple = await http.get('/notes/public').set('Origin', 'https://console.example.org');

    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    const { http } = await start({ CORS_ORIGINS: ['https://console.example.org'] });

    const allowed = await preflight(http, 'https://console.example.org');
    const other = await preflight(http, 'https://evil.example.com');

    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.org');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('/metrics and /docs restricted by configuration', () => {
  const basic = (password: string) => `Basic ${Buffer.from(`anyone:${password}`).toString('base64')}`;

  it('serves /metrics only with METRICS_TOKEN, as a bearer token or a basic-auth password', async () => {
    const { http } = await start({ METRICS_TOKEN: 'scrape-token-0123456789' });

    const without = await http.get('/metrics');
    const wrong = await http.get('/metrics').set('Authorization', 'Bearer scrape-token-wrong-wrong');
    const bearer = await http.get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789');
    const password = await http.get('/metrics').set('Authorization', basic('scrape-token-0123456789'));

    expect([without.status, wrong.status, bearer.status, password.status]).toEqual([401, 401, 200, 200]);
    expect(without.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    expect(bearer.text).toContain('http_request_duration_seconds');
  });

  it('leaves /metrics open when no token is configured', async () => {
    const { http } = await start();

    await http.get('/metrics').expect(200);
  });

  it('serves /docs and /docs-json only with DOCS_TOKEN, asking a browser for it', async () => {
    const { http } = await start({ DOCS_TOKEN: 'docs-token-0123456789' });

    const page = await http.get('/docs');
    const json = await http.get('/docs-json');
    const withToken = await http.get('/docs-json').set('Authorization', basic('docs-token-0123456789'));

    expect([page.status, json.status, withToken.status]).toEqual([401, 401, 200]);
    expect(page.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(json.headers['content-type']).toContain('application/problem+json');
    expect(withToken.body.paths['/notes']).toBeDefined();
  });

  it('does not serve /docs at all when DOCS_ENABLED=false', async () => {
    const { http } = await start({ DOCS_ENABLED: false });

    await http.get('/docs-json').expect(404);
    await http.get('/docs').expect(404);
  });
});

describe('rate limit of writes', () => {
  it('refuses a caller’s writes past RATE_LIMIT_WRITES per window with 429 and Retry-After, not its reads nor other callers', async () => {
    const { http } = await start({ ...ownRedis(), RATE_LIMIT_WRITES: 3, RATE_LIMIT_WINDOW_MS: 60_000 });
    const ann = token('ann');

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await http.post('/notes').set('Authorization', ann).send({ i })).status);
    const refused = await http.post('/notes').set('Authorization', ann).send({ i: 5 });

    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMIT.WRITES' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await http.get('/notes').set('Authorization', ann).expect(200);
    await http.post('/notes').set('Authorization', token('bob')).send({}).expect(201);
  });

  it('shares the count between instances of a service (Redis)', async () => {
    const shared = { ...ownRedis(), RATE_LIMIT_WRITES: 3 };
    const first = await start(shared);
    const second = await start(shared);
    const ann = token('ann');

    const statuses = [
      (await first.http.post('/notes').set('Authorization', ann).send({})).status,
      (await second.http.post('/notes').set('Authorization', ann).send({})).status,
      (await first.http.post('/notes').set('Authorization', ann).send({})).status,
      (await second.http.post('/notes').set('Authorization', ann).send({})).status,
    ];

    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe('rate limit of failed authentications', () => {
  it('blocks an address after RATE_LIMIT_AUTH_FAILURES failures: even a valid token is refused 429, public routes stay open', async () => {
    const { http } = await start({ ...ownRedis(), RATE_LIMIT_AUTH_FAILURES: 2, RATE_LIMIT_BLOCK_MS: 60_000 });
    await http.get('/notes').set('Authorization', token('ann')).expect(200);

    for (let i = 0; i < 3; i++) await http.get('/notes').set('Authorization', `Bearer forged-${i}`).expect(401);

    const blocked = await eventually(async () => {
      const response = await http.get('/notes').set('Authorization', token('ann'));
      expect(response.status).toBe(429);
      return response;
    });
    expect(blocked.body).toMatchObject({ code: 'RATE_LIMIT.AUTHENTICATION' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
    await http.get('/notes/public').expect(200);
  });

  it('does not count successful authentications', async () => {
    const { http } = await start({ ...ownRedis(), RATE_LIMIT_AUTH_FAILURES: 2 });

    for (let i = 0; i < 6; i++) await http.get('/notes').set('Authorization', token(`user-${i}`)).expect(200);
  });
});

describe('rate limits while Redis is unavailable', () => {
  let silent: Server;
  let silentPort: number;
  const connections: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never answers: a Redis that hangs.
    silent = createServer((socket) => void connections.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of connections) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    ['refuses connections', 'redis://127.0.0.1:1'],
    ['never answers', () => `redis://127.0.0.1:${silentPort}`],
  ])('keeps serving, and limiting per instance, when Redis %s', async (_case, url) => {
    const { http, app } = await start({ REDIS_URL: typeof url === 'string' ? url : url(), BULLMQ_PREFIX: 'test:down', RATE_LIMIT_WRITES: 2 });
    const ann = token('ann');

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await http.post('/notes').set('Authorization', ann).send({})).status);

    expect(statuses).toEqual([201, 201, 429]);
    const fallbacks = await app.get(MetricsService).registry.getSingleMetricAsString('hearth_rate_limit_fallbacks_total');
    expect(fallbacks).toMatch(/hearth_rate_limit_fallbacks_total\{service="test"\} [3-9]/);
  });
});
