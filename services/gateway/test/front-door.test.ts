import { aPng, eventually, forgedTokens } from '@hearth/testing';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROUTED_SERVICES } from '../src/proxy/service-routes';
import { GATEWAY_TEST_ISSUER, startGateway, STRONG_PASSWORD, type TestGateway } from './support';
import { Upstream } from './upstream';

const PROBLEM_JSON = /^application\/problem\+json/;
const METRICS_TOKEN = 'metrics-token-for-the-test';
const DOCS_TOKEN = 'docs-token-for-the-test-01';
const STRICT_CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data: blob:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

/** The first chunk of a streamed body, as text. */
const firstChunk = (response: IncomingMessage) => new Promise<string>((resolve) => response.once('data', (chunk: Buffer) => resolve(chunk.toString())));
const rest = (response: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    response.on('data', (chunk: Buffer) => (text += chunk.toString()));
    response.on('end', () => resolve(text));
  });

describe('gateway: the front door to every service', () => {
  let gateway: TestGateway;
  let gatewayUrl: string;
  let token: string;
  const upstreams = new Map<string, Upstream>();

  beforeAll(async () => {
    for (const service of ROUTED_SERVICES) upstreams.set(service, await Upstream.start(service));
    const urls = Object.fromEntries(ROUTED_SERVICES.map((service) => [`${service.toUpperCase()}_URL`, upstreams.get(service)!.url]));
    gateway = await startGateway({ ...urls, PROXY_TIMEOUT_MS: '1000', PROXY_BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://console.example.org', METRICS_TOKEN, DOCS_TOKEN });
    await gateway.app.listen(0, '127.0.0.1');
    gatewayUrl = `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}`;
    const user = await gateway.activeUser(['sra_staff']);
    token = (await gateway.signIn(user.email, STRONG_PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await gateway?.close();
    for (const upstream of upstreams.values()) await upstream.stop().catch(() => undefined);
  });

  const units = () => upstreams.get('units')!;

  describe('proxying', () => {
    it.each([...ROUTED_SERVICES])('sends /api/%s/… to that service with the path and query, the caller’s token, the request id and X-Forwarded-For', async (service) => {
      const response = await gateway.http
        .get(`/api/${service}/things/${service}?status=active&page=2`)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', `request-to-${service}`)
        .expect(200);

      expect(response.body).toEqual({ service, method: 'GET', url: `/things/${service}?status=active&page=2`, bytes: 0 });
      const [received] = upstreams.get(service)!.at(`/things/${service}?status=active&page=2`);
      expect(received.headers.authorization).toBe(`Bearer ${token}`);
      expect(received.headers['x-correlation-id']).toBe(`request-to-${service}`);
      expect(received.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(response.headers['x-correlation-id']).toBe(`request-to-${service}`);
      for (const other of ROUTED_SERVICES.filter((name) => name !== service)) expect(upstreams.get(other)!.at(`/things/${service}?status=active&page=2`)).toEqual([]);
    });

    it('gives a request without an id a new one, the same for the caller and the service', async () => {
      const response = await gateway.http.get('/api/units/no-id-given').set('Authorization', `Bearer ${token}`).expect(200);

      const [received] = units().at('/no-id-given');
      expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(received.headers['x-correlation-id']).toBe(response.headers['x-correlation-id']);
    });

    it('streams the answer: the caller reads the first part while the service is still writing', async () => {
      const response = await new Promise<IncomingMessage>((resolve) => httpRequest(`${gatewayUrl}/api/units/stream`, { headers: { authorization: `Bearer ${token}` } }, resolve).end());

      expect(response.statusCode).toBe(200);
      expect(await firstChunk(response)).toBe('first\n');
      expect(units().streamEnded).toBe(false);
      const remainder = rest(response);
      units().release();
      expect(await remainder).toBe('second\n');
    });

    it('streams the request body: the service reads the first part before the caller has finished sending', async () => {
      const answered = new Promise<IncomingMessage>((resolve) => {
        const upload = httpRequest(`${gatewayUrl}/api/units/upload?streamed=1`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } }, resolve);
        upload.write(Buffer.alloc(600, 'a'));
        void eventually(async () => expect(units().at('/upload?streamed=1')[0]?.bytes).toBe(600), 10_000, 20).then(() => {
          expect(units().at('/upload?streamed=1')[0].complete).toBe(false);
          upload.end(Buffer.alloc(400, 'b'));
        });
      });

      const response = await answered;
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(await rest(response))).toMatchObject({ url: '/upload?streamed=1', bytes: 1000 });
    });

    it('passes a multipart upload of an image and a binary answer through byte for byte (an inspector’s photo)', async () => {
      const png = aPng({ seed: 1 });
      const boundary = '----hearth-photo-boundary';
      const multipart = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_0001.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const asBytes = (request: ReturnType<typeof gateway.http.post>) =>
        request.buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

      const response = await asBytes(
        gateway.http.post('/api/inspections/echo').set('Authorization', `Bearer ${token}`).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(multipart),
      ).expect(200);

      const [received] = upstreams.get('inspections')!.at('/echo');
      expect(received.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
      expect(received.bytes).toBe(multipart.length);
      expect(response.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
      expect(Buffer.compare(response.body as Buffer, multipart)).toBe(0);
    });

    it('answers 504 problem+json when the service does not answer within PROXY_TIMEOUT_MS', async () => {
      const started = Date.now();
      const response = await gateway.http.get('/api/units/never').set('Authorization', `Bearer ${token}`).set('X-Correlation-Id', 'slow-one');

      expect(response.status).toBe(504);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 504, code: 'GATEWAY.SERVICE_TIMEOUT', detail: 'units did not answer within 1000 ms', instance: '/api/units/never', correlationId: 'slow-one' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });

    it('answers 502 problem+json when the service breaks the connection without answering', async () => {
      const response = await gateway.http.get('/api/units/hang-up').set('Authorization', `Bearer ${token}`);

      expect(response.status).toBe(502);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 502, code: 'GATEWAY.BAD_SERVICE_RESPONSE' });
    });

    it('refuses forged, expired and foreign tokens itself (401): none reaches the service', async () => {
      const notRefused: string[] = [];
      for (const [label, forged] of forgedTokens(GATEWAY_TEST_ISSUER)) {
        const response = await gateway.http.get('/api/units/forged').set('Authorization', `Bearer ${forged}`);
        if (response.status !== 401 || response.body.code !== 'AUTH.UNAUTHENTICATED') notRefused.push(`${label}: ${response.status}`);
      }
      await gateway.http.get('/api/units/after-the-forged-ones').set('Authorization', `Bearer ${token}`).expect(200);

      expect(notRefused).toEqual([]);
      expect(units().at('/forged')).toEqual([]);
    });

    it('answers 404 problem+json for a service it does not know', async () => {
      const response = await gateway.http.get('/api/nowhere/things').set('Authorization', `Bearer ${token}`);

      expect([response.status, response.body.code]).toEqual([404, 'GATEWAY.UNKNOWN_SERVICE']);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('body limits', () => {
    it('refuses a proxied body over PROXY_BODY_LIMIT_BYTES by its announced length (413), without reaching the service', async () => {
      const response = await gateway.http
        .post('/api/units/upload?announced=big')
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.alloc(4096, 'x'));
      await gateway.http.post('/api/units/upload?announced=small').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(2048, 'x')).expect(200);

      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: 'Request bodies are limited to 2048 bytes' });
      expect(units().at('/upload?announced=big')).toEqual([]);
      expect(units().at('/upload?announced=small')).toMatchObject([{ bytes: 2048, complete: true }]);
    });

    it('cuts a streamed body of unannounced length once it passes the limit (413); the service never gets all of it', async () => {
      const response = await new Promise<IncomingMessage>((resolve) => {
        const upload = httpRequest(`${gatewayUrl}/api/units/upload?chunked=big`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } }, resolve);
        upload.on('error', () => undefined); // the gateway may close before we finish writing
        for (let i = 0; i < 8; i++) upload.write(Buffer.alloc(1024, 'y'));
        upload.end();
      });

      expect(response.statusCode).toBe(413);
      expect(JSON.parse(await rest(response))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(units().at('/upload?chunked=big').every((request) => !request.complete)).toBe(true);
    });

    it('refuses a JSON body over 100 kB on the gateway’s own routes (413 problem+json)', async () => {
      const response = await gateway.http.post('/auth/sign-in').send({ email: 'someone@example.org', password: 'x'.repeat(120 * 1024) });

      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    });
  });

  describe('security headers and CORS', () => {
    it('sends the strict Content-Security-Policy and the other headers on its own answers', async () => {
      const response = await gateway.http.get('/.well-known/jwks.json').expect(200);

      expect(response.headers['content-security-policy']).toBe(STRICT_CSP);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers).not.toHaveProperty('x-powered-by');
    });

    it('replaces a service’s laxer headers with its own on proxied answers, and on its problem answers', async () => {
      const proxied = await gateway.http.get('/api/units/headers').set('Authorization', `Bearer ${token}`).expect(200);
      const problem = await gateway.http.get('/api/nowhere').set('Authorization', `Bearer ${token}`).expect(404);

      expect(proxied.headers['content-security-policy']).toBe(STRICT_CSP);
      expect(proxied.headers['x-frame-options']).toBe('DENY');
      expect(problem.headers['content-security-policy']).toBe(STRICT_CSP);
    });

    it('allows inline styles on /docs only (Swagger UI), still no inline script', async () => {
      const docs = await gateway.http.get('/docs/').set('Authorization', `Bearer ${DOCS_TOKEN}`).expect(200);

      expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(docs.headers['content-security-policy']).toContain("script-src 'self';");
      expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });

    it('keeps CORS closed to origins not listed: no Access-Control-Allow-Origin, preflight refused', async () => {
      const simple = await gateway.http.get('/api/units/cors').set('Origin', 'https://evil.example.com').set('Authorization', `Bearer ${token}`);
      const preflight = await gateway.http.options('/api/units/cors').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');

      expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
      expect([preflight.status, preflight.body.code]).toEqual([403, 'GATEWAY.CORS_ORIGIN_REFUSED']);
      expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
    });

    it('opens CORS to an origin listed in CORS_ORIGINS', async () => {
      const preflight = await gateway.http.options('/api/units/cors').set('Origin', 'https://console.example.org').set('Access-Control-Request-Method', 'POST').expect(204);

      expect(preflight.headers['access-control-allow-origin']).toBe('https://console.example.org');
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    });
  });

  describe('its own /metrics and /docs', () => {
    it('require METRICS_TOKEN and DOCS_TOKEN when they are set, as on every service', async () => {
      const metrics = await gateway.http.get('/metrics');
      const docs = await gateway.http.get('/docs-json');

      expect(metrics.status).toBe(401);
      expect(docs.status).toBe(401);
      const counted = await gateway.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      // Proxied requests are timed under /api/<service>, never their raw paths.
      expect(counted.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/units"[^}]*status_code="200"[^}]*\} [1-9]/);
      expect(counted.text).toMatch(/route="\/api\/units"[^}]*status_code="504"/);
      expect(counted.text).not.toMatch(/route="\/api\/units\//);
      const document = await gateway.http.get('/docs-json').set('Authorization', `Bearer ${DOCS_TOKEN}`).expect(200);
      expect(Object.keys(document.body.paths)).toContain('/auth/sign-in');
    });
  });

  describe('a service that is down', () => {
    it('answers 503 problem+json once the service has stopped, and the others still answer', async () => {
      await upstreams.get('reporting')!.stop();

      const down = await gateway.http.get('/api/reporting/figures').set('Authorization', `Bearer ${token}`).set('X-Correlation-Id', 'while-down');
      const stillUp = await gateway.http.get('/api/units/still-up').set('Authorization', `Bearer ${token}`);

      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(down.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', instance: '/api/reporting/figures', correlationId: 'while-down' });
      expect(stillUp.status).toBe(200);
    });
  });
});
