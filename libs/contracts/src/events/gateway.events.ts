import { z } from 'zod';
import { defineEvent } from '../event-definition';

/**
 * Gateway events carry ids and codes only. A landlord's name, e-mail address and bank details
 * never travel: the landlord types them into the landlords service after signing in.
 */
export const LandlordSignedUp = defineEvent({
  type: 'LandlordSignedUp',
  source: 'gateway',
  aggregateType: 'User',
  payload: z.object({
    /** The landlord record to create, as a prospect; already in the user's tokens (landlordId). */
    landlordId: z.uuid(),
    /** The gateway user who signed up and confirmed their e-mail address. */
    userId: z.uuid().describe('The gateway user who signed up and confirmed their e-mail address.'),
    kind: z.enum(['individual', 'company']).describe('Whether the owner signs up as a person or as a company.'),
    preferredLanguage: z.enum(['en', 'fr', 'nl']).describe('The language the owner chose for e-mails and documents.'),
  }),
});
