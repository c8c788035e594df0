import { messagingMigrations } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateInspections1763800000300 } from './1763800000300-create-inspections';

export const inspectionsMigrations = [...messagingMigrations, CreateIdempotencyKeys1763800000050, CreateInspections1763800000300];
