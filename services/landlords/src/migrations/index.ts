import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';
import { LandlordDetailsAfterSignUp1763900000200 } from './1763900000200-landlord-details-after-sign-up';

export const landlordsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateLandlords1763800000100, LandlordDetailsAfterSignUp1763900000200];
