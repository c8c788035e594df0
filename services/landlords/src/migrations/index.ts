import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';
import { LandlordDetailsAfterSignUp1763900000200 } from './1763900000200-landlord-details-after-sign-up';
import { NormalizeCodes1764200000100 } from './1764200000100-normalize-codes';

export const landlordsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateLandlords1763800000100, LandlordDetailsAfterSignUp1763900000200, NormalizeCodes1764200000100];
