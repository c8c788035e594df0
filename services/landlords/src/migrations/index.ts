import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';

export const landlordsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateLandlords1763800000100];
