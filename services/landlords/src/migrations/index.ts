import { CreateMessagingTables1763800000000 } from '@hearth/messaging';
import { CreateLandlords1763800000100 } from './1763800000100-create-landlords';

export const landlordsMigrations = [CreateMessagingTables1763800000000, CreateLandlords1763800000100];
