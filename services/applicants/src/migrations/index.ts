import { messagingMigrations } from '@hearth/messaging';
import { idempotencyMigrations } from '@hearth/persistence';
import { CreateApplicants1763800000400 } from './1763800000400-create-applicants';
import { AddCurrentOffer1763800000500 } from './1763800000500-add-current-offer';
import { AccessLogScoreBreakdown1763800000600 } from './1763800000600-access-log-score-breakdown';
import { NormalizeCodes1764200000100 } from './1764200000100-normalize-codes';

export const applicantsMigrations = [...messagingMigrations, ...idempotencyMigrations, CreateApplicants1763800000400, AddCurrentOffer1763800000500, AccessLogScoreBreakdown1763800000600, NormalizeCodes1764200000100];
