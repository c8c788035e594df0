import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateInspections1763800000300 } from './1763800000300-create-inspections';

export const inspectionsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateInspections1763800000300];
