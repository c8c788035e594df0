import { fuzzOpenApi, fuzzTotals, undocumentedResponses } from '@hearth/testing';
import { startGateway, STRONG_PASSWORD, TestGateway } from './support';

/**
 * Every operation the gateway itself serves (sign-in, sessions, users, keys), fuzzed from its
 * OpenAPI document: never a 5xx, problem+json on every 4xx, nothing written on a 4xx. The routes it
 * forwards to the services are fuzzed by each service's own test.
 */
describe('gateway: fuzzing every endpoint from the OpenAPI document', () => {
  let gateway: TestGateway;
  let adminHeaders: Record<string, string>;
  let user: { id: string; email: string };

  beforeAll(async () => {
    // Several hundred requests from one address in a minute: the gateway's own per-address limit is not what is tested here.
    gateway = await startGateway({ RATE_LIMIT_PER_ADDRESS: '1000000', RATE_LIMIT_PER_USER: '1000000' });
    adminHeaders = { Authorization: `Bearer ${await gateway.adminToken()}` };
    user = await gateway.activeUser(['caseworker']);
  }, 60_000);

  afterAll(() => gateway?.close());

  it('answers every generated request with a 2xx or a problem+json 4xx that wrote nothing', async () => {
    const report = await fuzzOpenApi(gateway, {
      service: 'gateway',
      headers: adminHeaders,
      // A refused sign-in is recorded on purpose (the sign-in events a user and staff review).
      ignoredTables: ['sign_in_events'],
      // The mailer marks queued mail sent in the background.
      rowCountOnly: ['outbound_mail'],
      // Sixteen rotations in a row retire the key the test's own tokens are signed with (rotation has tests of its own);
      // the live updates are a stream that stays open (its own tests read it).
      skip: ['POST /signing-keys/rotate', 'GET /events'],
      knownValues: { id: [user.id], userId: [user.id] },
      examples: {
        'POST /auth/sign-in': { email: user.email, password: STRONG_PASSWORD },
        'POST /users': { email: 'fuzz.user@example.org', displayName: 'Fuzz User', roles: ['sra_staff'], preferredLanguage: 'nl' },
        'POST /auth/password-reset': { email: user.email },
      },
    });

    console.log(fuzzTotals(report));
    expect(report.findings).toEqual([]);
    expect(report.serverErrors).toBe(0);
  }, 180_000);

  it('documents a success response and problem+json error responses for every operation', async () => {
    const { body: document } = await gateway.http.get('/docs-json').expect(200);

    expect(undocumentedResponses(document)).toEqual([]);
  });
});
