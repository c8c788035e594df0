import { Topics } from '@hearth/contracts';
import { anEnvelope, bearer, eventually, queryDatabase, startTestApp, TestApp, testEnv, TestProducer, waitForEvents } from '@hearth/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadLandlordsConfig } from '../src/config';
import { LandlordsModule } from '../src/landlords.module';

const staff = bearer('sra_staff');

describe('landlords service: owners who signed up at the gateway', () => {
  let service: TestApp;
  let producer: TestProducer;

  beforeAll(async () => {
    const env = testEnv('landlords', { BANK_ACCOUNT_KEY: randomBytes(32).toString('base64') });
    service = await startTestApp(LandlordsModule.forRoot(loadLandlordsConfig(env)), env.DATABASE_NAME!);
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  async function signedUp(kind: 'individual' | 'company' = 'individual') {
    const landlordId = randomUUID();
    const userId = randomUUID();
    const envelope = anEnvelope({
      type: 'LandlordSignedUp',
      source: 'gateway',
      aggregateType: 'User',
      aggregateId: userId,
      aggregateVersion: 2,
      payload: { landlordId, userId, kind, preferredLanguage: 'nl' },
    });
    await producer.send(Topics.gateway, userId, { ...envelope, actor: { id: userId, role: 'landlord' } }, { 'x-event-type': 'LandlordSignedUp', 'x-event-version': '1', 'x-event-id': envelope.id });
    const owner = bearer('landlord', { sub: userId, landlordId });
    const record = await eventually(async () => {
      const response = await service.http.get(`/landlords/${landlordId}`).set(owner);
      expect(response.status).toBe(200);
      return response.body;
    }, 45_000, 300);
    return { landlordId, userId, owner, record };
  }

  const details = { name: 'Jan Janssens', contact: { email: 'jan@example.org' }, bankAccount: 'BE68 5390 0754 7034' };

  it('opens a prospect record without personal data and announces it with LandlordRegistered', async () => {
    const { landlordId, record } = await signedUp();

    expect(record).toMatchObject({ id: landlordId, status: 'prospect', kind: 'individual', preferredLanguage: 'nl', name: null, contact: null, bankAccount: null });
    const [registered] = await waitForEvents(Topics.landlords, landlordId, ['LandlordRegistered']);
    expect(registered.payload).toEqual({ landlordId, kind: 'individual', status: 'prospect', preferredLanguage: 'nl' });
  });

  it('refuses to verify a prospect without details (409), and verifies once the owner has completed them', async () => {
    const { landlordId, owner } = await signedUp();

    const early = await service.http.post(`/landlords/${landlordId}/verify`).set(staff).send({});
    expect([early.status, early.body.code]).toEqual([409, 'LANDLORD.DETAILS_INCOMPLETE']);

    const completed = await service.http.put(`/landlords/${landlordId}/details`).set(owner).send(details).expect(200);
    expect(completed.body).toMatchObject({ name: 'Jan Janssens', bankAccount: 'BE68 **** **** 7034', status: 'prospect' });
    await service.http.post(`/landlords/${landlordId}/verify`).set(staff).send({}).expect(200);
    const [row] = await queryDatabase<{ bank_account_encrypted: string }>(service.database, 'SELECT bank_account_encrypted FROM landlords WHERE id = $1', [landlordId]);
    expect(row.bank_account_encrypted).not.toContain('5390');
  });

  it("hides another owner's prospect behind a 404, refuses bad details with 400 and changes after verification with 409", async () => {
    const mine = await signedUp('company');
    const theirs = await signedUp();

    await service.http.put(`/landlords/${theirs.landlordId}/details`).set(mine.owner).send(details).expect(404);
    const withoutCompanyNumber = await service.http.put(`/landlords/${mine.landlordId}/details`).set(mine.owner).send(details);
    expect([withoutCompanyNumber.status, withoutCompanyNumber.body.errors]).toEqual([400, [{ field: 'companyNumber', message: 'is required for a company' }]]);
    const badIban = await service.http.put(`/landlords/${mine.landlordId}/details`).set(mine.owner).send({ ...details, bankAccount: 'BE00 0000' });
    expect(badIban.status).toBe(400);

    await service.http.put(`/landlords/${theirs.landlordId}/details`).set(theirs.owner).send(details).expect(200);
    await service.http.post(`/landlords/${theirs.landlordId}/verify`).set(staff).send({}).expect(200);
    const afterVerification = await service.http.put(`/landlords/${theirs.landlordId}/details`).set(theirs.owner).send(details);
    expect([afterVerification.status, afterVerification.body.code]).toEqual([409, 'LANDLORD.INVALID_TRANSITION']);
  });
});
