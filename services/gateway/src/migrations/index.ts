import { messagingMigrations } from '@hearth/messaging';
import { CreateIdempotencyKeys1763800000050 } from '@hearth/persistence';
import { CreateGateway1763900000100 } from './1763900000100-create-gateway';

export const gatewayMigrations = [...messagingMigrations, CreateIdempotencyKeys1763800000050, CreateGateway1763900000100];
