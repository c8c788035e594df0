import { Topics } from '@hearth/contracts';
import {
  aLandlordRegistration,
  anAgreement,
  aUnit,
  bearer,
  checklistAnswers,
  clearRedisPrefix,
  eventually,
  uniqueRedisPrefix,
  waitForEvents,
} from '@hearth/testing';
import { client, Client, draftAndSubmit, Platform } from './support';

const staff = bearer('sra_staff');
const INSPECTOR_ID = 'inspector-e2e-ines';
const inspectorHeaders = bearer('inspector', { sub: INSPECTOR_ID });

/** Short enough to wait for, long enough to complete the visit before it passes. */
const SEVERE_REPAIR_DEADLINE_MS = 3_000;

/** landlords, units and inspections as three processes, talking only through the Kafka test broker. */
describe('from a submitted flat to an available one, through a failed inspection and its re-inspection', () => {
  const platform = new Platform();
  const jobsPrefix = uniqueRedisPrefix('e2e-inspections');
  let landlords: Client;
  let units: Client;
  let inspections: Client;
  let asInspector: Client;

  beforeAll(async () => {
    await platform.start(['landlords', 'units', 'inspections'], {
      inspections: { REPAIR_DEADLINE_SEVERE_MS: String(SEVERE_REPAIR_DEADLINE_MS), BULLMQ_PREFIX: jobsPrefix },
    });
    landlords = client(platform.service('landlords').url, staff);
    units = client(platform.service('units').url, staff);
    inspections = client(platform.service('inspections').url, staff);
    asInspector = client(platform.service('inspections').url, inspectorHeaders);
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
    await clearRedisPrefix(jobsPrefix);
  });

  async function landlordWithAgreement(): Promise<string> {
    const { body: landlord } = await landlords.post('/landlords', aLandlordRegistration());
    await landlords.post(`/landlords/${landlord.id}/verify`);
    const { body: agreement } = await landlords.post(`/landlords/${landlord.id}/agreements`, anAgreement());
    expect((await landlords.post(`/landlords/${landlord.id}/agreements/${agreement.id}/sign`)).status).toBe(200);
    return landlord.id;
  }

  async function visit(inspectionId: string, answers: [string, Record<string, unknown>][]) {
    const when = new Date(Date.now() + 24 * 3600_000);
    const scheduled = await inspections.post(`/inspections/${inspectionId}/schedule`, { inspectorId: INSPECTOR_ID, scheduledAt: when.toISOString() });
    expect(scheduled.status).toBe(200);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(when);
    const { body: agenda } = await asInspector.get(`/agenda?date=${day}`);
    expect(agenda.items).toContainEqual(expect.objectContaining({ inspectionId, status: 'scheduled', unit: expect.objectContaining({ address: 'Rue Haute 120' }) }));
    for (const [code, body] of answers) {
      const response = await asInspector.put(`/inspections/${inspectionId}/items/${code}`, body);
      expect(response.status).toBe(200);
    }
    const completed = await asInspector.post(`/inspections/${inspectionId}/complete`);
    expect(completed.status).toBe(200);
    return completed.body;
  }

  it('opens an inspection on submission, re-inspects after a missed repair deadline and makes the flat available once it passes', async () => {
    const landlordId = await landlordWithAgreement();
    const { unit, submitted } = await draftAndSubmit(units, aUnit().forLandlord(landlordId).build());
    expect(submitted.status).toBe('pending_inspection');

    const initial = await eventually(async () => {
      const { body } = await inspections.get(`/inspections?unitId=${unit.id}`);
      expect(body.items).toEqual([expect.objectContaining({ type: 'initial', status: 'requested', landlordId })]);
      return body.items[0];
    }, 30_000);
    const { body: checklist } = await inspections.get('/checklist');
    const itemCodes: string[] = checklist.areas.flatMap((area: { items: { code: string }[] }) => area.items.map((item) => item.code));

    const failed = await visit(initial.id, checklistAnswers(itemCodes).failing('no_mould_growth', 'severe', 'Mould across the bedroom ceiling').build());

    expect(failed.outcome).toBe('failed');
    const [completedEvent] = (await waitForEvents(Topics.inspections, initial.id, ['InspectionCompleted'])).filter((e) => e.type === 'InspectionCompleted');
    expect(completedEvent.payload).toMatchObject({ outcome: 'failed', deficiencies: { total: 1, mostSevere: 'severe' } });
    expect((await units.get(`/units/${unit.id}`)).body.status).toBe('pending_inspection');

    const missed = await waitForEvents(Topics.inspections, initial.id, ['RepairDeadlineMissed'], SEVERE_REPAIR_DEADLINE_MS + 20_000);
    const reinspectionId = missed.find((e) => e.type === 'RepairDeadlineMissed')!.payload.reinspectionId as string;
    const { body: reinspection } = await inspections.get(`/inspections/${reinspectionId}`);
    expect(reinspection).toMatchObject({ type: 'initial', status: 'requested', reinspectionOf: initial.id, trigger: 'repair_deadline_missed' });

    const passed = await visit(reinspectionId, checklistAnswers(itemCodes).build());

    expect(passed).toMatchObject({ outcome: 'passed', reinspectionOf: initial.id });
    await eventually(async () => expect((await units.get(`/units/${unit.id}`)).body.status).toBe('available'), 30_000);
    const unitEvents = await waitForEvents(Topics.units, unit.id, ['UnitDrafted', 'UnitSubmittedForInspection', 'UnitBecameAvailable']);
    expect(unitEvents.find((e) => e.type === 'UnitBecameAvailable')!.payload).toMatchObject({ unitId: unit.id, landlordId, district: 'BXL-C' });

    const owner = client(platform.service('inspections').url, bearer('landlord', { landlordId }));
    const { body: ownDeficiencies } = await owner.get('/deficiencies');
    expect(ownDeficiencies.items).toEqual([expect.objectContaining({ itemCode: 'no_mould_growth', status: 'cleared', resolvedByInspectionId: reinspectionId })]);
  }, 120_000);
});
