import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateMatching1763800000500 } from './1763800000500-create-matching';
import { AddCaseworker1763800000600 } from './1763800000600-add-caseworker';
import { WaitlistChangesIndex1763800000700 } from './1763800000700-waitlist-changes-index';
import { AllocationRunFrontier1763800000800 } from './1763800000800-allocation-run-frontier';
import { NormalizeCodes1764200000100 } from './1764200000100-normalize-codes';
import { MoneyAsExactDecimals1764600000200 } from './1764600000200-money-as-exact-decimals';

export const matchingMigrations = [
  ...messagingMigrations,
  ...idempotencyMigrations,
  CreateMatching1763800000500,
  AddCaseworker1763800000600,
  WaitlistChangesIndex1763800000700,
  AllocationRunFrontier1763800000800,
  NormalizeCodes1764200000100,
  MoneyAsExactDecimals1764600000200,
];
