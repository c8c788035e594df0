import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { householdReferenceSchema, householdStatusSchema, matchingAttributesSchema } from './applicant.events';
import { agreementSchemeSchema, preferredLanguageSchema } from './landlord.events';
import { unitAttributesSchema, unitStatusSchema } from './unit.events';

/*
 * Snapshot events: the whole current state of one aggregate, at its current version, published on
 * the owner's topic when an operator rebuilds read models (`npm run rebuild-read-models`). Topics do
 * not keep every event forever; a consumer that lost or reset a read model rebuilds it from these.
 * A consumer applies a snapshot like any other event: a read model already at that version ignores
 * it. Snapshots carry what the other events carry, never more (no personal data).
 */

export const LandlordSnapshot = defineEvent({
  type: 'LandlordSnapshot',
  source: 'landlords',
  aggregateType: 'Landlord',
  payload: z.object({
    landlordId: z.uuid(),
    status: z.enum(['prospect', 'active', 'suspended', 'offboarded']),
    preferredLanguage: preferredLanguageSchema,
    signedAgreements: z
      .array(
        z.object({
          agreementId: z.uuid().describe('A signed agreement of the landlord.'),
          scheme: agreementSchemeSchema.describe('Its scheme: head lease, management mandate or direct let.'),
          startDate: z.iso.date().describe('First day the agreement applies.'),
          endDate: z.iso.date().describe('Last day the agreement applies.'),
          guaranteedMonthlyRent: z.number().nonnegative().describe('Rent the agency guarantees the owner each month, in euros with at most two decimals.'),
        }),
      )
      .describe('The landlord’s agreements in force (signed, not ended).'),
  }),
});

export const UnitSnapshot = defineEvent({
  type: 'UnitSnapshot',
  source: 'units',
  aggregateType: 'Unit',
  payload: unitAttributesSchema.extend({ status: unitStatusSchema }),
});

/** A household's matching attributes (those that have them: assessed with needs recorded), or its
 *  status alone. */
export const HouseholdSnapshot = defineEvent({
  type: 'HouseholdSnapshot',
  source: 'applicants',
  aggregateType: 'Household',
  payload: z.union([
    matchingAttributesSchema,
    z.object({ householdId: z.uuid(), reference: householdReferenceSchema, status: householdStatusSchema }).strict(),
  ]),
});
