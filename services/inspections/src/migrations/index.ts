import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateInspections1763800000300 } from './1763800000300-create-inspections';
import { NormalizeCodes1764200000100 } from './1764200000100-normalize-codes';
import { MoveOutRequests1764600000100 } from './1764600000100-move-out-requests';
import { Photos1764900000100 } from './1764900000100-photos';

export const inspectionsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateInspections1763800000300, NormalizeCodes1764200000100, MoveOutRequests1764600000100, Photos1764900000100];
