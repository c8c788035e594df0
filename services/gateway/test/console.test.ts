import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type TestGateway } from './support';

const STRICT_CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self' data: blob:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1.js"></script></head><body><div id="root"></div></body></html>';

describe('gateway: the web console at /', () => {
  let gateway: TestGateway;
  const dist = mkdtempSync(join(tmpdir(), 'hearth-console-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log("console");');
    gateway = await startGateway({ CONSOLE_DIST: dist });
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the built files with the strict Content-Security-Policy', async () => {
    const page = await gateway.http.get('/').set('Accept', 'text/html').expect(200);
    expect(page.text).toBe(INDEX);
    expect(page.headers['content-security-policy']).toBe(STRICT_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await gateway.http.get('/assets/app-1.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.text).toBe('console.log("console");');
    expect(script.headers['content-security-policy']).toBe(STRICT_CSP);
  });

  it("answers a page's path (a reload on /flats/…) with index.html", async () => {
    for (const path of ['/flats/5d0c1f4e-8a57-4f0e-9b1a-2d1f0b7e6a11', '/dashboard', '/sign-in?next=%2Foffers']) {
      const page = await gateway.http.get(path).set('Accept', 'text/html,application/xhtml+xml').expect(200);
      expect(page.text).toBe(INDEX);
      expect(page.headers['content-security-policy']).toBe(STRICT_CSP);
    }
  });

  it('leaves /api, /auth and the gateway\'s own paths to their handlers, and a missing file is a 404', async () => {
    const api = await gateway.http.get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body.code).toBe('GATEWAY.UNKNOWN_SERVICE');
    const auth = await gateway.http.get('/auth/sign-in').set('Accept', 'text/html');
    expect(auth.text).not.toBe(INDEX);
    const health = await gateway.http.get('/health').set('Accept', 'text/html');
    expect(health.text).not.toBe(INDEX);
    const jwks = await gateway.http.get('/.well-known/jwks.json').set('Accept', 'text/html').expect(200);
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    // A script or image that is not there is not answered with the page.
    const missing = await gateway.http.get('/assets/gone-2.js').set('Accept', '*/*');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toBe(INDEX);
  });
});
