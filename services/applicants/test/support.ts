import { Topics } from '@hearth/contracts';
import {
  aConsent,
  aHouseholdRegistration,
  anAssessment,
  AssessmentBuilder,
  bearer,
  HouseholdRegistrationBuilder,
  NeedsBuilder,
  queryDatabase,
  readEvents,
  someNeeds,
  startTestApp,
  TestApp,
  testEnv,
} from '@hearth/testing';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { ApplicantsModule } from '../src/applicants.module';
import { loadApplicantsConfig } from '../src/config';

export const staff = bearer('sra_staff');

/** The applicants service in-process, over a throw-away database, with its log lines captured. */
export async function startApplicants(extraEnv: Record<string, string> = {}): Promise<{ service: TestApp; logs: string[] }> {
  const env = testEnv('applicants', { APPLICANTS_DATA_KEY: randomBytes(32).toString('base64'), ...extraEnv });
  const logs: string[] = [];
  const logDestination: DestinationStream = { write: (line: string) => void logs.push(line) };
  const service = await startTestApp(ApplicantsModule.forRoot(loadApplicantsConfig(env), { logDestination }), env.DATABASE_NAME!);
  return { service, logs };
}

export interface Steps {
  registration?: HouseholdRegistrationBuilder;
  needs?: NeedsBuilder;
  assessment?: AssessmentBuilder;
  as?: { Authorization: string };
}

/** Drives a household through the API: registered → consented → needs → assessed → waitlisted. */
export class HouseholdJourney {
  constructor(private readonly service: TestApp) {}

  async registered({ registration = aHouseholdRegistration(), as = staff }: Steps = {}): Promise<{ id: string; reference: string }> {
    const { body } = await this.service.http.post('/households').set(as).send(registration.build()).expect(201);
    return { id: body.id, reference: body.reference };
  }

  async assessed(steps: Steps = {}): Promise<{ id: string; reference: string }> {
    const household = await this.registered(steps);
    const as = steps.as ?? staff;
    await this.service.http.post(`/households/${household.id}/consent`).set(as).send(aConsent().build()).expect(200);
    await this.service.http.put(`/households/${household.id}/needs`).set(as).send((steps.needs ?? someNeeds()).build()).expect(200);
    await this.service.http.post(`/households/${household.id}/assessments`).set(as).send((steps.assessment ?? anAssessment()).build()).expect(201);
    return household;
  }

  async waitlisted(steps: Steps = {}): Promise<{ id: string; reference: string }> {
    const household = await this.assessed(steps);
    await this.service.http.post(`/households/${household.id}/waitlist`).set(staff).send({}).expect(200);
    return household;
  }
}

export async function applicantEvents(aggregateId?: string) {
  return readEvents(Topics.applicants, aggregateId);
}

/** Row counts and version sums: unchanged after a refused request. */
export async function databaseSnapshot(database: string): Promise<Record<string, string>> {
  const [row] = await queryDatabase<Record<string, string>>(
    database,
    `SELECT (SELECT count(*) FROM households) AS households, (SELECT coalesce(sum(version), 0) FROM households) AS versions,
            (SELECT count(*) FROM consents) AS consents, (SELECT count(*) FROM assessments) AS assessments,
            (SELECT count(*) FROM board_decisions) AS decisions, (SELECT count(*) FROM priority_policies) AS policies,
            (SELECT count(*) FROM access_log) AS access_log, (SELECT count(*) FROM outbox) AS outbox`,
  );
  return row;
}
