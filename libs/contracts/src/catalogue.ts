import { z } from 'zod';
import { EventDefinition } from './event-definition';
import * as landlordEvents from './events/landlord.events';
import * as unitEvents from './events/unit.events';
import * as applicantEvents from './events/applicant.events';
import * as inspectionEvents from './events/inspection.events';
import * as matchingEvents from './events/matching.events';
import * as leaseEvents from './events/lease.events';
import * as mediationEvents from './events/mediation.events';
import * as gatewayEvents from './events/gateway.events';
import * as snapshotEvents from './events/snapshot.events';

/** Every event type Hearth publishes, keyed by `type@version`. Producers and consumers both
 *  validate payloads against it. */
const definitions: EventDefinition[] = [landlordEvents, unitEvents, inspectionEvents, applicantEvents, matchingEvents, leaseEvents, mediationEvents, gatewayEvents, snapshotEvents].flatMap((module) =>
  Object.values(module).filter(isEventDefinition),
);

function isEventDefinition(value: unknown): value is EventDefinition {
  return typeof value === 'object' && value !== null && 'type' in value && 'payload' in value && 'aggregateType' in value;
}

const byKey = new Map(definitions.map((d) => [catalogueKey(d.type, d.version), d]));
if (byKey.size !== definitions.length) throw new Error('The event catalogue declares a type@version twice');

function catalogueKey(type: string, version: number): string {
  return `${type}@${version}`;
}

export const eventCatalogue = {
  all: (): readonly EventDefinition[] => definitions,
  find: (type: string, version: number): EventDefinition | undefined => byKey.get(catalogueKey(type, version)),
  has: (type: string): boolean => definitions.some((d) => d.type === type),
};

export class PayloadValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly issues: string[],
  ) {
    super(`Invalid ${eventType} payload: ${issues.join('; ')}`);
  }
}

/** Validates a payload against the catalogue; unknown type/version is itself an error. */
export function validatePayload(type: string, version: number, payload: unknown): unknown {
  const definition = eventCatalogue.find(type, version);
  if (!definition) throw new PayloadValidationError(type, [`unknown event type ${type} version ${version}`]);
  const result = definition.payload.safeParse(payload);
  if (!result.success) throw new PayloadValidationError(type, result.error.issues.map(formatIssue));
  return result.data;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(payload)'}: ${issue.message}`;
}
