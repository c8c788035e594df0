import { Topics } from '@hearth/contracts';
import { aUnit, bearer, eventually, InspectionEventStream, LandlordEventStream, queryDatabase, startTestApp, TestApp, testEnv, TestProducer } from '@hearth/testing';
import { loadUnitsConfig } from '../src/config';
import { UnitsModule } from '../src/units.module';

export const staff = bearer('sra_staff');

/** The units service in-process, over a throw-away database, its consumer retrying fast. */
export function startUnits(env: NodeJS.ProcessEnv = testEnv('units')): Promise<TestApp> {
  return startTestApp(UnitsModule.forRoot(loadUnitsConfig(env), { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), env.DATABASE_NAME!);
}

/** Publishes a landlord who is registered, verified and has a signed agreement, and waits until the units service has applied all three. */
export async function heardActiveLandlord(service: TestApp, producer: TestProducer): Promise<string> {
  const landlord = new LandlordEventStream();
  for (const event of [landlord.registered(), landlord.verified(), landlord.agreementSigned()]) {
    await producer.send(Topics.landlords, landlord.landlordId, event);
  }
  await eventually(async () => {
    const [row] = await queryDatabase(service.database, 'SELECT landlord_version FROM known_landlords WHERE id = $1', [landlord.landlordId]);
    expect(row).toEqual({ landlord_version: 3 });
  }, 30_000);
  return landlord.landlordId;
}

/** A unit's status as staff read it. */
export async function statusOf(service: TestApp, unitId: string): Promise<string> {
  return (await service.http.get(`/units/${unitId}`).set(staff).expect(200)).body.status;
}

/** A flat drafted, submitted and heard passing its initial inspection: available. */
export async function availableUnit(service: TestApp, producer: TestProducer, landlordId: string): Promise<string> {
  const { body: unit } = await service.http.post('/units').set(staff).send(aUnit().forLandlord(landlordId).build()).expect(201);
  await service.http.post(`/units/${unit.id}/submit`).set(staff).send({}).expect(200);
  const passed = new InspectionEventStream({ unitId: unit.id, landlordId }, 'initial').passed();
  await producer.send(Topics.inspections, passed.aggregateId, passed);
  await eventually(async () => expect(await statusOf(service, unit.id)).toBe('available'), 30_000);
  return unit.id;
}
