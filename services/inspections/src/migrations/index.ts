import { CreateMessagingTables1763800000000 } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateInspections1763800000300 } from './1763800000300-create-inspections';

export const inspectionsMigrations = [CreateMessagingTables1763800000000, CreateIdempotencyKeys1763800000050, CreateInspections1763800000300];
