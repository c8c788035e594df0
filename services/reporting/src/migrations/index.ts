import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateReporting1763800001000 } from './1763800001000-create-reporting';

export const reportingMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateReporting1763800001000];
