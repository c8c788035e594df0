import { messagingMigrations } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';

export const landlordsMigrations = [...messagingMigrations, CreateIdempotencyKeys1763800000050, CreateLandlords1763800000100];
