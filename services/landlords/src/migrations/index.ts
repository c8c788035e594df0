import { messagingMigrations } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';
import { LandlordDetailsAfterSignUp1763900000200 } from './1763900000200-landlord-details-after-sign-up';

export const landlordsMigrations = [...messagingMigrations, CreateIdempotencyKeys1763800000050, CreateLandlords1763800000100, LandlordDetailsAfterSignUp1763900000200];
