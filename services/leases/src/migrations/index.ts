import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateLeases1764500000000 } from './1764500000000-create-leases';
import { BankImport1764500000100 } from './1764500000100-bank-import';
import { PaymentPlans1764500000200 } from './1764500000200-payment-plans';
import { PendingOffers1764500000300 } from './1764500000300-pending-offers';
import { LedgerCredits1764500000400 } from './1764500000400-ledger-credits';
import { GuaranteeClaims1764500000500 } from './1764500000500-guarantee-claims';
import { RentIndexation1764500000600 } from './1764500000600-rent-indexation';
import { RenewalReminders1764500000700 } from './1764500000700-renewal-reminders';
import { LedgerPerformance1764500000800 } from './1764500000800-ledger-performance';
import { RenovationLoans1764500000900 } from './1764500000900-renovation-loans';
import { Caseloads1764500000910 } from './1764500000910-caseloads';
import { ClaimShares1764500000920 } from './1764500000920-claim-shares';
import { DocumentLanguages1764500000930 } from './1764500000930-document-languages';

export const leasesMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateLeases1764500000000, BankImport1764500000100, PaymentPlans1764500000200, PendingOffers1764500000300, LedgerCredits1764500000400, GuaranteeClaims1764500000500, RentIndexation1764500000600, RenewalReminders1764500000700, LedgerPerformance1764500000800, RenovationLoans1764500000900, Caseloads1764500000910, ClaimShares1764500000920, DocumentLanguages1764500000930];
