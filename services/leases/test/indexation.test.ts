import { Topics } from '@hearth/contracts';
import { eventually, waitForEvents } from '@hearth/testing';
import { CommandBus } from '@nestjs/cqrs';
import { IndexRentCommand } from '../src/indexation/commands/index-rent/index-rent.handler';
import { IndexationScheduler } from '../src/indexation/indexation.scheduler';
import { RenewalRemindersScheduler } from '../src/renewals/renewal-reminders.scheduler';
import { acceptedOffer, flatInScheme, leasesSuite, staff } from './support';

/**
 * Rent indexation and renewal reminders on real infrastructure, "today" 20 November 2026 and then
 * 2 December 2026 (a restart). Amounts worked out by hand in the comments.
 */
describe('rent indexation and renewal reminders', () => {
  const suite = leasesSuite();

  async function activeTenancy(startDate: string, endDate: string | null): Promise<string> {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    await suite.service.http
      .put(`/tenancies/${tenancy.id}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate, endDate })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancy.id}/sign`).set(staff).send({}).expect(200);
    return tenancy.id;
  }

  const ledgerOf = async (id: string) => (await suite.service.http.get(`/tenancies/${id}/ledger?limit=100`).set(staff).expect(200)).body;

  it('indexes the rent on the anniversary from the configured series, from the next month not yet charged', async () => {
    // From 15 October 2025: October 2025 is 17 of 31 days, 75,000 × 17 / 31 = 41,129.03 → 41,129; then 13 whole months
    // to November 2026: 41,129 + 13 × 75,000 = 1,016,129.
    const tenancyId = await activeTenancy('2025-10-15', null);
    await eventually(async () => expect((await ledgerOf(tenancyId)).chargedCents).toBe(1_016_129), 30_000);

    // The series is data: bad values refused naming the fields, nothing recorded.
    const bad = await suite.service.http
      .put('/index-series/health_index/values')
      .set(staff)
      .send({ values: [{ month: '2025-13', value: 128.47 }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['values.0.month', 'values.0.value']));
    const badSeries = await suite.service.http.put('/index-series/Health%20Index/values').set(staff).send({ values: [{ month: '2025-09', value: '1' }] }).expect(400);
    expect(badSeries.body.errors.map((e: { field: string }) => e.field)).toEqual(['series']);
    expect((await suite.service.http.get('/index-series/health_index/values').set(staff).expect(200)).body.values).toEqual([]);

    const values = [
      { month: '2025-09', value: '128.47' },
      { month: '2026-09', value: '131.02' },
    ];
    expect((await suite.service.http.put('/index-series/health_index/values').set(staff).send({ values }).expect(200)).body).toEqual({ series: 'health_index', recorded: 2, unchanged: 0 });
    expect((await suite.service.http.put('/index-series/health_index/values').set(staff).send({ values }).expect(200)).body).toMatchObject({ recorded: 0, unchanged: 2 });
    const fixed = await suite.service.http.put('/index-series/health_index/values').set(staff).send({ values: [{ month: '2026-09', value: '131.03' }] }).expect(409);
    expect(fixed.body.code).toBe('INDEX.VALUE_FIXED');

    // The sweep queues the anniversary (15 October 2026); the job indexes: 700.00 × 131.02 / 128.47 = 713.89 (917,140,000 ÷ 12,847 = 71,389 r 5,517).
    // November is already charged, so it applies from 1 December.
    await suite.service.app.get(IndexationScheduler).sweep();
    const indexed = (await waitForEvents(Topics.leases, tenancyId, ['RentIndexed'], 30_000)).find((e) => e.type === 'RentIndexed')!;
    expect(indexed.payload).toMatchObject({ tenancyId, effectiveOn: '2026-12-01', previousRentCents: 70_000, newRentCents: 71_389, indexSeries: 'health_index' });
    const { body: history } = await suite.service.http.get(`/tenancies/${tenancyId}/rent-history`).set(staff).expect(200);
    expect(history.indexations).toEqual([
      expect.objectContaining({ anniversary: '2026-10-15', effectiveOn: '2026-12-01', baseRentCents: 70_000, baseMonth: '2025-09', baseIndex: '128.47', newMonth: '2026-09', newIndex: '131.02', newRentCents: 71_389 }),
    ]);
    expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.rentCents).toBe(71_389);
    // Indexing again changes nothing.
    expect(await suite.service.app.get(CommandBus).execute(new IndexRentCommand(tenancyId))).toBe('up_to_date');

    // A tenancy whose anniversary's index value is not published waits.
    const waiting = await activeTenancy('2025-11-10', null);
    await eventually(async () => expect((await ledgerOf(waiting)).chargedCents).toBeGreaterThan(0), 30_000);
    expect(await suite.service.app.get(CommandBus).execute(new IndexRentCommand(waiting))).toBe('waiting_for_index');
    expect((await suite.service.http.get(`/tenancies/${waiting}`).set(staff).expect(200)).body.rentCents).toBe(70_000);

    // 2 December: December is charged at the indexed rent, 71,389 + 5,000 = 76,389; November stays as it was.
    await suite.restartOn('2026-12-02');
    await eventually(async () => {
      const charges = (await ledgerOf(tenancyId)).entries.filter((e: { kind: string }) => e.kind === 'charge');
      expect(charges.filter((e: { month: string }) => e.month >= '2026-11').map((e: { month: string; amountCents: number }) => [e.month, e.amountCents])).toEqual([
        ['2026-11', 75_000],
        ['2026-12', 76_389],
      ]);
    }, 30_000);
  });

  it('reminds staff ahead of a tenancy’s end, the nearest threshold reached, until it is renewed', async () => {
    // Ends 31 January 2027: 90 days before is 2 November 2026, 60 days before 2 December 2026.
    const tenancyId = await activeTenancy('2026-10-01', '2027-01-31');
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.status).toBe('active'), 30_000);
    const mine = async () => (await suite.service.http.get('/renewal-reminders?contract=tenancy&limit=100').set(staff).expect(200)).body.items.filter((r: { contractId: string }) => r.contractId === tenancyId);

    await suite.service.app.get(RenewalRemindersScheduler).sweep();
    await eventually(async () => expect(await mine()).toEqual([expect.objectContaining({ contract: 'tenancy', endDate: '2027-01-31', daysBefore: 60, raisedOn: '2026-12-02' })]), 30_000);

    await suite.service.http.post(`/tenancies/${tenancyId}/renew`).set(staff).send({ endDate: '2029-12-31', renewedOn: '2026-12-02' }).expect(200);
    expect(await mine()).toEqual([]);
  });

  it('reminds staff ahead of a head lease’s end', async () => {
    // The owner's agreement ends 15 February 2027: 90 days before is 17 November 2026, 60 days before 17 December.
    const flat = await flatInScheme(suite.service, suite.producer, { endDate: '2027-02-15' });
    await suite.service.app.get(RenewalRemindersScheduler).sweep();
    await eventually(async () => {
      const { body } = await suite.service.http.get('/renewal-reminders?contract=head_lease&limit=100').set(staff).expect(200);
      expect(body.items.filter((r: { contractId: string }) => r.contractId === flat.headLeaseId)).toEqual([
        { contract: 'head_lease', contractId: flat.headLeaseId, unitId: flat.unitId, landlordId: flat.landlordId, endDate: '2027-02-15', daysBefore: 90, raisedOn: '2026-12-02' },
      ]);
    }, 30_000);
  });
});
