import { CreateMessagingTables1763800000000 } from '@hearth/messaging';
import { CreateUnits1763800000200 } from './1763800000200-create-units';

export const unitsMigrations = [CreateMessagingTables1763800000000, CreateUnits1763800000200];
