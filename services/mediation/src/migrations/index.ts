import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateMediation1764500000700 } from './1764500000700-create-mediation';
import { CreateMediations1764500000800 } from './1764500000800-create-mediations';
import { ComplaintDueDays1764500000900 } from './1764500000900-complaint-due-days';

export const mediationMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateMediation1764500000700, CreateMediations1764500000800, ComplaintDueDays1764500000900];
