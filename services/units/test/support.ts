import { Topics } from '@hearth/contracts';
import { bearer, eventually, LandlordEventStream, queryDatabase, startTestApp, TestApp, testEnv, TestProducer } from '@hearth/testing';
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
