import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { FieldCipher, HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DestinationStream } from 'pino';
import { CancelPreparationHandler } from './arrivals/commands/open-preparation/cancel-preparation.handler';
import { OpenPreparationHandler } from './arrivals/commands/open-preparation/open-preparation.handler';
import { LogBuddyContactController, LogBuddyContactHandler } from './arrivals/commands/log-buddy-contact/log-buddy-contact';
import { HoldPostArrivalMeetingController, HoldPostArrivalMeetingHandler } from './arrivals/commands/hold-post-arrival-meeting/hold-post-arrival-meeting';
import { RecordConsentController, RecordConsentHandler } from './arrivals/commands/record-consent/record-consent';
import { RecordTaskResultController, RecordTaskResultHandler } from './arrivals/commands/record-task-result/record-task-result';
import { SchedulePostArrivalMeetingHandler } from './arrivals/commands/schedule-post-arrival-meeting/schedule-post-arrival-meeting.handler';
import { BuddyContact, Preparation, PreparationTask } from './arrivals/domain/preparation.entity';
import { OfferEventsConsumer } from './arrivals/events/offer-events.consumer';
import { PreparationRepository } from './arrivals/preparation.repository';
import { GetPreparationController, GetPreparationHandler, ListPreparationsHandler } from './arrivals/queries/get-preparation/get-preparation.query';
import { AcknowledgeComplaintController, AcknowledgeComplaintHandler } from './complaints/commands/acknowledge-complaint/acknowledge-complaint';
import { AnswerComplaintController, AnswerComplaintHandler } from './complaints/commands/answer-complaint/answer-complaint';
import { ExtendAnswerController, ExtendAnswerHandler } from './complaints/commands/extend-answer/extend-answer';
import { FileComplaintController } from './complaints/commands/file-complaint/file-complaint.controller';
import { FileComplaintHandler } from './complaints/commands/file-complaint/file-complaint.handler';
import { HandleComplaintDeadlineHandler } from './complaints/commands/handle-complaint-deadline/handle-complaint-deadline';
import { RequestStageTwoController, RequestStageTwoHandler } from './complaints/commands/request-stage-two/request-stage-two';
import { WithdrawComplaintController, WithdrawComplaintHandler } from './complaints/commands/withdraw-complaint/withdraw-complaint';
import { ComplaintRepository } from './complaints/complaint.repository';
import { Complaint, ComplaintStage } from './complaints/domain/complaint.entity';
import { GetComplaintController, GetComplaintHandler } from './complaints/queries/get-complaint/get-complaint.query';
import { ListComplaintsController, ListComplaintsHandler } from './complaints/queries/list-complaints/list-complaints.query';
import { MediationConfig, MediationRules } from './config';
import { DeadlineJob } from './deadlines/deadline.job';
import { DeadlineScheduler } from './deadlines/deadline.scheduler';
import { DigestController, DigestJob, DigestScheduler, DIGEST_INTERVAL_MS, GenerateDigestHandler, GetDigestHandler } from './digest/digest';
import { ApplicantEventsConsumer } from './directory/events/applicant-events.consumer';
import { LeaseEventsConsumer } from './directory/events/lease-events.consumer';
import { KnownHousehold } from './directory/known-household.entity';
import { KnownTenancy } from './directory/known-tenancy.entity';
import { RecordHouseholdHandler } from './directory/record-household.handler';
import { RecordTenancyHandler } from './directory/record-tenancy.handler';
import { EraseHouseholdDataHandler } from './erasure/erase-household-data.handler';
import { MediationQueue } from './mediation.queues';
import { mediationMigrations } from './migrations';
import { CaseReviewsController, ListCaseReviewsHandler, ResolveCaseReviewHandler } from './reviews/commands/resolve-case-review/resolve-case-review';
import { AppointCommitteeController, AppointCommitteeHandler } from './mediations/commands/appoint-committee/appoint-committee';
import { CloseMediationController, CloseMediationHandler } from './mediations/commands/close-mediation/close-mediation';
import { OpenMediationController, OpenMediationHandler } from './mediations/commands/open-mediation/open-mediation';
import { RecordAgreementController, RecordAgreementHandler } from './mediations/commands/record-agreement/record-agreement';
import { RecordCommitteeDecisionController, RecordCommitteeDecisionHandler } from './mediations/commands/record-committee-decision/record-committee-decision';
import { RecordFollowUpController, RecordFollowUpHandler } from './mediations/commands/record-follow-up/record-follow-up';
import { RecordSessionController, RecordSessionHandler } from './mediations/commands/record-session/record-session';
import { CommitteeMember, Mediation, MediationAgreement, MediationSession } from './mediations/domain/mediation.entity';
import { MediationRepository } from './mediations/mediation.repository';
import { GetMediationController, GetMediationHandler, MediationStatisticsHandler } from './mediations/queries/get-mediation/get-mediation.query';
import {
  EraseNeighbourHandler,
  GetNeighbourHandler,
  NeighboursController,
  RegisterNeighbourHandler,
} from './neighbours/commands/register-neighbour/register-neighbour';
import { Neighbour } from './neighbours/domain/neighbour.entity';
import { CaseReview } from './reviews/case-review.entity';
import { OpenCaseReviewHandler } from './reviews/commands/open-case-review/open-case-review.handler';
import { RecomputeRiskHandler } from './risk/recompute-risk.handler';
import { RefreshTimeBasedRisksHandler } from './risk/refresh-time-based-risks.handler';
import { TenancyArrears, TenancyRisk } from './risk/tenancy-risk.entity';
import { AlertsController, ListAlertsHandler } from './risk/queries/list-alerts.query';
import { MediationVault } from './vault';

/** Every entity of the service (the benchmark builds its DataSource from them). */
export const MEDIATION_ENTITIES = [
  KnownHousehold,
  KnownTenancy,
  Neighbour,
  Complaint,
  ComplaintStage,
  CaseReview,
  Preparation,
  PreparationTask,
  BuddyContact,
  TenancyRisk,
  TenancyArrears,
  Mediation,
  MediationSession,
  CommitteeMember,
  MediationAgreement,
];

export interface MediationModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
  /** Tests capture the log lines (the privacy test looks for planted markers). */
  logDestination?: DestinationStream;
}

@Module({})
export class MediationModule {
  static forRoot(config: MediationConfig, options: MediationModuleOptions = {}): DynamicModule {
    return {
      module: MediationModule,
      imports: [
        PlatformModule.forRoot({ service: 'mediation', config, logDestination: options.logDestination }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: MEDIATION_ENTITIES,
          migrations: mediationMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'mediation',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [ApplicantEventsConsumer, OfferEventsConsumer, LeaseEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: MediationQueue.Deadlines }, { name: MediationQueue.Digest }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        FileComplaintController,
        AcknowledgeComplaintController,
        AnswerComplaintController,
        ExtendAnswerController,
        RequestStageTwoController,
        WithdrawComplaintController,
        ListComplaintsController,
        GetComplaintController,
        GetPreparationController,
        RecordConsentController,
        RecordTaskResultController,
        HoldPostArrivalMeetingController,
        LogBuddyContactController,
        NeighboursController,
        DigestController,
        AlertsController,
        CaseReviewsController,
        OpenMediationController,
        RecordSessionController,
        AppointCommitteeController,
        RecordCommitteeDecisionController,
        RecordAgreementController,
        RecordFollowUpController,
        CloseMediationController,
        GetMediationController,
      ],
      providers: [
        { provide: FieldCipher, useFactory: () => new FieldCipher(config.MEDIATION_DATA_KEY) },
        { provide: MediationRules, useValue: MediationRules.fromConfig(config) },
        { provide: DIGEST_INTERVAL_MS, useValue: config.DIGEST_INTERVAL_MS },
        MediationVault,
        ComplaintRepository,
        PreparationRepository,
        DeadlineScheduler,
        DeadlineJob,
        DigestScheduler,
        DigestJob,
        ApplicantEventsConsumer,
        OfferEventsConsumer,
        LeaseEventsConsumer,
        RecordHouseholdHandler,
        RecordTenancyHandler,
        EraseHouseholdDataHandler,
        FileComplaintHandler,
        AcknowledgeComplaintHandler,
        AnswerComplaintHandler,
        ExtendAnswerHandler,
        RequestStageTwoHandler,
        WithdrawComplaintHandler,
        HandleComplaintDeadlineHandler,
        ListComplaintsHandler,
        GetComplaintHandler,
        OpenCaseReviewHandler,
        OpenPreparationHandler,
        CancelPreparationHandler,
        SchedulePostArrivalMeetingHandler,
        GetPreparationHandler,
        ListPreparationsHandler,
        RecordConsentHandler,
        RecordTaskResultHandler,
        HoldPostArrivalMeetingHandler,
        LogBuddyContactHandler,
        RegisterNeighbourHandler,
        GetNeighbourHandler,
        EraseNeighbourHandler,
        GenerateDigestHandler,
        GetDigestHandler,
        RecomputeRiskHandler,
        RefreshTimeBasedRisksHandler,
        ListAlertsHandler,
        ResolveCaseReviewHandler,
        ListCaseReviewsHandler,
        MediationRepository,
        OpenMediationHandler,
        RecordSessionHandler,
        AppointCommitteeHandler,
        RecordCommitteeDecisionHandler,
        RecordAgreementHandler,
        RecordFollowUpHandler,
        CloseMediationHandler,
        GetMediationHandler,
        MediationStatisticsHandler,
      ],
    };
  }
}
