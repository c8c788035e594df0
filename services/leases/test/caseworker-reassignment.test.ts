import { Topics } from '@hearth/contracts';
import { bearer, eventually, HouseholdWaitlistStream, queryDatabase } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { acceptedOffer, flatInScheme, leasesSuite, staff } from './support';

/**
 * A housed household given another caseworker (CaseworkerAssigned on hearth.applicants, decision
 * 0018): its tenancy follows it to the new caseworker and is gone for the old one, on real
 * PostgreSQL, Redis and the test broker. "Today" is 20 November 2026; the tenancy runs from
 * 1 October at 700.00 + 50.00 a month, nothing paid: October and November charged, 2 × 75,000 =
 * 150,000 cents owed.
 */
describe('a housed household reassigned to another caseworker', () => {
  const suite = leasesSuite();
  const firstId = `caseworker-${randomUUID()}`;
  const nextId = `caseworker-${randomUUID()}`;
  const first = bearer('caseworker', { sub: firstId });
  const next = bearer('caseworker', { sub: nextId });
  let household: HouseholdWaitlistStream;
  let tenancyId: string;

  const knownHousehold = (householdId: string) =>
    queryDatabase<{ household_version: number; caseworker_id: string | null }>(suite.service.database, 'SELECT household_version, caseworker_id FROM known_households WHERE household_id = $1', [
      householdId,
    ]);

  beforeAll(async () => {
    // Waitlisted (household version 4) on the first caseworker's caseload, then offered a flat and housed there.
    household = new HouseholdWaitlistStream().with('caseworkerId', firstId);
    await suite.producer.send(Topics.applicants, household.householdId, household.waitlisted());
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId, { householdId: household.householdId, reference: household.reference });
    tenancyId = tenancy.id;
    await suite.service.http
      .put(`/tenancies/${tenancyId}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-10-01', endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(200);
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body).toMatchObject({ status: 'active', balanceCents: 150_000 }), 30_000);
    await eventually(() => suite.service.http.get(`/tenancies/${tenancyId}`).set(first).expect(200), 30_000);
  });

  it('shows the new caseworker the tenancy and its balance, and answers the old one 404', async () => {
    // Version 5: the household is housed, not in the matching pool; only CaseworkerAssigned tells of the change.
    const reassigned = household.caseworkerAssigned(nextId);
    expect(reassigned.aggregateVersion).toBe(5);
    await suite.producer.send(Topics.applicants, household.householdId, reassigned);

    const { body } = await eventually(() => suite.service.http.get(`/tenancies/${tenancyId}`).set(next).expect(200), 30_000);
    expect(body).toMatchObject({ id: tenancyId, householdId: household.householdId, status: 'active', balanceCents: 150_000 });
    expect((await suite.service.http.get('/tenancies?limit=100').set(next).expect(200)).body.items.map((t: { id: string }) => t.id)).toEqual([tenancyId]);

    await suite.service.http.get(`/tenancies/${tenancyId}`).set(first).expect(404);
    expect((await suite.service.http.get('/tenancies?limit=100').set(first).expect(200)).body.items).toEqual([]);
    expect(await knownHousehold(household.householdId)).toEqual([{ household_version: 5, caseworker_id: nextId }]);
  });

  it('applies a redelivered change once and ignores an older one heard late', async () => {
    // Version 6 gives the household back to the first caseworker, delivered twice; then an older event
    // (version 3) naming the new one arrives late.
    const back = household.caseworkerAssigned(firstId);
    expect(back.aggregateVersion).toBe(6);
    const stale = new HouseholdWaitlistStream({ version: 2 });
    Object.assign(stale, { householdId: household.householdId, reference: household.reference });
    const older = stale.caseworkerAssigned(nextId);
    expect(older.aggregateVersion).toBe(3);
    await suite.producer.send(Topics.applicants, household.householdId, back);
    await suite.producer.send(Topics.applicants, household.householdId, back);
    await suite.producer.send(Topics.applicants, household.householdId, older);

    // The older event is in the inbox (heard, after the others on the same key): the positive signal.
    await eventually(async () => expect(await queryDatabase(suite.service.database, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [older.id])).toEqual([{ n: 1 }]), 30_000);
    expect(await queryDatabase(suite.service.database, 'SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [back.id])).toEqual([{ n: 1 }]);
    expect(await knownHousehold(household.householdId)).toEqual([{ household_version: 6, caseworker_id: firstId }]);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(first).expect(200);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(next).expect(404);
  });

  it('hides the tenancy from every caseworker once the household has none, staff still see it', async () => {
    const unassigned = household.caseworkerAssigned(null);
    expect(unassigned.aggregateVersion).toBe(7);
    await suite.producer.send(Topics.applicants, household.householdId, unassigned);

    await eventually(async () => expect(await knownHousehold(household.householdId)).toEqual([{ household_version: 7, caseworker_id: null }]), 30_000);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(first).expect(404);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(next).expect(404);
    await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200);
  });
});
