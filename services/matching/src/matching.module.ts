import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AllocationRunRepository } from './allocation-runs/allocation-run.repository';
import { DecideRunController } from './allocation-runs/commands/decide-run/decide-run.controller';
import { DecideRunHandler } from './allocation-runs/commands/decide-run/decide-run.handler';
import { AllocationRunJob, AllocationRunJobs } from './allocation-runs/commands/execute-run/allocation-run.job';
import { ExecuteRunHandler } from './allocation-runs/commands/execute-run/execute-run.handler';
import { StartRunController } from './allocation-runs/commands/start-run/start-run.controller';
import { StartRunHandler } from './allocation-runs/commands/start-run/start-run.handler';
import { VerifyRunController } from './allocation-runs/commands/verify-run/verify-run.controller';
import { VerifyRunHandler } from './allocation-runs/commands/verify-run/verify-run.handler';
import { AllocationRun } from './allocation-runs/domain/allocation-run.entity';
import { AllocationRunCensus } from './allocation-runs/domain/allocation-run-census.entity';
import { GetCensusController, GetCensusHandler } from './allocation-runs/queries/get-census/get-census.query';
import { GetRunController, GetRunHandler } from './allocation-runs/queries/get-run/get-run.query';
import { ListRunsController, ListRunsHandler } from './allocation-runs/queries/list-runs/list-runs.query';
import { RunOffers } from './allocation-runs/run-offers';
import { MatchingConfig } from './config';
import { CandidatePool } from './household-pool/candidate-pool';
import { ApplicantEventsConsumer } from './household-pool/events/applicant-events.consumer';
import { RecordHouseholdChangeHandler } from './household-pool/events/record-household-change.handler';
import { HouseholdPool } from './household-pool/household-pool.repository';
import { WaitlistedHousehold } from './household-pool/waitlisted-household.entity';
import { MatchingQueue } from './matching.queues';
import { MatchingSettings } from './matching-settings';
import { matchingMigrations } from './migrations';
import { AnswerOfferController } from './offers/commands/answer-offer/answer-offer.controller';
import { AnswerOfferHandler } from './offers/commands/answer-offer/answer-offer.handler';
import { ExpireOfferHandler } from './offers/commands/expire-offer/expire-offer.handler';
import { OfferExpiryJob, OfferExpiryJobs } from './offers/commands/expire-offer/offer-expiry.job';
import { MakeOfferController } from './offers/commands/make-offer/make-offer.controller';
import { MakeOfferHandler } from './offers/commands/make-offer/make-offer.handler';
import { ProposeOfferController } from './offers/commands/propose-offer/propose-offer.controller';
import { ProposeOfferHandler } from './offers/commands/propose-offer/propose-offer.handler';
import { WithdrawOfferController } from './offers/commands/withdraw-offer/withdraw-offer.controller';
import { WithdrawOfferHandler } from './offers/commands/withdraw-offer/withdraw-offer.handler';
import { Offer } from './offers/domain/offer.entity';
import { NextOnShortlist } from './offers/next-on-shortlist';
import { OfferProposer } from './offers/offer-proposer';
import { OfferWithdrawals } from './offers/offer-withdrawals';
import { OfferRepository } from './offers/offer.repository';
import { GetOfferController, GetOfferHandler } from './offers/queries/get-offer/get-offer.query';
import { ListOffersController, ListOffersHandler } from './offers/queries/list-offers/list-offers.query';
import { ComputeShortlistHandler } from './shortlists/commands/compute-shortlist/compute-shortlist.handler';
import { ShortlistJob, ShortlistJobs } from './shortlists/commands/compute-shortlist/shortlist.job';
import { Shortlist } from './shortlists/domain/shortlist.entity';
import { GetShortlistController, GetShortlistHandler } from './shortlists/queries/get-shortlist/get-shortlist.query';
import { WhyNotController, WhyNotHandler } from './shortlists/queries/why-not/why-not.query';
import { Shortlister } from './shortlists/shortlister';
import { AvailableUnit } from './unit-pool/available-unit.entity';
import { RecordUnitChangeHandler } from './unit-pool/events/record-unit-change.handler';
import { UnitEventsConsumer } from './unit-pool/events/unit-events.consumer';
import { GetUnitStatusController, GetUnitStatusHandler } from './unit-pool/queries/get-unit-status/get-unit-status.query';
import { ListPoolUnitsController, ListPoolUnitsHandler } from './unit-pool/queries/list-units/list-units.query';
import { UnitPool } from './unit-pool/unit-pool.repository';
import { HouseholdPoolReadModel, UnitPoolReadModel } from './read-models/pool-read-models';

export interface MatchingModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

@Module({})
export class MatchingModule {
  static forRoot(config: MatchingConfig, options: MatchingModuleOptions = {}): DynamicModule {
    return {
      module: MatchingModule,
      imports: [
        PlatformModule.forRoot({ service: 'matching', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [AvailableUnit, WaitlistedHousehold, Shortlist, Offer, AllocationRun, AllocationRunCensus],
          migrations: matchingMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
          poolSize: 12,
        }),
        MessagingModule.forRoot({
          service: 'matching',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [UnitEventsConsumer, ApplicantEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: MatchingQueue.Shortlists }, { name: MatchingQueue.OfferExpiry }, { name: MatchingQueue.AllocationRuns }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        ListPoolUnitsController,
        GetUnitStatusController,
        GetShortlistController,
        WhyNotController,
        ProposeOfferController,
        MakeOfferController,
        AnswerOfferController,
        WithdrawOfferController,
        ListOffersController,
        GetOfferController,
        StartRunController,
        DecideRunController,
        VerifyRunController,
        ListRunsController,
        GetRunController,
        GetCensusController,
      ],
      providers: [
        { provide: MatchingSettings, useValue: MatchingSettings.fromConfig(config) },
        UnitPool,
        UnitPoolReadModel,
        HouseholdPoolReadModel,
        HouseholdPool,
        CandidatePool,
        Shortlister,
        OfferRepository,
        OfferProposer,
        OfferWithdrawals,
        NextOnShortlist,
        AllocationRunRepository,
        RunOffers,
        UnitEventsConsumer,
        RecordUnitChangeHandler,
        ApplicantEventsConsumer,
        RecordHouseholdChangeHandler,
        ShortlistJobs,
        ShortlistJob,
        ComputeShortlistHandler,
        OfferExpiryJobs,
        OfferExpiryJob,
        ExpireOfferHandler,
        AllocationRunJobs,
        AllocationRunJob,
        ExecuteRunHandler,
        GetShortlistHandler,
        WhyNotHandler,
        GetUnitStatusHandler,
        ListPoolUnitsHandler,
        ProposeOfferHandler,
        MakeOfferHandler,
        AnswerOfferHandler,
        WithdrawOfferHandler,
        GetOfferHandler,
        ListOffersHandler,
        StartRunHandler,
        DecideRunHandler,
        VerifyRunHandler,
        GetRunHandler,
        ListRunsHandler,
        GetCensusHandler,
      ],
    };
  }
}
