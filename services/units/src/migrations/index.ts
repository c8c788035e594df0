import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateUnits1763800000200 } from './1763800000200-create-units';
import { AddReservedOffer1763800000300 } from './1763800000300-add-reserved-offer';
import { AddPendingReason1763800000400 } from './1763800000400-add-pending-reason';
import { NormalizeCodes1764200000100 } from './1764200000100-normalize-codes';

export const unitsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateUnits1763800000200, AddReservedOffer1763800000300, AddPendingReason1763800000400, NormalizeCodes1764200000100];
