import { aLandlordRegistration, anAgreement, bearer, checklistAnswers, dropDatabase, eventually, freePort, ServiceKey, ServiceProcess, testEnv } from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Services started as separate processes, each with its own throw-away database. */
export class Platform {
  readonly processes = new Map<ServiceKey, ServiceProcess>();
  readonly databases = new Map<ServiceKey, string>();
  private readonly envs = new Map<ServiceKey, NodeJS.ProcessEnv>();
  readonly logDirectory = join(tmpdir(), `hearth-e2e-${randomBytes(3).toString('hex')}`);

  /** `extraEnv` adds variables for some services, e.g. short repair deadlines for inspections. */
  async start(names: ServiceKey[], extraEnv: Partial<Record<ServiceKey, Record<string, string>>> = {}): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const env = testEnv(name, {
          PORT: String(await freePort()),
          BANK_ACCOUNT_KEY: randomBytes(32).toString('base64'),
          APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'),
          MEDIATION_DATA_KEY: randomBytes(32).toString('base64'),
          LOG_LEVEL: 'info',
          ...extraEnv[name],
        });
        this.databases.set(name, env.DATABASE_NAME!);
        this.envs.set(name, env);
        const service = new ServiceProcess(name, env, this.logDirectory);
        this.processes.set(name, service);
        // Generous: five services compiling their sources at once on a busy two-core machine.
        await service.start(180_000);
      }),
    );
  }

  /**
   * Stops a service and starts it again on the same port, database and keys, with some variables
   * changed — e.g. a later LEASES_TODAY or MEDIATION_TODAY: the calendar moves on for it.
   */
  async restart(name: ServiceKey, changedEnv: Record<string, string>): Promise<void> {
    await this.processes.get(name)!.stop();
    const env = { ...this.envs.get(name)!, ...changedEnv };
    this.envs.set(name, env);
    const service = new ServiceProcess(name, env, this.logDirectory);
    this.processes.set(name, service);
    await service.start(180_000);
  }

  service(name: ServiceKey): ServiceProcess {
    return this.processes.get(name)!;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    await Promise.all([...this.databases.values()].map((db) => dropDatabase(db)));
  }
}

/** A small fetch-based JSON client for one service. */
export function client(baseUrl: string, headers: Record<string, string>) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
  };
}

export type Client = ReturnType<typeof client>;

/**
 * Drafts a flat and submits it for inspection, retrying each step: the units service accepts the
 * draft once LandlordVerified has reached it over Kafka, the submission once AgreementSigned has.
 */
export async function draftAndSubmit(units: Client, flat: Record<string, unknown>, timeoutMs = 30_000) {
  const unit = await eventually(async () => {
    const response = await units.post('/units', flat);
    expect(response.status).toBe(201);
    return response.body;
  }, timeoutMs);
  const submitted = await eventually(async () => {
    const response = await units.post(`/units/${unit.id}/submit`);
    expect(response.status).toBe(200);
    return response.body;
  }, timeoutMs);
  return { unit, submitted };
}

/** A verified owner with a signed agreement (the test builder's, with `agreementTerms` changed), and the flat submitted for its initial inspection. */
export async function submittedFlat(
  landlords: Client,
  units: Client,
  flat: (landlordId: string) => Record<string, unknown>,
  agreementTerms: Record<string, unknown> = {},
): Promise<{ unitId: string; landlordId: string }> {
  const { body: landlord } = await landlords.post('/landlords', aLandlordRegistration());
  await landlords.post(`/landlords/${landlord.id}/verify`);
  const { body: agreement } = await landlords.post(`/landlords/${landlord.id}/agreements`, anAgreement(agreementTerms));
  await landlords.post(`/landlords/${landlord.id}/agreements/${agreement.id}/sign`);
  const { unit } = await draftAndSubmit(units, flat(landlord.id), 60_000);
  return { unitId: unit.id, landlordId: landlord.id };
}

/** Schedules the flat's initial inspection and passes every checklist item, as its inspector. */
export function passInitialInspection(platform: Platform, inspections: Client, unitId: string, inspectorId: string): Promise<void> {
  return passInspection(platform, inspections, unitId, inspectorId, 'initial');
}

/** The unit's requested inspection of this type (opened by the unit's own events), scheduled for
 *  the inspector and completed with every checklist item in order — but the first one when
 *  `failingFirstItem` gives the severity of a deficiency found there. */
export async function passInspection(
  platform: Platform,
  inspections: Client,
  unitId: string,
  inspectorId: string,
  type: 'initial' | 'move_in' | 'move_out',
  failingFirstItem?: 'low' | 'moderate' | 'severe' | 'life_threatening',
): Promise<void> {
  const inspectionId = await eventually(async () => {
    const { body } = await inspections.get(`/inspections?unitId=${unitId}`);
    const requested = body.items.filter((item: { type: string; status: string }) => item.type === type && item.status === 'requested');
    expect(requested).toHaveLength(1);
    return requested[0].id as string;
  }, 60_000);
  await inspections.post(`/inspections/${inspectionId}/schedule`, { inspectorId, scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
  const asInspector = client(platform.service('inspections').url, bearer('inspector', { sub: inspectorId }));
  const { body: checklist } = await inspections.get('/checklist');
  const codes: string[] = checklist.areas.flatMap((area: { items: { code: string }[] }) => area.items.map((item) => item.code));
  const answers = failingFirstItem ? checklistAnswers(codes).failing(codes[0], failingFirstItem) : checklistAnswers(codes);
  for (const [code, answer] of answers.build()) expect((await asInspector.put(`/inspections/${inspectionId}/items/${code}`, answer)).status).toBe(200);
  expect((await asInspector.post(`/inspections/${inspectionId}/complete`)).status).toBe(200);
}
