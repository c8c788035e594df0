import { CreateMessagingTables1763800000000 } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateApplicants1763800000400 } from './1763800000400-create-applicants';

export const applicantsMigrations = [CreateMessagingTables1763800000000, CreateIdempotencyKeys1763800000050, CreateApplicants1763800000400];
