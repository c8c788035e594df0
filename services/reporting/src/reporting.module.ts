import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AnnualReportController, AnnualReportHandler } from './annual-report/queries/annual-report/annual-report.query';
import { Calendar, REPORTING_TIME_ZONE } from './calendar/calendar';
import { ReportingConfig } from './config';
import { RecordFlatStepHandler } from './flats/commands/record-flat-step/record-flat-step.handler';
import { UnitEventsConsumer } from './flats/events/unit-events.consumer';
import { IndicatorAnswers } from './indicators/indicator-answers';
import { IndicatorSource, SPREAD_CAPS } from './indicators/indicator-source';
import { GetIndicatorHandler, IndicatorsController } from './indicators/queries/indicator/indicator.query';
import { RecordHouseholdStepHandler } from './journeys/commands/record-household-step/record-household-step.handler';
import { RecordOfferStepHandler } from './journeys/commands/record-offer-step/record-offer-step.handler';
import { ApplicantEventsConsumer } from './journeys/events/applicant-events.consumer';
import { MatchingEventsConsumer } from './journeys/events/matching-events.consumer';
import { RecordCaseStepHandler } from './mediation/commands/record-case-step/record-case-step.handler';
import { MediationEventsConsumer } from './mediation/events/mediation-events.consumer';
import { reportingMigrations } from './migrations';
import { ReportingQueue } from './reporting.queues';
import { RecordAllocationRunHandler } from './runs/commands/record-allocation-run/record-allocation-run.handler';
import { DailySnapshotsController } from './snapshots/commands/request-daily-snapshot/request-daily-snapshot.controller';
import { TakeDailySnapshotHandler } from './snapshots/commands/take-daily-snapshot/take-daily-snapshot.handler';
import { DailySnapshotJob } from './snapshots/daily-snapshot.job';
import { DailySnapshots, SNAPSHOTS_FROM } from './snapshots/daily-snapshots';
import { RecordMoneyStepHandler } from './rent/commands/record-money-step/record-money-step.handler';
import { RecordTenancyStepHandler } from './tenancies/commands/record-tenancy-step/record-tenancy-step.handler';
import { LeaseEventsConsumer } from './tenancies/events/lease-events.consumer';

export interface ReportingModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

/** Read models of every topic, indicators computed from them as of any day, daily snapshots. */
@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, options: ReportingModuleOptions = {}): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        PlatformModule.forRoot({ service: 'reporting', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [],
          migrations: reportingMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'reporting',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [ApplicantEventsConsumer, MatchingEventsConsumer, UnitEventsConsumer, LeaseEventsConsumer, MediationEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: ReportingQueue.DailySnapshots }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [IndicatorsController, DailySnapshotsController, AnnualReportController],
      providers: [
        { provide: REPORTING_TIME_ZONE, useValue: config.REPORTING_TIME_ZONE },
        { provide: SNAPSHOTS_FROM, useValue: config.SNAPSHOTS_FROM },
        { provide: SPREAD_CAPS, useValue: { perBuilding: config.SPREAD_CAP_PER_BUILDING, perDistrict: config.SPREAD_CAP_PER_DISTRICT } },
        Calendar,
        ApplicantEventsConsumer,
        MatchingEventsConsumer,
        UnitEventsConsumer,
        LeaseEventsConsumer,
        MediationEventsConsumer,
        RecordTenancyStepHandler,
        RecordMoneyStepHandler,
        RecordCaseStepHandler,
        RecordHouseholdStepHandler,
        RecordOfferStepHandler,
        RecordFlatStepHandler,
        RecordAllocationRunHandler,
        IndicatorSource,
        IndicatorAnswers,
        GetIndicatorHandler,
        AnnualReportHandler,
        DailySnapshots,
        DailySnapshotJob,
        TakeDailySnapshotHandler,
      ],
    };
  }
}
