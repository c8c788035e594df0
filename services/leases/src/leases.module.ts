import { IndexRentHandler, RENT_INDEX_SERIES } from './indexation/commands/index-rent/index-rent.handler';
import { RecordIndexValuesHandler } from './indexation/commands/record-index-values/record-index-values.handler';
import { RentIndexation, IndexValue } from './indexation/domain/indexation.entity';
import { GetIndexSeriesHandler, GetRentHistoryHandler, IndexSeriesController } from './indexation/index-series.controller';
import { IndexationScheduler } from './indexation/indexation.scheduler';
import { RaiseRenewalReminderHandler } from './renewals/commands/raise-renewal-reminder/raise-renewal-reminder.handler';
import { ListRenewalRemindersController, ListRenewalRemindersHandler } from './renewals/list-renewal-reminders.query';
import { RenewalReminder } from './renewals/renewal-reminder.entity';
import { RENEWAL_REMINDER_DAYS, RenewalRemindersScheduler } from './renewals/renewal-reminders.scheduler';
import { ClaimEngine, CLAIM_POLICY } from './claims/claim-engine';
import { ClaimRepository } from './claims/claim.repository';
import { AgreeRecoveryHandler } from './claims/commands/agree-recovery/agree-recovery.handler';
import { ClaimWorkflowController } from './claims/commands/claim-workflow.controller';
import { DecideClaimHandler } from './claims/commands/decide-claim/decide-claim.handler';
import { OpenClaimController } from './claims/commands/open-claim/open-claim.controller';
import { OpenClaimHandler } from './claims/commands/open-claim/open-claim.handler';
import { PayClaimHandler } from './claims/commands/pay-claim/pay-claim.handler';
import { ProposeDamageClaimHandler } from './claims/commands/propose-damage-claim/propose-damage-claim.handler';
import { SubmitClaimHandler } from './claims/commands/submit-claim/submit-claim.handler';
import { ArrearsNotice, ClaimMonth, GuaranteeClaim, UnitInspection } from './claims/domain/claim.entity';
import { InspectionEventsConsumer } from './claims/events/inspection-events.consumer';
import { GetClaimController, GetClaimHandler } from './claims/queries/get-claim/get-claim.query';
import { ArrearsNoticeDocumentHandler, ArrearsNoticesController, ListArrearsNoticesHandler } from './claims/queries/arrears-notices/arrears-notices.query';
import { IndexationNoticeHandler, IndexationNoticePdfController } from './indexation/queries/indexation-notice-pdf/indexation-notice-pdf.controller';
import { ListClaimsController, ListClaimsHandler } from './claims/queries/list-claims/list-claims.query';
import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AssignLineController } from './bank-import/commands/assign-line/assign-line.controller';
import { AssignLineHandler } from './bank-import/commands/assign-line/assign-line.handler';
import { ImportStatementController } from './bank-import/commands/import-statement/import-statement.controller';
import { ImportStatementHandler } from './bank-import/commands/import-statement/import-statement.handler';
import { BankPayments } from './bank-import/bank-payments';
import { BankStatement, BankStatementLine } from './bank-import/domain/bank-statement.entity';
import { GetStatementController, GetStatementHandler } from './bank-import/queries/get-statement/get-statement.query';
import { AgreePaymentPlanController } from './payment-plans/commands/agree-payment-plan/agree-payment-plan.controller';
import { AgreePaymentPlanHandler } from './payment-plans/commands/agree-payment-plan/agree-payment-plan.handler';
import { PaymentPlan } from './payment-plans/domain/payment-plan.entity';
import { OwnerStatementPdfController } from './head-leases/queries/owner-statement-pdf/owner-statement-pdf.controller';
import { LEASES_TIME_ZONE, LEASES_TODAY, LeasesClock } from './clock';
import { DEFAULT_DOCUMENT_LANGUAGE, DocumentLanguages } from './documents/document-languages';
import { LeasesConfig } from './config';
import { LandlordEventsConsumer } from './directory/events/landlord-events.consumer';
import { RecordLandlordChangeHandler } from './directory/events/record-landlord-change.handler';
import { RecordUnitChangeHandler } from './directory/events/record-unit-change.handler';
import { UnitEventsConsumer } from './directory/events/unit-events.consumer';
import { KnownAgreement, KnownHousehold, KnownLandlord, KnownUnit } from './directory/known-records.entity';
import { ApplicantEventsConsumer } from './directory/events/applicant-events.consumer';
import { RecordHouseholdCaseworkerHandler } from './directory/events/record-household-caseworker.handler';
import { MANAGEMENT_FEE_BASIS_POINTS, RecordHeadLeaseHandler, RecordPendingHeadLeasesHandler } from './head-leases/commands/record-head-lease/record-head-lease.handler';
import { RecordOwnerDueHandler } from './head-leases/commands/record-owner-due/record-owner-due.handler';
import { RecordOwnerPaymentController } from './head-leases/commands/record-owner-payment/record-owner-payment.controller';
import { RecordOwnerPaymentHandler } from './head-leases/commands/record-owner-payment/record-owner-payment.handler';
import { HeadLease, LoanEarlyRepaymentRecord, OwnerMonthRecord } from './head-leases/domain/head-lease.entity';
import { RepayLoanEarlyController } from './head-leases/commands/repay-loan-early/repay-loan-early.controller';
import { RepayLoanEarlyHandler } from './head-leases/commands/repay-loan-early/repay-loan-early.handler';
import { GetHeadLeaseController, GetHeadLeaseHandler } from './head-leases/queries/get-head-lease/get-head-lease.query';
import { ListHeadLeasesController, ListHeadLeasesHandler } from './head-leases/queries/list-head-leases/list-head-leases.query';
import { OwnerStatementController, OwnerStatementHandler } from './head-leases/queries/owner-statement/owner-statement.query';
import { MonthlyJob } from './jobs/monthly.job';
import { MonthlyScheduler } from './jobs/monthly.scheduler';
import { TenancyDatesJob } from './jobs/tenancy-dates.job';
import { TenancyDatesScheduler } from './jobs/tenancy-dates.scheduler';
import { ChargeRentHandler } from './ledger/commands/charge-rent/charge-rent.handler';
import { TenancyBatch } from './ledger/tenancy-batch';
import { RecordPaymentController } from './ledger/commands/record-payment/record-payment.controller';
import { RecordPaymentHandler } from './ledger/commands/record-payment/record-payment.handler';
import { ReviewArrearsHandler } from './ledger/commands/review-arrears/review-arrears.handler';
import { LedgerEntry } from './ledger/domain/ledger-entry.entity';
import { ArrearsAgeingController, ArrearsAgeingHandler } from './ledger/queries/arrears-ageing/arrears-ageing.query';
import { TenancyLedgerController, TenancyLedgerHandler } from './ledger/queries/tenancy-ledger/tenancy-ledger.query';
import { RentStatementHandler, RentStatementPdfController } from './ledger/queries/rent-statement-pdf/rent-statement-pdf.query';
import { ContractSummaryHandler, ContractSummaryPdfController } from './tenancies/queries/contract-summary-pdf/contract-summary-pdf.query';
import { LeasesQueue } from './leases.queues';
import { leasesMigrations } from './migrations';
import { CancelTenancyHandler } from './tenancies/commands/cancel-tenancy/cancel-tenancy.handler';
import { CompleteTenancyController } from './tenancies/commands/complete-tenancy/complete-tenancy.controller';
import { CompleteTenancyHandler } from './tenancies/commands/complete-tenancy/complete-tenancy.handler';
import { EndTenancyHandler } from './tenancies/commands/end-tenancy/end-tenancy.handler';
import { GiveNoticeController } from './tenancies/commands/give-notice/give-notice.controller';
import { GiveNoticeHandler } from './tenancies/commands/give-notice/give-notice.handler';
import { OpenPendingDraftsHandler, OpenTenancyDraftHandler } from './tenancies/commands/open-tenancy-draft/open-tenancy-draft.handler';
import { RenewTenancyController } from './tenancies/commands/renew-tenancy/renew-tenancy.controller';
import { RenewTenancyHandler } from './tenancies/commands/renew-tenancy/renew-tenancy.handler';
import { SignTenancyController } from './tenancies/commands/sign-tenancy/sign-tenancy.controller';
import { SignTenancyHandler } from './tenancies/commands/sign-tenancy/sign-tenancy.handler';
import { StartTenancyHandler } from './tenancies/commands/start-tenancy/start-tenancy.handler';
import { Tenancy, TenancyHistoryEntry } from './tenancies/domain/tenancy.entity';
import { OfferEventsConsumer } from './tenancies/events/offer-events.consumer';
import { GetTenancyController, GetTenancyHandler } from './tenancies/queries/get-tenancy/get-tenancy.query';
import { ListTenanciesController, ListTenanciesHandler } from './tenancies/queries/list-tenancies/list-tenancies.query';
import { ARREARS_POLICY, TenancyRepository } from './tenancies/tenancy.repository';

export interface LeasesModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

@Module({})
export class LeasesModule {
  static forRoot(config: LeasesConfig, options: LeasesModuleOptions = {}): DynamicModule {
    return {
      module: LeasesModule,
      imports: [
        PlatformModule.forRoot({ service: 'leases', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [KnownLandlord, KnownAgreement, KnownUnit, HeadLease, OwnerMonthRecord, Tenancy, TenancyHistoryEntry, LedgerEntry, BankStatement, BankStatementLine, PaymentPlan, GuaranteeClaim, ClaimMonth, ArrearsNotice, UnitInspection, IndexValue, RentIndexation, RenewalReminder, LoanEarlyRepaymentRecord, KnownHousehold],
          migrations: leasesMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'leases',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [LandlordEventsConsumer, UnitEventsConsumer, OfferEventsConsumer, InspectionEventsConsumer, ApplicantEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: LeasesQueue.TenancyDates }, { name: LeasesQueue.Monthly }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        CompleteTenancyController,
        SignTenancyController,
        GiveNoticeController,
        RenewTenancyController,
        GetTenancyController,
        ListTenanciesController,
        RecordPaymentController,
        TenancyLedgerController,
        RentStatementPdfController,
        ContractSummaryPdfController,
        ArrearsAgeingController,
        GetHeadLeaseController,
        ListHeadLeasesController,
        OwnerStatementController,
        RecordOwnerPaymentController,
        RepayLoanEarlyController,
        ImportStatementController,
        AssignLineController,
        GetStatementController,
        AgreePaymentPlanController,
        OwnerStatementPdfController,
        OpenClaimController,
        ClaimWorkflowController,
        ListClaimsController,
        GetClaimController,
        ArrearsNoticesController,
        IndexationNoticePdfController,
        IndexSeriesController,
        ListRenewalRemindersController,
      ],
      providers: [
        { provide: LEASES_TIME_ZONE, useValue: config.LEASES_TIME_ZONE },
        { provide: LEASES_TODAY, useValue: config.LEASES_TODAY ?? null },
        { provide: MANAGEMENT_FEE_BASIS_POINTS, useValue: config.MANAGEMENT_FEE_BASIS_POINTS },
        { provide: ARREARS_POLICY, useValue: { establishedMonths: config.ARREARS_ESTABLISHED_MONTHS, partialMonths: config.ARREARS_PARTIAL_MONTHS } },
        { provide: DEFAULT_DOCUMENT_LANGUAGE, useValue: config.LEASES_DOCUMENT_LANGUAGE },
        DocumentLanguages,
        LeasesClock,
        TenancyRepository,
        TenancyBatch,
        TenancyDatesScheduler,
        TenancyDatesJob,
        MonthlyScheduler,
        MonthlyJob,
        LandlordEventsConsumer,
        UnitEventsConsumer,
        OfferEventsConsumer,
        ApplicantEventsConsumer,
        RecordHouseholdCaseworkerHandler,
        RecordLandlordChangeHandler,
        RecordUnitChangeHandler,
        RecordHeadLeaseHandler,
        RecordPendingHeadLeasesHandler,
        RecordOwnerDueHandler,
        RecordOwnerPaymentHandler,
        RepayLoanEarlyHandler,
        OpenTenancyDraftHandler,
        OpenPendingDraftsHandler,
        CompleteTenancyHandler,
        SignTenancyHandler,
        StartTenancyHandler,
        GiveNoticeHandler,
        EndTenancyHandler,
        RenewTenancyHandler,
        CancelTenancyHandler,
        ChargeRentHandler,
        RecordPaymentHandler,
        ReviewArrearsHandler,
        GetTenancyHandler,
        ListTenanciesHandler,
        TenancyLedgerHandler,
        RentStatementHandler,
        ContractSummaryHandler,
        ArrearsAgeingHandler,
        GetHeadLeaseHandler,
        ListHeadLeasesHandler,
        OwnerStatementHandler,
        BankPayments,
        ImportStatementHandler,
        AssignLineHandler,
        GetStatementHandler,
        AgreePaymentPlanHandler,
        {
          provide: CLAIM_POLICY,
          useValue: {
            deadlines: {
              noticeWithinDays: config.CLAIM_NOTICE_WITHIN_DAYS,
              noticePayDays: config.CLAIM_NOTICE_PAY_DAYS,
              claimWithinDays: config.CLAIM_FILING_DAYS,
              monthWithinDays: config.CLAIM_MONTH_DAYS,
              maxMonths: config.CLAIM_MAX_MONTHS,
            },
            damageTariff: {
              low: config.DAMAGE_COST_LOW_CENTS,
              moderate: config.DAMAGE_COST_MODERATE_CENTS,
              severe: config.DAMAGE_COST_SEVERE_CENTS,
              life_threatening: config.DAMAGE_COST_LIFE_THREATENING_CENTS,
            },
            wearBasisPointsPerYear: config.DAMAGE_WEAR_BASIS_POINTS_PER_YEAR,
          },
        },
        ClaimEngine,
        ClaimRepository,
        InspectionEventsConsumer,
        ProposeDamageClaimHandler,
        OpenClaimHandler,
        SubmitClaimHandler,
        DecideClaimHandler,
        PayClaimHandler,
        AgreeRecoveryHandler,
        ListClaimsHandler,
        GetClaimHandler,
        ListArrearsNoticesHandler,
        ArrearsNoticeDocumentHandler,
        IndexationNoticeHandler,
        { provide: RENT_INDEX_SERIES, useValue: config.RENT_INDEX_SERIES },
        IndexRentHandler,
        RecordIndexValuesHandler,
        GetIndexSeriesHandler,
        GetRentHistoryHandler,
        IndexationScheduler,
        { provide: RENEWAL_REMINDER_DAYS, useValue: config.RENEWAL_REMINDER_DAYS },
        RaiseRenewalReminderHandler,
        ListRenewalRemindersHandler,
        RenewalRemindersScheduler,
      ],
    };
  }
}
