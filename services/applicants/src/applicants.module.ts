import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { FieldCipher, HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DestinationStream } from 'pino';
import { ApplicantsQueue } from './applicants.queues';
import { RecordBoardDecisionController } from './board/commands/record-decision/record-decision.controller';
import { RecordBoardDecisionHandler } from './board/commands/record-decision/record-decision.handler';
import { ReverseBoardDecisionController } from './board/commands/reverse-decision/reverse-decision.controller';
import { ReverseBoardDecisionHandler } from './board/commands/reverse-decision/reverse-decision.handler';
import { BoardStandingService } from './board/board-standing.service';
import { BoardDecision } from './board/domain/board-decision.entity';
import { GetBoardHouseholdController, GetBoardHouseholdHandler } from './board/queries/board-household/board-household.query';
import { BoardWaitlistController, BoardWaitlistHandler } from './board/queries/board-waitlist/board-waitlist.query';
import { ListBoardDecisionsController, ListBoardDecisionsHandler } from './board/queries/list-decisions/list-decisions.query';
import { GetStatisticsController, GetStatisticsHandler } from './board/queries/statistics/statistics.query';
import { ApplicantsConfig, ApplicantsRules } from './config';
import { CaseloadPolicy } from './households/caseload-policy';
import { AssessHouseholdController } from './households/commands/assess-household/assess-household.controller';
import { AssessHouseholdHandler } from './households/commands/assess-household/assess-household.handler';
import { AssignCaseworkerController } from './households/commands/assign-caseworker/assign-caseworker.controller';
import { AssignCaseworkerHandler } from './households/commands/assign-caseworker/assign-caseworker.handler';
import { EraseHouseholdController } from './households/commands/erase-household/erase-household.controller';
import { EraseHouseholdHandler } from './households/commands/erase-household/erase-household.handler';
import { RecordConsentController } from './households/commands/record-consent/record-consent.controller';
import { RecordConsentHandler } from './households/commands/record-consent/record-consent.handler';
import { RecordNeedsController } from './households/commands/record-needs/record-needs.controller';
import { RecordNeedsHandler } from './households/commands/record-needs/record-needs.handler';
import { RegisterHouseholdController } from './households/commands/register-household/register-household.controller';
import { RegisterHouseholdHandler } from './households/commands/register-household/register-household.handler';
import { TransitionHouseholdController } from './households/commands/transition-household/transition-household.controller';
import { TransitionHouseholdHandler } from './households/commands/transition-household/transition-household.handler';
import { AccessLogEntry } from './households/domain/access-log-entry.entity';
import { Assessment } from './households/domain/assessment.entity';
import { Consent } from './households/domain/consent.entity';
import { Household } from './households/domain/household.entity';
import { HouseholdRepository } from './households/household.repository';
import { PersonalDataVault } from './households/personal-data';
import { PersonalDataReader } from './households/personal-data.reader';
import { ExportHouseholdController, ExportHouseholdHandler } from './households/queries/export-household/export-household.query';
import { GetAccessLogController, GetAccessLogHandler } from './households/queries/get-access-log/get-access-log.query';
import { GetCaseloadController, GetCaseloadHandler } from './households/queries/get-caseload/get-caseload.query';
import { GetHouseholdController, GetHouseholdHandler } from './households/queries/get-household/get-household.query';
import { GetPersonalDataController, GetPersonalDataHandler } from './households/queries/get-personal-data/get-personal-data.query';
import { ListHouseholdsController, ListHouseholdsHandler } from './households/queries/list-households/list-households.query';
import { RecordOfferOutcomeHandler } from './households/commands/record-offer-outcome/record-offer-outcome.handler';
import { OfferEventsConsumer } from './households/events/offer-events.consumer';
import { TenancyEventsConsumer } from './households/events/tenancy-events.consumer';
import { RecordTenancyStartHandler } from './households/commands/record-tenancy-start/record-tenancy-start.handler';
import { HouseholdSnapshots } from './households/household-snapshots';
import { applicantsMigrations } from './migrations';
import { PublishPolicyController } from './priority/commands/publish-policy/publish-policy.controller';
import { PublishPolicyHandler } from './priority/commands/publish-policy/publish-policy.handler';
import { RescoreWaitlistHandler } from './priority/commands/rescore-waitlist/rescore-waitlist.handler';
import { PriorityPolicyVersion } from './priority/domain/priority-policy.entity';
import { HouseholdScorer } from './priority/household-scorer';
import { PolicyRegistry } from './priority/policy-registry';
import { ListPoliciesController, ListPoliciesHandler } from './priority/queries/get-policies/get-policies.query';
import { PreviewPolicyController, PreviewPolicyHandler } from './priority/queries/preview-policy/preview-policy.query';
import { GetRescoringProgressController, GetRescoringProgressHandler } from './priority/queries/get-rescoring-progress/get-rescoring-progress.query';
import { RescoreWaitlistJob } from './priority/rescore-waitlist.job';
import { RescoringScheduler } from './priority/rescoring.scheduler';
import { GetWaitlistPositionController, GetWaitlistPositionHandler } from './waitlist/queries/get-waitlist-position/get-waitlist-position.query';
import { ListWaitlistController, ListWaitlistHandler } from './waitlist/queries/list-waitlist/list-waitlist.query';

export interface ApplicantsModuleOptions {
  /** Where log lines go (stdout by default); tests capture them to check no personal data is logged. */
  logDestination?: DestinationStream;
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

export const APPLICANTS_ENTITIES = [Household, Consent, Assessment, AccessLogEntry, BoardDecision, PriorityPolicyVersion];

@Module({})
export class ApplicantsModule {
  static forRoot(config: ApplicantsConfig, options: ApplicantsModuleOptions = {}): DynamicModule {
    return {
      module: ApplicantsModule,
      imports: [
        PlatformModule.forRoot({ service: 'applicants', config, logDestination: options.logDestination }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: APPLICANTS_ENTITIES,
          migrations: applicantsMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'applicants',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [OfferEventsConsumer, TenancyEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: ApplicantsQueue.Rescoring }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        RegisterHouseholdController,
        ListHouseholdsController,
        GetHouseholdController,
        GetPersonalDataController,
        ExportHouseholdController,
        GetAccessLogController,
        RecordConsentController,
        RecordNeedsController,
        AssessHouseholdController,
        TransitionHouseholdController,
        AssignCaseworkerController,
        EraseHouseholdController,
        GetCaseloadController,
        ListWaitlistController,
        GetWaitlistPositionController,
        ListPoliciesController,
        PreviewPolicyController,
        PublishPolicyController,
        GetRescoringProgressController,
        BoardWaitlistController,
        GetBoardHouseholdController,
        RecordBoardDecisionController,
        ReverseBoardDecisionController,
        ListBoardDecisionsController,
        GetStatisticsController,
      ],
      providers: [
        OfferEventsConsumer,
        RecordOfferOutcomeHandler,
        TenancyEventsConsumer,
        RecordTenancyStartHandler,
        HouseholdSnapshots,
        { provide: FieldCipher, useFactory: () => new FieldCipher(config.APPLICANTS_DATA_KEY) },
        { provide: ApplicantsRules, useValue: ApplicantsRules.fromConfig(config) },
        PersonalDataVault,
        PersonalDataReader,
        HouseholdRepository,
        CaseloadPolicy,
        PolicyRegistry,
        HouseholdScorer,
        BoardStandingService,
        RescoringScheduler,
        RescoreWaitlistJob,
        RegisterHouseholdHandler,
        ListHouseholdsHandler,
        GetHouseholdHandler,
        GetPersonalDataHandler,
        ExportHouseholdHandler,
        GetAccessLogHandler,
        RecordConsentHandler,
        RecordNeedsHandler,
        AssessHouseholdHandler,
        TransitionHouseholdHandler,
        AssignCaseworkerHandler,
        EraseHouseholdHandler,
        GetCaseloadHandler,
        ListWaitlistHandler,
        GetWaitlistPositionHandler,
        ListPoliciesHandler,
        PreviewPolicyHandler,
        PublishPolicyHandler,
        RescoreWaitlistHandler,
        GetRescoringProgressHandler,
        BoardWaitlistHandler,
        GetBoardHouseholdHandler,
        RecordBoardDecisionHandler,
        ReverseBoardDecisionHandler,
        ListBoardDecisionsHandler,
        GetStatisticsHandler,
      ],
    };
  }
}
