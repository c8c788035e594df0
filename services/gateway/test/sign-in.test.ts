import { Topics } from '@hearth/contracts';
import { eventually, linkIn, queryDatabase, readEvents } from '@hearth/testing';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { generateSync } from 'otplib';
import { refreshCookieOf, startGateway, STRONG_PASSWORD, type TestGateway, GATEWAY_TEST_ISSUER } from './support';

describe('gateway: sign-in, sessions and keys', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ SIGN_IN_MAX_FAILURES: '3', SIGN_IN_ADDRESS_MAX_FAILURES: '8', KEY_PUBLISH_LEAD: '1', ACCESS_TOKEN_TTL: '60' });
  });

  afterAll(() => gateway?.close());

  const auditOutcomes = async (userId: string) =>
    (await queryDatabase<{ outcome: string }>(gateway.database, 'SELECT outcome FROM sign_in_events WHERE user_id = $1 ORDER BY id', [userId])).map((row) => row.outcome);

  describe('signing in', () => {
    it('signs a user in with a 60 s EdDSA token that the published JWKS verifies, for the gateway issuer and the hearth audience', async () => {
      const user = await gateway.activeUser(['caseworker']);

      const { accessToken, body } = await gateway.signIn(user.email, STRONG_PASSWORD);

      const jwks = await gateway.http.get('/.well-known/jwks.json').expect(200);
      const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks.body), { issuer: GATEWAY_TEST_ISSUER, audience: 'hearth' });
      expect(payload).toMatchObject({ sub: user.id, role: 'caseworker' });
      expect(payload.exp! - payload.iat!).toBe(60);
      expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'EdDSA', kid: jwks.body.keys[0].kid });
      expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 60, role: 'caseworker' });
      expect(jwks.body.keys[0]).not.toHaveProperty('d');
      expect(await auditOutcomes(user.id)).toEqual(['password_reset', 'signed_in']);
    });

    it('sets the refresh token as an httpOnly, Secure, SameSite=Strict cookie for /auth only', async () => {
      const user = await gateway.activeUser(['sra_staff']);

      const response = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD }).expect(200);

      const cookie = (response.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('hearth_refresh='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/auth/);
      expect(JSON.stringify(response.body)).not.toContain(refreshCookieOf(response.headers['set-cookie']).split('=')[1]);
    });

    it('answers a wrong password and an unknown address alike, and audits both', async () => {
      const user = await gateway.activeUser(['inspector']);

      const wrong = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: 'not the password at all' });
      const unknown = await gateway.http.post('/auth/sign-in').send({ email: 'nobody-here@example.org', password: 'whatever it is 123' });

      expect([wrong.status, wrong.body.code, wrong.body.detail]).toEqual([401, 'AUTH.INVALID_CREDENTIALS', 'The e-mail address or password is wrong']);
      expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([401, 'AUTH.INVALID_CREDENTIALS', 'The e-mail address or password is wrong']);
      expect(await auditOutcomes(user.id)).toEqual(['password_reset', 'wrong_password']);
      const [unknownEntry] = await queryDatabase(gateway.database, `SELECT outcome, user_id FROM sign_in_events WHERE email_key = 'nobody-here@example.org'`);
      expect(unknownEntry).toEqual({ outcome: 'unknown_account', user_id: null });
    });

    it('locks an account after 3 failures, refuses even the right password while locked, and a password reset unlocks it', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const attempt = (password: string) => gateway.http.post('/auth/sign-in').set('X-Forwarded-For', '203.0.113.7').send({ email: user.email, password });

      expect((await attempt('wrong password number 1')).body.code).toBe('AUTH.INVALID_CREDENTIALS');
      expect((await attempt('wrong password number 2')).body.code).toBe('AUTH.INVALID_CREDENTIALS');
      const third = await attempt('wrong password number 3');
      const rightButLocked = await attempt(STRONG_PASSWORD);

      expect([third.status, third.body.code]).toEqual([401, 'AUTH.ACCOUNT_LOCKED']);
      expect([rightButLocked.status, rightButLocked.body.code]).toEqual([401, 'AUTH.ACCOUNT_LOCKED']);
      const [row] = await queryDatabase<{ status: string }>(gateway.database, 'SELECT status FROM users WHERE id = $1', [user.id]);
      expect(row.status).toBe('locked');

      await gateway.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const mail = await gateway.smtp.waitFor(user.email, /reset/i);
      const token = new URL(linkIn(mail)).searchParams.get('token');
      await gateway.http.post('/auth/password-reset/confirm').send({ token, password: `${STRONG_PASSWORD} new` }).expect(200);
      await gateway.signIn(user.email, `${STRONG_PASSWORD} new`);
      // The link was single-use.
      const again = await gateway.http.post('/auth/password-reset/confirm').send({ token, password: `${STRONG_PASSWORD} newer` });
      expect([again.status, again.body.code]).toEqual([400, 'AUTH.INVALID_LINK']);
      expect(await auditOutcomes(user.id)).toEqual(['password_reset', 'wrong_password', 'wrong_password', 'wrong_password', 'account_locked', 'password_reset', 'signed_in']);
    });

    it('refuses an address with too many failures (429, Retry-After), whatever account it tries', async () => {
      const attempt = (n: number) => gateway.http.post('/auth/sign-in').set('X-Forwarded-For', '198.51.100.9').send({ email: `guess-${n}@example.org`, password: 'guessing a password' });
      for (let n = 0; n < 8; n++) expect((await attempt(n)).status).toBe(401);

      const refused = await attempt(99);

      expect([refused.status, refused.body.code]).toEqual([429, 'AUTH.TOO_MANY_ATTEMPTS']);
      expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
    });

    it('refuses a password reset, sign-up or change to a short or common password (400 naming the field), writing nothing', async () => {
      const before = await queryDatabase<{ n: string }>(gateway.database, 'SELECT count(*) AS n FROM users');

      const common = await gateway.http.post('/auth/sign-up').send({ email: 'owner-x@example.org', password: 'password1234', displayName: 'X', kind: 'individual', preferredLanguage: 'en' });
      const short = await gateway.http.post('/auth/sign-up').send({ email: 'owner-y@example.org', password: 'Xq7-vlm9', displayName: 'Y', kind: 'individual', preferredLanguage: 'en' });

      expect([common.status, common.body.errors]).toEqual([400, [{ field: 'password', message: 'is one of the most common passwords; choose another' }]]);
      expect([short.status, short.body.errors]).toEqual([400, [{ field: 'password', message: 'must be at least 12 characters' }]]);
      expect(await queryDatabase(gateway.database, 'SELECT count(*) AS n FROM users')).toEqual(before);
    });
  });

  describe('second factor', () => {
    it('makes an admin enrol a TOTP secret at first sign-in, then asks for a code every time and never accepts one twice', async () => {
      const admin = await gateway.activeUser(['sra_admin']);

      const first = await gateway.http.post('/auth/sign-in').send({ email: admin.email, password: STRONG_PASSWORD });
      expect([first.status, first.body.code]).toEqual([401, 'AUTH.TOTP_ENROLMENT_REQUIRED']);
      expect(first.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
      const code = generateSync({ secret: first.body.secret });

      const enrolled = await gateway.signIn(admin.email, STRONG_PASSWORD, { totp: code });
      expect(decodeJwt(enrolled.accessToken).role).toBe('sra_admin');

      const withoutCode = await gateway.http.post('/auth/sign-in').send({ email: admin.email, password: STRONG_PASSWORD });
      const replayed = await gateway.http.post('/auth/sign-in').send({ email: admin.email, password: STRONG_PASSWORD, totp: code });
      expect([withoutCode.status, withoutCode.body.code]).toEqual([401, 'AUTH.TOTP_REQUIRED']);
      expect([replayed.status, replayed.body.code]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
      expect(await auditOutcomes(admin.id)).toEqual(['password_reset', 'totp_enrolment_required', 'signed_in', 'totp_required', 'totp_wrong']);
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token; presenting a used one revokes the whole session, the newest token included', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const { cookie: first } = await gateway.signIn(user.email, STRONG_PASSWORD);

      const rotated = await gateway.http.post('/auth/refresh').set('Cookie', first).expect(200);
      const second = refreshCookieOf(rotated.headers['set-cookie']);
      expect(second).not.toBe(first);
      expect(decodeJwt(rotated.body.accessToken).sub).toBe(user.id);

      const reuse = await gateway.http.post('/auth/refresh').set('Cookie', first);
      const newestAfterReuse = await gateway.http.post('/auth/refresh').set('Cookie', second);

      expect([reuse.status, reuse.body.code]).toEqual([401, 'AUTH.SESSION_ENDED']);
      expect([newestAfterReuse.status, newestAfterReuse.body.code]).toEqual([401, 'AUTH.SESSION_ENDED']);
      const [session] = await queryDatabase<{ revoked_reason: string }>(gateway.database, 'SELECT revoked_reason FROM sessions WHERE user_id = $1', [user.id]);
      expect(session.revoked_reason).toBe('refresh_token_reused');
      expect(await auditOutcomes(user.id)).toContain('refresh_token_reused');
    });

    it('signs out one session, and signs out everywhere: every session ends and access tokens are refused at the front door', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const laptop = await gateway.signIn(user.email, STRONG_PASSWORD);
      const phone = await gateway.signIn(user.email, STRONG_PASSWORD);
      const tablet = await gateway.signIn(user.email, STRONG_PASSWORD);

      await gateway.http.post('/auth/sign-out').set('Cookie', laptop.cookie).expect(204);
      await gateway.http.post('/auth/refresh').set('Cookie', laptop.cookie).expect(401);
      await gateway.http.post('/auth/refresh').set('Cookie', phone.cookie).expect(200);
      const signedOutToken = await gateway.http.get('/api/units/units').set('Authorization', `Bearer ${laptop.accessToken}`);
      expect([signedOutToken.status, signedOutToken.body.detail]).toEqual([401, 'This session has been signed out']);

      await gateway.http.post('/auth/sign-out-everywhere').set('Authorization', `Bearer ${tablet.accessToken}`).expect(204);

      await gateway.http.post('/auth/refresh').set('Cookie', tablet.cookie).expect(401);
      const revoked = await gateway.http.get('/api/units/units').set('Authorization', `Bearer ${phone.accessToken}`);
      expect([revoked.status, revoked.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    });

    it('ends the sessions of a user an admin deactivates; the user can no longer sign in', async () => {
      const user = await gateway.activeUser(['mediator']);
      const { cookie } = await gateway.signIn(user.email, STRONG_PASSWORD);

      const response = await gateway.http.post(`/users/${user.id}/deactivate`).set('Authorization', `Bearer ${await gateway.adminToken()}`).send({}).expect(200);

      expect(response.body.status).toBe('deactivated');
      await gateway.http.post('/auth/refresh').set('Cookie', cookie).expect(401);
      const signIn = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD });
      expect([signIn.status, signIn.body.code]).toEqual([401, 'AUTH.ACCOUNT_INACTIVE']);
    });
  });

  describe('users and roles', () => {
    it('links a landlord user to its landlord record: its tokens carry landlordId', async () => {
      const landlordId = '2b8e3c1a-4d5f-4a6b-8c9d-0e1f2a3b4c5d';
      const user = await gateway.activeUser(['landlord'], { landlordId });

      const { accessToken } = await gateway.signIn(user.email, STRONG_PASSWORD);
      const me = await gateway.http.get('/me').set('Authorization', `Bearer ${accessToken}`).expect(200);

      expect(decodeJwt(accessToken)).toMatchObject({ role: 'landlord', landlordId });
      expect(me.body.links).toEqual({ landlordId, caseworkerId: null, inspectorId: null });
    });

    it('lets a user with several roles choose one at sign-in, and refuses a role they do not hold', async () => {
      const user = await gateway.activeUser(['caseworker', 'inspector']);

      const asInspector = await gateway.signIn(user.email, STRONG_PASSWORD, { role: 'inspector' });
      const asStaff = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD, role: 'sra_staff' });

      expect(decodeJwt(asInspector.accessToken).role).toBe('inspector');
      expect(asInspector.body.role).toBe('inspector');
      expect([asStaff.status, asStaff.body.code]).toEqual([403, 'AUTH.ROLE_NOT_HELD']);
    });

    it('lets only admins manage users (403 for staff), and refuses a landlord user without a landlord record (400)', async () => {
      const staff = await gateway.activeUser(['sra_staff']);
      const { accessToken } = await gateway.signIn(staff.email, STRONG_PASSWORD);

      await gateway.http.get('/users').set('Authorization', `Bearer ${accessToken}`).expect(403);
      const missingLink = await gateway.http
        .post('/users')
        .set('Authorization', `Bearer ${await gateway.adminToken()}`)
        .send({ email: 'owner-z@example.org', displayName: 'Z', roles: ['landlord'] });
      expect([missingLink.status, missingLink.body.errors]).toEqual([400, [{ field: 'landlordId', message: 'is required for a landlord' }]]);
    });
  });

  describe('landlord self-service sign-up', () => {
    it('e-mails a link in the owner’s language; confirming it activates the account and publishes LandlordSignedUp without personal data', async () => {
      const email = 'marie.dupont@example.org';
      await gateway.http.post('/auth/sign-up').send({ email, password: STRONG_PASSWORD, displayName: 'Marie Dupont', kind: 'individual', preferredLanguage: 'fr' }).expect(202);

      const mail = await gateway.smtp.waitFor(email);
      expect(mail.subject).toBe('Confirmez votre adresse e-mail pour Hearth');
      const before = await gateway.http.post('/auth/sign-in').send({ email, password: STRONG_PASSWORD });
      expect(before.body.code).toBe('AUTH.ACCOUNT_INACTIVE');

      await gateway.http.post('/auth/confirm-email').send({ token: new URL(linkIn(mail)).searchParams.get('token') }).expect(200);
      const { accessToken } = await gateway.signIn(email, STRONG_PASSWORD);

      const { sub: userId, landlordId } = decodeJwt(accessToken);
      const [event] = await eventually(async () => {
        const events = (await readEvents(Topics.gateway, userId)).filter((e) => e.type === 'LandlordSignedUp');
        expect(events).toHaveLength(1);
        return events;
      }, 30_000);
      expect(event.payload).toEqual({ landlordId, userId, kind: 'individual', preferredLanguage: 'fr' });
      expect(JSON.stringify(event)).not.toMatch(/Marie|Dupont|example\.org/);
    });

    it('answers a sign-up for an address that already has an account like any other, and sends no link', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const mailsBefore = gateway.smtp.messages.filter((message) => message.to.includes(user.email)).length;

      await gateway.http.post('/auth/sign-up').send({ email: user.email, password: STRONG_PASSWORD, displayName: 'Someone', kind: 'company', preferredLanguage: 'nl' }).expect(202);
      await gateway.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      await gateway.smtp.waitFor(user.email, /reset/i);

      expect(gateway.smtp.messages.filter((message) => message.to.includes(user.email))).toHaveLength(mailsBefore + 1);
    });
  });

  describe('key rotation', () => {
    it('publishes the new key before it signs, keeps both during the overlap, and signs with the new one once active', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const before = await gateway.http.get('/.well-known/jwks.json').expect(200);
      const oldKid = before.body.keys.at(-1).kid;
      const { accessToken: oldToken } = await gateway.signIn(user.email, STRONG_PASSWORD);

      const rotated = await gateway.http.post('/signing-keys/rotate').set('Authorization', `Bearer ${await gateway.adminToken()}`).expect(200);

      const during = await gateway.http.get('/.well-known/jwks.json').expect(200);
      expect(during.body.keys.map((key: { kid: string }) => key.kid)).toEqual(expect.arrayContaining([oldKid, rotated.body.kid]));
      const newToken = await eventually(async () => {
        const { accessToken } = await gateway.signIn(user.email, STRONG_PASSWORD);
        expect(decodeProtectedHeader(accessToken).kid).toBe(rotated.body.kid);
        return accessToken;
      }, 10_000, 300);
      const jwks = createLocalJWKSet(during.body);
      await expect(jwtVerify(oldToken, jwks, { issuer: GATEWAY_TEST_ISSUER, audience: 'hearth' })).resolves.toBeDefined();
      await expect(jwtVerify(newToken, jwks, { issuer: GATEWAY_TEST_ISSUER, audience: 'hearth' })).resolves.toBeDefined();
      expect(new Date(rotated.body.activatesAt).getTime() - Date.now()).toBeLessThan(1_000);
    });
  });
});
