import { eventually, linkIn, queryDatabase } from '@hearth/testing';
import { decodeJwt } from 'jose';
import { generateSync } from 'otplib';
import { startGateway, STRONG_PASSWORD, type TestGateway } from './support';

/** What an e-mailed link carries. */
const tokenIn = (mail: Parameters<typeof linkIn>[0]) => new URL(linkIn(mail)).searchParams.get('token');

describe('gateway: users, e-mailed links, password policy and the audit log', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ SIGN_IN_ADDRESS_MAX_FAILURES: '2' });
  });

  afterAll(() => gateway?.close());

  const outcomes = async (userId: string) =>
    (await queryDatabase<{ outcome: string }>(gateway.database, 'SELECT outcome FROM sign_in_events WHERE user_id = $1 ORDER BY id', [userId])).map((row) => row.outcome);
  /** Makes every outstanding link of a user for `purpose` look issued long ago: past its expiry. */
  const ageLinks = (userId: string, purpose: string) =>
    queryDatabase(gateway.database, `UPDATE email_tokens SET created_at = created_at - interval '30 days', expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = $2`, [userId, purpose]);

  describe('password reset', () => {
    it('issues a link valid for PASSWORD_RESET_TTL (1 h); once expired it is refused and the password stays as it was', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      await gateway.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const mail = await gateway.smtp.waitFor(user.email, /reset/i);
      const [link] = await queryDatabase<{ seconds: number }>(
        gateway.database,
        `SELECT extract(epoch FROM expires_at - created_at)::int AS seconds FROM email_tokens WHERE user_id = $1 AND purpose = 'reset_password'`,
        [user.id],
      );
      expect(link.seconds).toBe(3600);

      await ageLinks(user.id, 'reset_password');
      const expired = await gateway.http.post('/auth/password-reset/confirm').send({ token: tokenIn(mail), password: `${STRONG_PASSWORD} changed` });

      expect([expired.status, expired.body.code]).toEqual([400, 'AUTH.INVALID_LINK']);
      await gateway.signIn(user.email, STRONG_PASSWORD);
      const withNew = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: `${STRONG_PASSWORD} changed` });
      expect(withNew.status).toBe(401);
    });

    it('refuses a common password on reset (400 naming the field) and leaves the link usable', async () => {
      const user = await gateway.activeUser(['caseworker']);
      await gateway.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const token = tokenIn(await gateway.smtp.waitFor(user.email, /reset/i));

      const common = await gateway.http.post('/auth/password-reset/confirm').send({ token, password: 'iloveyou1234' });
      const containsEmail = await gateway.http.post('/auth/password-reset/confirm').send({ token, password: `${user.email.split('@')[0]} is my password` });

      expect([common.status, common.body.errors]).toEqual([400, [{ field: 'password', message: 'is one of the most common passwords; choose another' }]]);
      expect([containsEmail.status, containsEmail.body.errors]).toEqual([400, [{ field: 'password', message: 'must not contain your e-mail address' }]]);
      await gateway.http.post('/auth/password-reset/confirm').send({ token, password: `${STRONG_PASSWORD} renewed` }).expect(200);
      await gateway.signIn(user.email, `${STRONG_PASSWORD} renewed`);
    });

    it('refuses a reset link sent before an admin deactivated the account; the account stays closed', async () => {
      const user = await gateway.activeUser(['mediator']);
      await gateway.http.post('/auth/password-reset').send({ email: user.email }).expect(202);
      const token = tokenIn(await gateway.smtp.waitFor(user.email, /reset/i));
      await gateway.http.post(`/users/${user.id}/deactivate`).set('Authorization', `Bearer ${await gateway.adminToken()}`).send({}).expect(200);

      const used = await gateway.http.post('/auth/password-reset/confirm').send({ token, password: `${STRONG_PASSWORD} sneaky` });

      expect([used.status, used.body.code]).toEqual([400, 'AUTH.INVALID_LINK']);
      const [row] = await queryDatabase<{ status: string }>(gateway.database, 'SELECT status FROM users WHERE id = $1', [user.id]);
      expect(row.status).toBe('deactivated');
    });
  });

  describe('e-mail verification', () => {
    it('refuses an expired confirmation link (the account stays unconfirmed); asking again sends a new one that works', async () => {
      const email = 'late.owner@example.org';
      await gateway.http.post('/auth/sign-up').send({ email, password: STRONG_PASSWORD, displayName: 'Late Owner', kind: 'company', preferredLanguage: 'en' }).expect(202);
      const first = await gateway.smtp.waitFor(email, /confirm/i);
      const [user] = await queryDatabase<{ id: string }>(gateway.database, 'SELECT id FROM users WHERE email_key = $1', [email]);
      await ageLinks(user.id, 'verify_email');

      const expired = await gateway.http.post('/auth/confirm-email').send({ token: tokenIn(first) });
      expect([expired.status, expired.body.code]).toEqual([400, 'AUTH.INVALID_LINK']);
      const refused = await gateway.http.post('/auth/sign-in').send({ email, password: STRONG_PASSWORD });
      expect(refused.body.code).toBe('AUTH.ACCOUNT_INACTIVE');

      await gateway.http.post('/auth/password-reset').send({ email }).expect(202);
      const second = await eventually(() => {
        const confirmations = gateway.smtp.messages.filter((mail) => mail.to.includes(email) && /confirm/i.test(mail.subject));
        expect(confirmations).toHaveLength(2);
        return confirmations[1];
      }, 30_000, 200);
      await gateway.http.post('/auth/confirm-email').send({ token: tokenIn(second) }).expect(200);
      const again = await gateway.http.post('/auth/confirm-email').send({ token: tokenIn(second) });
      expect([again.status, again.body.code]).toEqual([400, 'AUTH.INVALID_LINK']);
      const { accessToken } = await gateway.signIn(email, STRONG_PASSWORD);
      expect(decodeJwt(accessToken).role).toBe('landlord');
    });
  });

  describe('users an admin manages', () => {
    it('reactivates a deactivated user, who can then sign in again', async () => {
      const user = await gateway.activeUser(['board_member']);
      const admin = `Bearer ${await gateway.adminToken()}`;
      await gateway.http.post(`/users/${user.id}/deactivate`).set('Authorization', admin).send({}).expect(200);

      const reactivated = await gateway.http.post(`/users/${user.id}/reactivate`).set('Authorization', admin).send({}).expect(200);

      expect(reactivated.body.status).toBe('active');
      const { accessToken } = await gateway.signIn(user.email, STRONG_PASSWORD);
      expect(decodeJwt(accessToken)).toMatchObject({ sub: user.id, role: 'board_member' });
    });

    it('links a caseworker to their caseload and an inspector to their agenda by their user id, which their tokens carry as sub', async () => {
      const caseworker = await gateway.activeUser(['caseworker']);
      const inspector = await gateway.activeUser(['inspector']);

      const caseworkerToken = (await gateway.signIn(caseworker.email, STRONG_PASSWORD)).accessToken;
      const inspectorToken = (await gateway.signIn(inspector.email, STRONG_PASSWORD)).accessToken;
      const caseworkerMe = await gateway.http.get('/me').set('Authorization', `Bearer ${caseworkerToken}`).expect(200);
      const inspectorMe = await gateway.http.get('/me').set('Authorization', `Bearer ${inspectorToken}`).expect(200);

      expect(caseworkerMe.body.links).toEqual({ landlordId: null, caseworkerId: caseworker.id, inspectorId: null });
      expect(inspectorMe.body.links).toEqual({ landlordId: null, caseworkerId: null, inspectorId: inspector.id });
      expect(decodeJwt(caseworkerToken).sub).toBe(caseworker.id);
      expect(decodeJwt(inspectorToken).sub).toBe(inspector.id);
    });
  });

  describe('changing one’s password', () => {
    it('needs the current password, applies the policy, and ends every other session', async () => {
      const user = await gateway.activeUser(['sra_staff']);
      const laptop = await gateway.signIn(user.email, STRONG_PASSWORD);
      const phone = await gateway.signIn(user.email, STRONG_PASSWORD);
      const change = (body: Record<string, string>) => gateway.http.post('/me/password').set('Authorization', `Bearer ${laptop.accessToken}`).send(body);

      const wrongCurrent = await change({ currentPassword: 'not my password at all', newPassword: `${STRONG_PASSWORD} two` });
      const common = await change({ currentPassword: STRONG_PASSWORD, newPassword: 'qwertyuiop123' });
      expect([wrongCurrent.status, wrongCurrent.body.errors]).toEqual([400, [{ field: 'currentPassword', message: 'is not your current password' }]]);
      expect([common.status, common.body.errors]).toEqual([400, [{ field: 'newPassword', message: 'is one of the most common passwords; choose another' }]]);

      await change({ currentPassword: STRONG_PASSWORD, newPassword: `${STRONG_PASSWORD} two` }).expect(204);

      await gateway.http.post('/auth/refresh').set('Cookie', phone.cookie).expect(401);
      const oldToken = await gateway.http.get('/api/units/units').set('Authorization', `Bearer ${phone.accessToken}`);
      expect([oldToken.status, oldToken.body.detail]).toEqual([401, 'This session has been signed out']);
      const fresh = await gateway.signIn(user.email, `${STRONG_PASSWORD} two`);
      const freshAtTheDoor = await gateway.http.get('/api/units/units').set('Authorization', `Bearer ${fresh.accessToken}`);
      expect(freshAtTheDoor.body.detail).not.toBe('This session has been signed out');
      expect(await outcomes(user.id)).toEqual(['password_reset', 'signed_in', 'signed_in', 'password_changed', 'signed_in']);
    });
  });

  describe('an optional second factor', () => {
    it('lets any user turn TOTP on from /me: a wrong code is refused, a right one makes sign-in ask for a code from then on', async () => {
      const user = await gateway.activeUser(['caseworker']);
      const { accessToken } = await gateway.signIn(user.email, STRONG_PASSWORD);
      const me = (path: string, body: Record<string, unknown> = {}) => gateway.http.post(path).set('Authorization', `Bearer ${accessToken}`).send(body);

      const started = await me('/me/second-factor').expect(201);
      const wrong = await me('/me/second-factor/confirm', { code: generateSync({ secret: started.body.secret }) === '000000' ? '111111' : '000000' });
      expect([wrong.status, wrong.body.errors]).toEqual([400, [{ field: 'code', message: 'is not the current code of the new secret' }]]);
      const withoutYet = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD });
      expect(withoutYet.status).toBe(200);

      await me('/me/second-factor/confirm', { code: generateSync({ secret: started.body.secret }) }).expect(204);

      const withoutCode = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD });
      expect([withoutCode.status, withoutCode.body.code]).toEqual([401, 'AUTH.TOTP_REQUIRED']);
      const again = await me('/me/second-factor');
      expect([again.status, again.body.code]).toEqual([409, 'AUTH.TOTP_ALREADY_ENABLED']);
    });
  });

  describe('the audit log', () => {
    it('records an address refused for too many failures and a role not held, and shows admins the log (403 for others)', async () => {
      const user = await gateway.activeUser(['caseworker']);
      const fromAddress = (body: Record<string, unknown>) => gateway.http.post('/auth/sign-in').set('X-Forwarded-For', '192.0.2.44').set('User-Agent', 'audit-test').send(body);
      const asStaff = await gateway.http.post('/auth/sign-in').send({ email: user.email, password: STRONG_PASSWORD, role: 'sra_staff' });
      await fromAddress({ email: 'nobody-1@example.org', password: 'guess number one' }).expect(401);
      await fromAddress({ email: 'nobody-2@example.org', password: 'guess number two' }).expect(401);
      const throttled = await fromAddress({ email: user.email, password: STRONG_PASSWORD });

      expect(asStaff.status).toBe(403);
      expect([throttled.status, throttled.body.code]).toEqual([429, 'AUTH.TOO_MANY_ATTEMPTS']);
      const admin = `Bearer ${await gateway.adminToken()}`;
      const log = await gateway.http.get('/sign-in-events').query({ email: user.email }).set('Authorization', admin).expect(200);
      expect(log.body.items.map((entry: { outcome: string }) => entry.outcome)).toEqual(['address_throttled', 'role_not_held']);
      expect(log.body.items[0]).toMatchObject({ outcome: 'address_throttled', address: '192.0.2.44', userAgent: 'audit-test', emailKey: user.email });
      const unknown = await gateway.http.get('/sign-in-events').query({ email: 'nobody-1@example.org' }).set('Authorization', admin).expect(200);
      expect(unknown.body.items).toMatchObject([{ outcome: 'unknown_account', userId: null, address: '192.0.2.44' }]);

      const { accessToken } = await gateway.signIn(user.email, STRONG_PASSWORD);
      await gateway.http.get('/sign-in-events').set('Authorization', `Bearer ${accessToken}`).expect(403);
    });
  });
});
