import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateLeases1764500000000 } from './1764500000000-create-leases';

export const leasesMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateLeases1764500000000];
