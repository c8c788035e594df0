import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateReporting1763800001000 } from './1763800001000-create-reporting';
import { TenanciesAndMediation1763800002000 } from './1763800002000-tenancies-and-mediation';
import { RentAndGuaranteeClaims1763800003000 } from './1763800003000-rent-and-guarantee-claims';
import { HouseholdJourneys1763800004000 } from './1763800004000-household-journeys';
import { DeparturesCapsAndIndexations1763800005000 } from './1763800005000-departures-caps-and-indexations';

export const reportingMigrations = [
  ...messagingMigrations,
  ...idempotencyMigrations,
  CreateReporting1763800001000,
  TenanciesAndMediation1763800002000,
  RentAndGuaranteeClaims1763800003000,
  HouseholdJourneys1763800004000,
  DeparturesCapsAndIndexations1763800005000,
];
