import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InspectionsConfig, repairDeadlinePolicy } from './config';
import { ListDeficienciesController, ListDeficienciesHandler } from './deficiencies/queries/list-deficiencies/list-deficiencies.query';
import {
  OpenDeficienciesReportController,
  OpenDeficienciesReportHandler,
} from './deficiencies/queries/open-deficiencies-report/open-deficiencies-report.query';
import { OverdueDeficienciesController, OverdueDeficienciesHandler } from './deficiencies/queries/overdue-deficiencies/overdue-deficiencies.query';
import { CancelInspectionController } from './inspections/commands/cancel-inspection/cancel-inspection.controller';
import { CancelInspectionHandler } from './inspections/commands/cancel-inspection/cancel-inspection.handler';
import { CancelUnitInspectionsHandler } from './inspections/commands/cancel-unit-inspections/cancel-unit-inspections.handler';
import { CompleteInspectionController } from './inspections/commands/complete-inspection/complete-inspection.controller';
import { CompleteInspectionHandler } from './inspections/commands/complete-inspection/complete-inspection.handler';
import { HandleRepairDeadlineHandler } from './inspections/commands/handle-repair-deadline/handle-repair-deadline.handler';
import { OpenUnitInspectionHandler } from './inspections/commands/open-unit-inspection/open-unit-inspection.handler';
import { RecordChecklistItemController } from './inspections/commands/record-checklist-item/record-checklist-item.controller';
import { RecordChecklistItemHandler } from './inspections/commands/record-checklist-item/record-checklist-item.handler';
import { RecordNoAccessController } from './inspections/commands/record-no-access/record-no-access.controller';
import { RecordNoAccessHandler } from './inspections/commands/record-no-access/record-no-access.handler';
import { RequestInspectionController } from './inspections/commands/request-inspection/request-inspection.controller';
import { RequestInspectionHandler } from './inspections/commands/request-inspection/request-inspection.handler';
import { RequestReinspectionController } from './inspections/commands/request-reinspection/request-reinspection.controller';
import { RequestReinspectionHandler } from './inspections/commands/request-reinspection/request-reinspection.handler';
import { ScheduleInspectionController } from './inspections/commands/schedule-inspection/schedule-inspection.controller';
import { ScheduleInspectionHandler } from './inspections/commands/schedule-inspection/schedule-inspection.handler';
import { PHOTO_MAX_BYTES, PhotoFileInterceptor } from './inspections/commands/upload-photo/photo-file.interceptor';
import { UploadPhotoController } from './inspections/commands/upload-photo/upload-photo.controller';
import { UploadPhotoHandler } from './inspections/commands/upload-photo/upload-photo.handler';
import { ChecklistResult } from './inspections/domain/checklist-result.entity';
import { Deficiency } from './inspections/domain/deficiency.entity';
import { Inspection } from './inspections/domain/inspection.entity';
import { InspectionHistoryEntry } from './inspections/domain/inspection-history.entity';
import { Photo } from './inspections/domain/photo.entity';
import { InspectionRepository } from './inspections/inspection.repository';
import { RepairDeadlineJob } from './inspections/jobs/repair-deadline.job';
import { REPAIR_DEADLINE_POLICY, RepairDeadlineScheduler } from './inspections/jobs/repair-deadline.scheduler';
import { AGENDA_TIME_ZONE, GetAgendaController, GetAgendaHandler } from './inspections/queries/get-agenda/get-agenda.query';
import { GetChecklistController, GetChecklistHandler } from './inspections/queries/get-checklist/get-checklist.query';
import { GetInspectionController, GetInspectionHandler } from './inspections/queries/get-inspection/get-inspection.query';
import { GetPhotoController, GetPhotoHandler } from './inspections/queries/get-photo/get-photo.query';
import { ListInspectionsController, ListInspectionsHandler } from './inspections/queries/list-inspections/list-inspections.query';
import { InspectionsQueue } from './inspections.queues';
import { inspectionsMigrations } from './migrations';
import { RecordUnitChangeHandler } from './unit-directory/events/record-unit-change.handler';
import { KnownUnitsReadModel } from './unit-directory/known-units.read-model';
import { UnitEventsConsumer } from './unit-directory/events/unit-events.consumer';
import { KnownUnit } from './unit-directory/known-unit.entity';

export interface InspectionsModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

@Module({})
export class InspectionsModule {
  static forRoot(config: InspectionsConfig, options: InspectionsModuleOptions = {}): DynamicModule {
    return {
      module: InspectionsModule,
      imports: [
        PlatformModule.forRoot({ service: 'inspections', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [KnownUnit, Inspection, ChecklistResult, Deficiency, InspectionHistoryEntry, Photo],
          migrations: inspectionsMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'inspections',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [UnitEventsConsumer],
          consumer: options.consumer,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX, sweepIntervalMs: config.JOB_SWEEP_INTERVAL_MS }),
        BullModule.registerQueue({ name: InspectionsQueue.RepairDeadlines }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        RequestInspectionController,
        RequestReinspectionController,
        ScheduleInspectionController,
        RecordChecklistItemController,
        UploadPhotoController,
        GetPhotoController,
        RecordNoAccessController,
        CompleteInspectionController,
        CancelInspectionController,
        GetInspectionController,
        ListInspectionsController,
        GetAgendaController,
        GetChecklistController,
        ListDeficienciesController,
        OpenDeficienciesReportController,
        OverdueDeficienciesController,
      ],
      providers: [
        { provide: REPAIR_DEADLINE_POLICY, useValue: repairDeadlinePolicy(config) },
        { provide: AGENDA_TIME_ZONE, useValue: config.AGENDA_TIME_ZONE },
        { provide: PHOTO_MAX_BYTES, useValue: config.PHOTO_MAX_BYTES },
        PhotoFileInterceptor,
        InspectionRepository,
        RepairDeadlineScheduler,
        RepairDeadlineJob,
        UnitEventsConsumer,
        RecordUnitChangeHandler,
        KnownUnitsReadModel,
        OpenUnitInspectionHandler,
        CancelUnitInspectionsHandler,
        RequestInspectionHandler,
        RequestReinspectionHandler,
        ScheduleInspectionHandler,
        RecordChecklistItemHandler,
        UploadPhotoHandler,
        GetPhotoHandler,
        RecordNoAccessHandler,
        CompleteInspectionHandler,
        CancelInspectionHandler,
        HandleRepairDeadlineHandler,
        GetInspectionHandler,
        ListInspectionsHandler,
        GetAgendaHandler,
        GetChecklistHandler,
        ListDeficienciesHandler,
        OpenDeficienciesReportHandler,
        OverdueDeficienciesHandler,
      ],
    };
  }
}
