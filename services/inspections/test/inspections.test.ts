import { Topics } from '@hearth/contracts';
import {
  bearer,
  checklistAnswers,
  clearRedisPrefix,
  eventually,
  queryDatabase,
  readEvents,
  startTestApp,
  settled,
  TestApp,
  testEnv,
  TestProducer,
  UnitEventStream,
  waitForEvents,
} from '@hearth/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { loadInspectionsConfig } from '../src/config';
import { InspectionsModule } from '../src/inspections.module';
import { InspectionsQueue } from '../src/inspections.queues';

const staff = bearer('sra_staff');

/** A day far enough ahead that no appointment is in the past; Brussels is UTC+2 then. */
const DAY = '2031-06-12';
const at = (utcTime: string) => `${DAY}T${utcTime}Z`;

/** Short repair deadlines so the BullMQ path runs for real within the test. */
const DEADLINES = { life_threatening: 1_500, severe: 2_500, moderate: 4_000, low: 600_000 };

interface Inspection {
  id: string;
  version: number;
  status: string;
  type: string;
  outcome: string | null;
  reinspectionOf: string | null;
  inspectorId: string | null;
  unit: { address: string } | null;
}

describe('inspections service', () => {
  const env = testEnv('inspections', {
    REPAIR_DEADLINE_LIFE_THREATENING_MS: String(DEADLINES.life_threatening),
    REPAIR_DEADLINE_SEVERE_MS: String(DEADLINES.severe),
    REPAIR_DEADLINE_MODERATE_MS: String(DEADLINES.moderate),
    REPAIR_DEADLINE_LOW_MS: String(DEADLINES.low),
    AGENDA_TIME_ZONE: 'Europe/Brussels',
  });
  const start = (overrides: Record<string, string> = {}) =>
    startTestApp(InspectionsModule.forRoot(loadInspectionsConfig({ ...env, ...overrides }), { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), env.DATABASE_NAME!);
  let service: TestApp;
  let producer: TestProducer;
  let itemCodes: string[];

  beforeAll(async () => {
    service = await start();
    producer = await TestProducer.connect();
    const { body } = await service.http.get('/checklist').set(staff).expect(200);
    itemCodes = body.areas.flatMap((area: { items: { code: string }[] }) => area.items.map((item) => item.code));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  const publish = (event: Record<string, unknown> & { aggregateId: string }) => producer.send(Topics.units, event.aggregateId, event);
  const anInspector = () => {
    const id = `inspector-${randomUUID().slice(0, 8)}`;
    return { id, token: bearer('inspector', { sub: id }) };
  };

  /** A unit the units service has described (drafted) to the inspections service. */
  async function knownUnit(stream = new UnitEventStream()): Promise<UnitEventStream> {
    await publish(stream.drafted());
    await eventually(async () => expect(await queryDatabase(service.database, 'SELECT id FROM known_units WHERE id = $1', [stream.unitId])).toHaveLength(1), 30_000);
    return stream;
  }

  async function inspectionsOf(unitId: string, query = ''): Promise<Inspection[]> {
    const { body } = await service.http.get(`/inspections?unitId=${unitId}&limit=100${query}`).set(staff).expect(200);
    return body.items;
  }

  /** Waits until the unit has exactly one inspection (the initial request opened from hearth.units). */
  async function theOnlyInspectionOf(unitId: string): Promise<Inspection> {
    const [only] = await eventually(async () => {
      const list = await inspectionsOf(unitId);
      expect(list).toHaveLength(1);
      return list;
    }, 30_000);
    return only;
  }

  /** A unit drafted and submitted for inspection, with the initial request that opened. */
  async function submittedUnit() {
    const stream = new UnitEventStream();
    await publish(stream.drafted());
    await publish(stream.submitted());
    return { stream, initial: await theOnlyInspectionOf(stream.unitId) };
  }

  async function request(unitId: string, type = 'periodic'): Promise<Inspection> {
    return (await service.http.post('/inspections').set(staff).send({ unitId, type }).expect(201)).body;
  }

  async function scheduled(type = 'periodic', inspector = anInspector(), when = at('08:00:00')) {
    const unit = await knownUnit();
    const requested = await request(unit.unitId, type);
    const { body } = await service.http.post(`/inspections/${requested.id}/schedule`).set(staff).send({ inspectorId: inspector.id, scheduledAt: when }).expect(200);
    return { unit, inspection: body as Inspection, inspector };
  }

  async function answer(inspectionId: string, answers: [string, Record<string, unknown>][], as = staff): Promise<void> {
    for (const [code, body] of answers) await service.http.put(`/inspections/${inspectionId}/items/${code}`).set(as).send(body).expect(200);
  }

  async function completed(answers: (codes: string[]) => [string, Record<string, unknown>][], type = 'periodic') {
    const { unit, inspection, inspector } = await scheduled(type);
    await answer(inspection.id, answers(itemCodes), inspector.token);
    const { body } = await service.http.post(`/inspections/${inspection.id}/complete`).set(inspector.token).send({}).expect(200);
    return { unit, inspection: body as Inspection, inspector };
  }

  const queue = () => service.app.get<Queue>(getQueueToken(InspectionsQueue.RepairDeadlines));

  /** What the service holds about one unit's inspections (other suites' units arrive on the same broker). */
  async function snapshot(unitId: string) {
    const [row] = await queryDatabase<Record<string, string>>(
      service.database,
      `WITH mine AS (SELECT id, version FROM inspections WHERE unit_id = $1)
       SELECT (SELECT count(*) FROM mine) AS inspections, (SELECT coalesce(sum(version), 0) FROM mine) AS versions,
              (SELECT count(*) FROM checklist_results WHERE inspection_id IN (SELECT id FROM mine)) AS results,
              (SELECT count(*) FROM deficiencies WHERE unit_id = $1) AS deficiencies,
              (SELECT count(*) FROM inspection_history WHERE inspection_id IN (SELECT id FROM mine)) AS history,
              (SELECT count(*) FROM outbox WHERE message_key IN (SELECT id::text FROM mine)) AS outbox`,
      [unitId],
    );
    return row;
  }

  describe('requests opened from hearth.units', () => {
    it('opens one initial inspection request when a unit is submitted, once however often the event arrives', async () => {
      const stream = new UnitEventStream();
      const drafted = stream.drafted();
      const submitted = stream.submitted();
      for (const event of [drafted, submitted, submitted]) await publish(event);
      await publish({ ...submitted, id: randomUUID() });

      const initial = await theOnlyInspectionOf(stream.unitId);
      expect(initial).toMatchObject({ type: 'initial', status: 'requested', reinspectionOf: null, unit: { address: 'Rue Haute 120' } });
      const [requested] = await waitForEvents(Topics.inspections, initial.id, ['InspectionRequested']);
      expect(requested.payload).toEqual({
        inspectionId: initial.id,
        unitId: stream.unitId,
        landlordId: stream.landlordId,
        inspectionType: 'initial',
        reinspectionOf: null,
        trigger: 'unit_submitted',
      });
      expect(requested.actor).toEqual({ id: 'system', role: 'system' });
      await settled(service);
      expect(await inspectionsOf(stream.unitId)).toHaveLength(1);
    });

    it('opens one move-out inspection request when a let unit starts vacating, once however often the event arrives', async () => {
      const { stream } = await submittedUnit();
      const vacating = stream.vacating('2031-07-31');
      await publish(vacating);
      await publish({ ...vacating, id: randomUUID() });

      const moveOut = await eventually(async () => {
        const requests = (await inspectionsOf(stream.unitId)).filter((inspection) => inspection.type === 'move_out');
        expect(requests).toHaveLength(1);
        return requests[0];
      }, 30_000);
      expect(moveOut).toMatchObject({ status: 'requested', reinspectionOf: null, unit: { address: 'Rue Haute 120' } });
      const [requested] = await waitForEvents(Topics.inspections, moveOut.id, ['InspectionRequested']);
      expect(requested.payload).toMatchObject({ inspectionType: 'move_out', trigger: 'unit_vacating', unitId: stream.unitId });
      await settled(service);
      expect((await inspectionsOf(stream.unitId)).map((inspection) => inspection.type).sort()).toEqual(['initial', 'move_out']);
    });

    it('lets staff replace a cancelled initial request, one open at a time', async () => {
      const { stream, initial } = await submittedUnit();
      await service.http.post(`/inspections/${initial.id}/cancel`).set(staff).send({ reason: 'Requested by mistake before the keys were available' }).expect(200);

      const { body: replacement } = await service.http.post('/inspections').set(staff).send({ unitId: stream.unitId, type: 'initial' }).expect(201);

      expect(replacement).toMatchObject({ type: 'initial', status: 'requested', trigger: 'staff' });
      const again = await service.http.post('/inspections').set(staff).send({ unitId: stream.unitId, type: 'initial' }).expect(409);
      expect(again.body).toMatchObject({ code: 'INSPECTION.ALREADY_OPEN', inspectionId: replacement.id });
    });

    it('answers a request retried with the same Idempotency-Key with the first answer, requesting once', async () => {
      const unit = await knownUnit();
      const key = `request-${randomUUID()}`;

      const first = await service.http.post('/inspections').set(staff).set('Idempotency-Key', key).send({ unitId: unit.unitId, type: 'complaint' }).expect(201);
      const retry = await service.http.post('/inspections').set(staff).set('Idempotency-Key', key).send({ unitId: unit.unitId, type: 'complaint' }).expect(201);

      expect(retry.body.id).toBe(first.body.id);
      expect(await inspectionsOf(unit.unitId)).toHaveLength(1);
    });

    it('keeps the latest description of a unit and ignores an older event', async () => {
      const stream = new UnitEventStream();
      const drafted = stream.drafted();
      await publish(drafted);
      await publish(stream.updated({ address: 'Rue Neuve 5', district: 'BXL-N' }));
      const replayed = { ...drafted, id: randomUUID() };
      await publish(replayed);

      await eventually(async () => expect(await queryDatabase(service.database, 'SELECT event_id FROM inbox WHERE event_id = $1', [replayed.id])).toHaveLength(1), 30_000);
      const [row] = await queryDatabase(service.database, 'SELECT address, district, unit_version FROM known_units WHERE id = $1', [stream.unitId]);
      expect(row).toEqual({ address: 'Rue Neuve 5', district: 'BXL-N', unit_version: 2 });
    });

    it('cancels the open inspections of a unit that is withdrawn', async () => {
      const { stream, initial } = await submittedUnit();

      await publish(stream.withdrawn());

      const events = await waitForEvents(Topics.inspections, initial.id, ['InspectionRequested', 'InspectionCancelled']);
      expect(events[1]).toMatchObject({ aggregateVersion: 2, payload: { reason: 'The unit was withdrawn from the agency' } });
      expect((await inspectionsOf(stream.unitId))[0].status).toBe('cancelled');
      const refused = await service.http.post('/inspections').set(staff).send({ unitId: stream.unitId, type: 'periodic' }).expect(409);
      expect(refused.body.code).toBe('INSPECTION.UNIT_WITHDRAWN');
    });
  });

  describe('scheduling and the inspector’s day', () => {
    it('shows an inspector their day in time order with addresses, in the agency’s time zone', async () => {
      const inspector = anInspector();
      const late = await scheduled('complaint', inspector, at('21:30:00')); // 23:30 in Brussels
      const early = await scheduled('periodic', inspector, at('07:30:00')); // 09:30
      await scheduled('periodic', inspector, at('22:30:00')); // 00:30 the next day
      await scheduled('periodic', anInspector(), at('09:00:00')); // someone else's

      const { body: agenda } = await service.http.get(`/agenda?date=${DAY}`).set(inspector.token).expect(200);

      expect(agenda).toMatchObject({ date: DAY, timeZone: 'Europe/Brussels', inspectorId: inspector.id });
      expect(agenda.items.map((item: { inspectionId: string }) => item.inspectionId)).toEqual([early.inspection.id, late.inspection.id]);
      expect(agenda.items[0]).toMatchObject({ type: 'periodic', status: 'scheduled', unit: { address: 'Rue Haute 120', district: 'BXL-C' }, checklist: { answered: 0 } });
      const asStaff = await service.http.get(`/agenda?date=${DAY}&inspectorId=${inspector.id}`).set(staff).expect(200);
      expect(asStaff.body.items).toHaveLength(2);
      const planning = await service.http.get(`/inspections?status=scheduled&district=BXL-C&inspectorId=${inspector.id}`).set(staff).expect(200);
      expect(planning.body.total).toBe(3);
      expect((await service.http.get(`/inspections?district=BXL-N&inspectorId=${inspector.id}`).set(staff).expect(200)).body.total).toBe(0);
      const missing = await service.http.get(`/agenda?date=${DAY}`).set(staff).expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'inspectorId' })]);
    });

    it('reschedules to another inspector and time, publishing InspectionScheduled each time', async () => {
      const { inspection } = await scheduled();
      const other = anInspector();

      const { body } = await service.http
        .post(`/inspections/${inspection.id}/reschedule`)
        .set(staff)
        .send({ inspectorId: other.id, scheduledAt: at('12:00:00'), expectedVersion: 2 })
        .expect(200);

      expect(body).toMatchObject({ status: 'scheduled', version: 3, inspectorId: other.id, scheduledAt: '2031-06-12T12:00:00.000Z' });
      const events = await waitForEvents(Topics.inspections, inspection.id, ['InspectionRequested', 'InspectionScheduled']);
      await eventually(async () => expect((await readEvents(Topics.inspections, inspection.id)).map((e) => e.payload.rescheduled)).toEqual([undefined, false, true]));
      expect(events[1].payload).toMatchObject({ inspectorId: expect.stringMatching(/^inspector-/), scheduledAt: '2031-06-12T08:00:00.000Z' });
    });

    it('reopens a visit without access, keeps the note in the history only, and lets staff book it again', async () => {
      const { inspection, inspector } = await scheduled();

      const { body: reopened } = await service.http
        .post(`/inspections/${inspection.id}/no-access`)
        .set(inspector.token)
        .send({ note: 'Nobody home, neighbour says the tenant works nights' })
        .expect(200);

      expect(reopened).toMatchObject({ status: 'requested', inspectorId: null, scheduledAt: null });
      const { body: detail } = await service.http.get(`/inspections/${inspection.id}`).set(staff).expect(200);
      expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['requested', 'scheduled', 'no_access']);
      expect(detail.history[2]).toMatchObject({ note: 'Nobody home, neighbour says the tenant works nights', inspectorId: inspector.id, actor: { role: 'inspector' } });
      const events = await waitForEvents(Topics.inspections, inspection.id, ['InspectionReopened']);
      expect(events.find((e) => e.type === 'InspectionReopened')!.payload).toEqual({
        inspectionId: inspection.id,
        unitId: expect.any(String),
        landlordId: expect.any(String),
        inspectionType: 'periodic',
        reason: 'no_access',
      });
      await service.http.get(`/inspections/${inspection.id}`).set(inspector.token).expect(404);
      await service.http.post(`/inspections/${inspection.id}/schedule`).set(staff).send({ inspectorId: inspector.id, scheduledAt: at('15:00:00') }).expect(200);
    });
  });

  describe('checklist and outcome', () => {
    it('saves results item by item and passes an inspection where nothing failed', async () => {
      const { inspection, inspector, unit } = await scheduled();
      const answers = checklistAnswers(itemCodes).notApplicable('gas_appliances_certified').notApplicable('flues_unobstructed').build();
      await answer(inspection.id, answers.slice(0, 5), inspector.token);
      const { body: halfway } = await service.http.get(`/inspections/${inspection.id}`).set(inspector.token).expect(200);
      expect(halfway.checklist).toMatchObject({ version: 1, answered: 5, total: itemCodes.length });
      await answer(inspection.id, answers.slice(5), inspector.token);

      const { body } = await service.http.post(`/inspections/${inspection.id}/complete`).set(inspector.token).send({}).expect(200);

      expect(body).toMatchObject({ status: 'completed', outcome: 'passed' });
      const events = await waitForEvents(Topics.inspections, inspection.id, ['InspectionCompleted']);
      expect(events.find((e) => e.type === 'InspectionCompleted')!.payload).toEqual({
        inspectionId: inspection.id,
        unitId: unit.unitId,
        landlordId: unit.landlordId,
        inspectionType: 'periodic',
        outcome: 'passed',
        reinspectionOf: null,
        checklistVersion: 1,
        completedAt: expect.any(String),
        deficiencies: { total: 0, bySeverity: { life_threatening: 0, severe: 0, moderate: 0, low: 0 }, mostSevere: null },
      });
      expect(await queryDatabase(service.database, 'SELECT id FROM deficiencies WHERE inspection_id = $1', [inspection.id])).toEqual([]);
    });

    it('refuses to complete while an item is unanswered (409 listing it), and replaces an answer given again', async () => {
      const { inspection } = await scheduled();
      await answer(inspection.id, checklistAnswers(itemCodes).without('no_infestation').build());

      const refused = await service.http.post(`/inspections/${inspection.id}/complete`).set(staff).send({}).expect(409);

      expect(refused.body).toMatchObject({ code: 'INSPECTION.CHECKLIST_INCOMPLETE', missingItems: ['no_infestation'] });
      await answer(inspection.id, [['no_infestation', { result: 'pass' }]]);
      await answer(inspection.id, [['no_infestation', { result: 'fail', severity: 'low', note: 'Mouse droppings in the kitchen cupboard' }]]);
      const { body } = await service.http.post(`/inspections/${inspection.id}/complete`).set(staff).send({}).expect(200);
      expect(body.outcome).toBe('failed');
      const { body: detail } = await service.http.get(`/inspections/${inspection.id}`).set(staff).expect(200);
      expect(detail.deficiencies).toEqual([
        expect.objectContaining({ itemCode: 'no_infestation', areaCode: 'pests', severity: 'low', note: 'Mouse droppings in the kitchen cupboard', photos: [], status: 'open' }),
      ]);
    });
  });

  describe('repair deadlines on the BullMQ queue', () => {
    it('queues one deadline per severity; at each deadline requests one re-inspection and publishes RepairDeadlineMissed', async () => {
      const { inspection, unit } = await completed((codes) =>
        checklistAnswers(codes)
          .failing('no_exposed_wiring', 'life_threatening', 'Bare live wires in the hallway')
          .failing('no_mould_growth', 'severe')
          .failing('windows_open_close_seal', 'severe', 'Bedroom window does not close')
          .build(),
      );
      // Read at once: the first deadline is only 1.5 s away.
      const jobIds = [`repair-deadline:${inspection.id}:life_threatening`, `repair-deadline:${inspection.id}:severe`];
      const jobs = await Promise.all(jobIds.map((id) => queue().getJob(id)));
      expect(jobs.map((job) => job?.data)).toEqual([
        { inspectionId: inspection.id, severity: 'life_threatening' },
        { inspectionId: inspection.id, severity: 'severe' },
      ]);
      expect(inspection.outcome).toBe('failed');
      const [completedEvent] = (await waitForEvents(Topics.inspections, inspection.id, ['InspectionCompleted'])).filter((e) => e.type === 'InspectionCompleted');
      expect(completedEvent.payload.deficiencies).toEqual({ total: 3, bySeverity: { life_threatening: 1, severe: 2, moderate: 0, low: 0 }, mostSevere: 'life_threatening' });

      const missed = await eventually(async () => {
        const all = (await readEvents(Topics.inspections, inspection.id)).filter((e) => e.type === 'RepairDeadlineMissed');
        expect(all).toHaveLength(2);
        return all;
      }, 20_000);
      expect(missed.map((e) => [e.payload.severity, e.payload.openDeficiencies])).toEqual([
        ['life_threatening', 1],
        ['severe', 2],
      ]);
      const reinspections = await inspectionsOf(unit.unitId, `&reinspectionOf=${inspection.id}`);
      expect(reinspections).toEqual([expect.objectContaining({ type: 'periodic', status: 'requested', reinspectionOf: inspection.id, trigger: 'repair_deadline_missed' })]);
      expect(missed.map((e) => e.payload.reinspectionId)).toEqual([reinspections[0].id, reinspections[0].id]);
      const [requested] = await waitForEvents(Topics.inspections, reinspections[0].id, ['InspectionRequested']);
      expect(requested.payload).toMatchObject({ reinspectionOf: inspection.id, trigger: 'repair_deadline_missed' });

      const { body: overdue } = await service.http.get(`/reports/overdue-deficiencies?landlordId=${unit.landlordId}`).set(staff).expect(200);
      expect(overdue.total).toBe(3);
      expect(overdue.items[0]).toMatchObject({ severity: 'life_threatening', itemCode: 'no_exposed_wiring', unit: { address: 'Rue Haute 120' }, reinspection: { id: reinspections[0].id, status: 'requested' } });

      const inspector = anInspector();
      await service.http.post(`/inspections/${reinspections[0].id}/schedule`).set(staff).send({ inspectorId: inspector.id, scheduledAt: at('10:00:00') }).expect(200);
      const { body: toCheck } = await service.http.get(`/inspections/${reinspections[0].id}`).set(inspector.token).expect(200);
      expect(toCheck.reinspectedDeficiencies.map((d: { itemCode: string; overdue: boolean }) => [d.itemCode, d.overdue])).toEqual([
        ['no_exposed_wiring', true],
        ['no_mould_growth', true],
        ['windows_open_close_seal', true],
      ]);
      await answer(reinspections[0].id, checklistAnswers(itemCodes).build(), inspector.token);
      const { body: passed } = await service.http.post(`/inspections/${reinspections[0].id}/complete`).set(inspector.token).send({}).expect(200);

      expect(passed).toMatchObject({ outcome: 'passed', reinspectionOf: inspection.id });
      const { body: deficiencies } = await service.http.get(`/deficiencies?inspectionId=${inspection.id}`).set(staff).expect(200);
      expect(deficiencies.items.map((d: { status: string; resolvedByInspectionId: string }) => [d.status, d.resolvedByInspectionId])).toEqual([
        ['cleared', reinspections[0].id],
        ['cleared', reinspections[0].id],
        ['cleared', reinspections[0].id],
      ]);
      expect((await service.http.get(`/reports/overdue-deficiencies?landlordId=${unit.landlordId}`).set(staff).expect(200)).body.total).toBe(0);
    });

    it('does nothing at the deadline when a passed re-inspection has cleared the deficiency first', async () => {
      // A low-severity deadline (10 minutes here) cannot pass while the re-inspection is recorded,
      // however slow the machine; the test then brings the deadline forward itself.
      const { inspection, unit } = await completed((codes) => checklistAnswers(codes).failing('kitchen_food_preparation', 'low', 'No connection for a cooker').build());
      const deadline = await eventually(async () => {
        const job = await queue().getJob(`repair-deadline:${inspection.id}:low`);
        expect(await job?.getState()).toBe('delayed');
        return job!;
      });
      const { body: reinspection } = await service.http.post(`/inspections/${inspection.id}/reinspection`).set(staff).send({ note: 'Landlord reports the cooker point installed' }).expect(201);
      expect(reinspection).toMatchObject({ type: 'periodic', reinspectionOf: inspection.id, trigger: 'staff', requestNote: 'Landlord reports the cooker point installed' });
      const again = await service.http.post(`/inspections/${inspection.id}/reinspection`).set(staff).send({}).expect(409);
      expect(again.body).toMatchObject({ code: 'INSPECTION.ALREADY_OPEN', inspectionId: reinspection.id });
      await service.http.post(`/inspections/${reinspection.id}/schedule`).set(staff).send({ inspectorId: 'inspector-x', scheduledAt: at('11:00:00') }).expect(200);
      await answer(reinspection.id, checklistAnswers(itemCodes).build());
      await service.http.post(`/inspections/${reinspection.id}/complete`).set(staff).send({}).expect(200);

      await deadline.promote(); // the deadline is reached now
      await eventually(async () => {
        const [row] = await queryDatabase(service.database, 'SELECT resolution, deadline_handled_at, deadline_missed FROM deficiencies WHERE inspection_id = $1', [inspection.id]);
        expect(row).toMatchObject({ resolution: 'cleared', deadline_handled_at: expect.any(Date), deadline_missed: false });
      }, 30_000);
      await settled(service);
      expect((await readEvents(Topics.inspections, inspection.id)).map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionScheduled', 'InspectionCompleted']);
      expect(await inspectionsOf(unit.unitId, `&reinspectionOf=${inspection.id}`)).toHaveLength(1);
      const nothingLeft = await service.http.post(`/inspections/${inspection.id}/reinspection`).set(staff).send({}).expect(409);
      expect(nothingLeft.body.code).toBe('INSPECTION.NOTHING_TO_REINSPECT');
    });

    it('keeps a deadline across a restart of the service and acts on it once, even when the job is queued again', async () => {
      const { inspection } = await completed((codes) => checklistAnswers(codes).failing('smoke_alarm_each_floor', 'severe', 'No smoke alarm at all').build());
      const jobId = `repair-deadline:${inspection.id}:severe`;
      await service.app.close(); // a restart: the database and the Redis queue stay
      const waiting = new Queue(InspectionsQueue.RepairDeadlines, { prefix: env.BULLMQ_PREFIX, connection: { url: env.REDIS_URL } });
      expect(await waiting.getJobState(jobId)).toBe('delayed');
      await waiting.close();

      // Under a new consumer group: the test broker keeps the old member in its group until the
      // session times out (30 s). Events already applied are applied again, without effect.
      service = await start({ KAFKA_CONSUMER_GROUP: `${env.KAFKA_CONSUMER_GROUP}-restarted` });

      await eventually(async () => {
        const missed = (await readEvents(Topics.inspections, inspection.id)).filter((e) => e.type === 'RepairDeadlineMissed');
        expect(missed).toHaveLength(1);
      }, 30_000);
      await queue().add('repair-deadline', { inspectionId: inspection.id, severity: 'severe' }, { jobId, removeOnComplete: true });
      await eventually(async () => expect(await queue().getJob(jobId)).toBeUndefined());
      await settled(service);
      const events = await readEvents(Topics.inspections, inspection.id);
      expect(events.filter((e) => e.type === 'RepairDeadlineMissed')).toHaveLength(1);
      const reinspections = await queryDatabase(service.database, 'SELECT id FROM inspections WHERE reinspection_of = $1', [inspection.id]);
      expect(reinspections).toHaveLength(1);
    });

    it('lets a failed re-inspection take over the open deficiencies with deadlines of its own', async () => {
      const { inspection, unit } = await completed((codes) => checklistAnswers(codes).failing('fixed_heating_adequate', 'low', 'Bedroom radiator cold').build());
      const { body: reinspection } = await service.http.post(`/inspections/${inspection.id}/reinspection`).set(staff).send({}).expect(201);
      await service.http.post(`/inspections/${reinspection.id}/schedule`).set(staff).send({ inspectorId: 'inspector-y', scheduledAt: at('13:00:00') }).expect(200);
      await answer(reinspection.id, checklistAnswers(itemCodes).failing('fixed_heating_adequate', 'low', 'Still cold').build());

      await service.http.post(`/inspections/${reinspection.id}/complete`).set(staff).send({}).expect(200);

      const { body } = await service.http.get(`/deficiencies?unitId=${unit.unitId}`).set(staff).expect(200);
      expect(body.items.map((d: { inspectionId: string; status: string }) => [d.inspectionId, d.status])).toEqual([
        [reinspection.id, 'open'],
        [inspection.id, 'superseded'],
      ]);
      const [found, earlier] = body.items as { deadlineAt: string; note: string }[];
      expect(found.note).toBe('Still cold');
      expect(Date.parse(found.deadlineAt)).toBeGreaterThan(Date.parse(earlier.deadlineAt));
    });
  });

  describe('reports', () => {
    it('counts open deficiencies by severity and by age', async () => {
      const before = (await service.http.get('/reports/open-deficiencies').set(staff).expect(200)).body;
      const { inspection } = await completed((codes) =>
        checklistAnswers(codes).failing('daylight_in_habitable_rooms', 'low', 'Box room without window').failing('kitchen_bathroom_extraction', 'low', 'No extractor').build(),
      );
      await queryDatabase(service.database, "UPDATE deficiencies SET found_at = now() - interval '45 days' WHERE inspection_id = $1 AND item_code = 'kitchen_bathroom_extraction'", [
        inspection.id,
      ]);

      const { body: after } = await service.http.get('/reports/open-deficiencies').set(staff).expect(200);

      type Report = { bySeverity: { severity: string; open: number; byAgeInDays: Record<string, number> }[] };
      const low = (report: Report) => report.bySeverity.find((s) => s.severity === 'low')!;
      expect(after.open - before.open).toBe(2);
      expect(low(after).open - low(before).open).toBe(2);
      expect(low(after).byAgeInDays['0-7'] - low(before).byAgeInDays['0-7']).toBe(1);
      expect(low(after).byAgeInDays['31-90'] - low(before).byAgeInDays['31-90']).toBe(1);
      expect(after.bySeverity.map((s: { severity: string }) => s.severity)).toEqual(['life_threatening', 'severe', 'moderate', 'low']);
      await service.http.get('/reports/open-deficiencies').set(bearer('landlord')).expect(403);
      await service.http.get('/reports/overdue-deficiencies').set(bearer('inspector')).expect(403);
    });
  });

  describe('access', () => {
    it('shows a landlord the inspections and deficiencies of their own flats only, read-only', async () => {
      const unit = await knownUnit();
      const { body: inspection } = await service.http
        .post('/inspections')
        .set(staff)
        .send({ unitId: unit.unitId, type: 'complaint', note: 'Tenant (pregnant) reports mould in the bedroom' })
        .expect(201);
      await service.http.post(`/inspections/${inspection.id}/schedule`).set(staff).send({ inspectorId: 'inspector-z', scheduledAt: at('14:00:00') }).expect(200);
      await service.http.post(`/inspections/${inspection.id}/no-access`).set(staff).send({ note: 'Tenant in hospital this week' }).expect(200);
      await service.http.post(`/inspections/${inspection.id}/schedule`).set(staff).send({ inspectorId: 'inspector-z', scheduledAt: at('15:00:00') }).expect(200);
      await answer(inspection.id, checklistAnswers(itemCodes).failing('no_mould_growth', 'moderate', 'Mould behind the wardrobe').build());
      await service.http.post(`/inspections/${inspection.id}/complete`).set(staff).send({}).expect(200);
      const owner = bearer('landlord', { landlordId: unit.landlordId });
      const stranger = bearer('landlord');

      const { body: seen } = await service.http.get(`/inspections/${inspection.id}`).set(owner).expect(200);
      expect(seen).toMatchObject({ outcome: 'failed', requestNote: null, deficiencies: [expect.objectContaining({ note: 'Mould behind the wardrobe' })] });
      expect(seen.history.map((h: { note: string | null }) => h.note)).toEqual([null, null, null, null, null]);
      expect((await service.http.get(`/inspections/${inspection.id}`).set(staff).expect(200)).body.requestNote).toMatch(/pregnant/);
      expect((await service.http.get('/inspections').set(owner).expect(200)).body.items.map((i: Inspection) => i.id)).toEqual([inspection.id]);
      expect((await service.http.get('/deficiencies').set(owner).expect(200)).body.total).toBe(1);
      const hidden = await service.http.get(`/inspections/${inspection.id}`).set(stranger).expect(404);
      expect(hidden.body.code).toBe('INSPECTION.NOT_FOUND');
      expect((await service.http.get(`/inspections?unitId=${unit.unitId}`).set(stranger).expect(200)).body.total).toBe(0);
      expect((await service.http.get(`/deficiencies?landlordId=${unit.landlordId}`).set(stranger).expect(200)).body.total).toBe(0);
      await service.http.post(`/inspections/${inspection.id}/reinspection`).set(owner).send({}).expect(403);
      await service.http.put(`/inspections/${inspection.id}/items/no_mould_growth`).set(owner).send({ result: 'pass' }).expect(403);
      await service.http.post('/inspections').set(owner).send({ unitId: unit.unitId, type: 'complaint' }).expect(403);
    });

    it('lets an inspector see and record only the inspections assigned to them', async () => {
      const { inspection, inspector } = await scheduled();
      const other = anInspector();

      await service.http.get(`/inspections/${inspection.id}`).set(inspector.token).expect(200);
      expect((await service.http.get('/inspections').set(inspector.token).expect(200)).body.items.map((i: Inspection) => i.id)).toEqual([inspection.id]);
      await service.http.get(`/inspections/${inspection.id}`).set(other.token).expect(404);
      await service.http.put(`/inspections/${inspection.id}/items/no_infestation`).set(other.token).send({ result: 'pass' }).expect(404);
      await service.http.post(`/inspections/${inspection.id}/complete`).set(other.token).send({}).expect(404);
      await service.http.post(`/inspections/${inspection.id}/no-access`).set(other.token).send({ note: 'x' }).expect(404);
      expect((await service.http.get('/inspections').set(other.token).expect(200)).body.total).toBe(0);
      await service.http.post(`/inspections/${inspection.id}/cancel`).set(inspector.token).send({ reason: 'x' }).expect(403);
      await service.http.post(`/inspections/${inspection.id}/reschedule`).set(inspector.token).send({ scheduledAt: at('16:00:00') }).expect(403);
      await service.http.post('/inspections').set(inspector.token).send({ unitId: randomUUID(), type: 'periodic' }).expect(403);
    });

    it.each(['caseworker', 'board_member'] as const)('refuses every inspection endpoint to a %s (403)', async (role) => {
      const id = randomUUID();
      const token = bearer(role);
      await service.http.get('/inspections').set(token).expect(403);
      await service.http.get(`/inspections/${id}`).set(token).expect(403);
      await service.http.post('/inspections').set(token).send({ unitId: id, type: 'periodic' }).expect(403);
      await service.http.put(`/inspections/${id}/items/no_infestation`).set(token).send({ result: 'pass' }).expect(403);
      await service.http.get(`/agenda?date=${DAY}`).set(token).expect(403);
      await service.http.get('/deficiencies').set(token).expect(403);
      await service.http.get('/checklist').expect(401);
    });
  });

  describe('state machine and concurrency', () => {
    it('answers invalid transitions with 409 and a code', async () => {
      const { inspection } = await scheduled();
      await service.http.post(`/inspections/${inspection.id}/cancel`).set(staff).send({ reason: 'Tenant in hospital; rebook later' }).expect(200);
      const code = async (request: Promise<{ body: { code: string } }>) => (await request).body.code;

      expect(await code(service.http.post(`/inspections/${inspection.id}/complete`).set(staff).send({}).expect(409))).toBe('INSPECTION.CANCELLED');
      expect(await code(service.http.put(`/inspections/${inspection.id}/items/no_infestation`).set(staff).send({ result: 'pass' }).expect(409))).toBe('INSPECTION.CANCELLED');
      expect(await code(service.http.post(`/inspections/${inspection.id}/cancel`).set(staff).send({ reason: 'again' }).expect(409))).toBe('INSPECTION.CANCELLED');

      const unit = await knownUnit();
      const requested = await request(unit.unitId, 'move_in');
      expect(await code(service.http.post('/inspections').set(staff).send({ unitId: unit.unitId, type: 'move_in' }).expect(409))).toBe('INSPECTION.ALREADY_OPEN');
      expect(await code(service.http.post(`/inspections/${requested.id}/complete`).set(staff).send({}).expect(409))).toBe('INSPECTION.NOT_SCHEDULED');
      expect(await code(service.http.put(`/inspections/${requested.id}/items/no_infestation`).set(staff).send({ result: 'pass' }).expect(409))).toBe('INSPECTION.NOT_SCHEDULED');
      expect(await code(service.http.post(`/inspections/${requested.id}/no-access`).set(staff).send({ note: 'x' }).expect(409))).toBe('INSPECTION.NOT_SCHEDULED');
      await service.http.post(`/inspections/${requested.id}/schedule`).set(staff).send({ inspectorId: 'i-1', scheduledAt: at('09:00:00') }).expect(200);
      expect(await code(service.http.post(`/inspections/${requested.id}/schedule`).set(staff).send({ inspectorId: 'i-2', scheduledAt: at('09:00:00') }).expect(409))).toBe('INSPECTION.ALREADY_SCHEDULED');

      const { inspection: passed } = await completed((codes) => checklistAnswers(codes).build());
      expect(await code(service.http.post(`/inspections/${passed.id}/cancel`).set(staff).send({ reason: 'x' }).expect(409))).toBe('INSPECTION.ALREADY_COMPLETED');
      expect(await code(service.http.post(`/inspections/${passed.id}/reinspection`).set(staff).send({}).expect(409))).toBe('INSPECTION.NOTHING_TO_REINSPECT');
      expect(await code(service.http.post('/inspections').set(staff).send({ unitId: randomUUID(), type: 'periodic' }).expect(409))).toBe('INSPECTION.UNIT_UNKNOWN');
      expect(await code(service.http.put(`/inspections/${requested.id}/items/swimming_pool`).set(staff).send({ result: 'pass' }).expect(404))).toBe('CHECKLIST.ITEM_NOT_FOUND');
      expect(await code(service.http.get(`/inspections/${randomUUID()}`).set(staff).expect(404))).toBe('INSPECTION.NOT_FOUND');
    });

    it('refuses a change made from a stale version (409 CONCURRENCY.STALE)', async () => {
      const { inspection } = await scheduled(); // version 2

      const response = await service.http.post(`/inspections/${inspection.id}/cancel`).set(staff).send({ reason: 'duplicate', expectedVersion: 1 }).expect(409);

      expect(response.body.code).toBe('CONCURRENCY.STALE');
    });
  });

  describe('bad input writes nothing and publishes nothing', () => {
    let unitId: string;
    let inspection: Inspection;

    beforeAll(async () => {
      const made = await scheduled();
      unitId = made.unit.unitId;
      inspection = made.inspection;
      await waitForEvents(Topics.inspections, inspection.id, ['InspectionRequested', 'InspectionScheduled']);
    });

    it.each([
      ['missing fields', { unitId: undefined }, ['unitId', 'type']],
      ['an unknown type', { type: 'annual' }, ['type']],
      ['a malformed unit id and an unknown field', { unitId: 'unit-1', type: 'periodic', urgent: true }, ['unitId', 'urgent']],
      ['an empty note', { type: 'complaint', note: '   ' }, ['note']],
    ])('POST /inspections with %s → 400 naming the fields', async (_case, body, fields) => {
      const before = await snapshot(unitId);

      const response = await service.http.post('/inspections').set(staff).send(Object.assign({ unitId }, body)).expect(400);

      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await snapshot(unitId)).toEqual(before);
    });

    it.each([
      ['a failure without severity or note', { result: 'fail' }, ['severity', 'note']],
      ['a severity on a pass', { result: 'pass', severity: 'low' }, ['severity']],
      ['an unknown result and severity', { result: 'maybe', severity: 'annoying' }, ['result', 'severity']],
      ['photos that are not a list of references', { result: 'pass', photos: 'photo.jpg' }, ['photos']],
      ['a photo that was never uploaded', { result: 'pass', photos: ['0b0e7d4c-3a8e-4f3c-9d59-2f1f6f3f1a11'] }, ['photos.0']],
      ['an unknown field', { result: 'pass', inspector: 'me' }, ['inspector']],
    ])('PUT a checklist item with %s → 400, nothing recorded', async (_case, body, fields) => {
      const before = await snapshot(unitId);

      const response = await service.http.put(`/inspections/${inspection.id}/items/no_mould_growth`).set(staff).send(body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(fields));
      expect(await snapshot(unitId)).toEqual(before);
    });

    it.each([
      ['/reschedule', {}, '(root)'],
      ['/reschedule', { scheduledAt: '12/06/2031 10:00' }, 'scheduledAt'],
      ['/reschedule', { scheduledAt: '2020-01-01T10:00:00Z' }, 'scheduledAt'],
      ['/cancel', {}, 'reason'],
      ['/no-access', { note: '' }, 'note'],
      ['/complete', { expectedVersion: 'two' }, 'expectedVersion'],
    ])('POST %s with %j → 400, inspection unchanged', async (path, body, field) => {
      const before = await snapshot(unitId);

      const response = await service.http.post(`/inspections/${inspection.id}${path}`).set(staff).send(body).expect(400);

      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await snapshot(unitId)).toEqual(before);
    });

    it('published nothing for any of the refused requests (the outbox count above already says so)', async () => {
      await settled(service);
      expect((await readEvents(Topics.inspections, inspection.id)).map((e) => e.type)).toEqual(['InspectionRequested', 'InspectionScheduled']);
    });
  });

  it('serves OpenAPI and health', async () => {
    const docs = await service.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/inspections', '/inspections/{inspectionId}/items/{itemCode}', '/agenda', '/reports/overdue-deficiencies', '/reports/open-deficiencies']),
    );
    const health = await service.http.get('/health').expect(200);
    expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, kafka: { status: 'up' } });
  });
});
