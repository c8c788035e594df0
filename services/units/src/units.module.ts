import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { HealthModule, PlatformModule } from '@hearth/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { UnitsConfig } from './config';
import { LandlordEventsConsumer } from './landlord-directory/events/landlord-events.consumer';
import { RecordLandlordChangeHandler } from './landlord-directory/events/record-landlord-change.handler';
import { KnownLandlordsReadModel } from './landlord-directory/known-landlords.read-model';
import { UnitSnapshots } from './units/unit-snapshots';
import { KnownLandlord } from './landlord-directory/known-landlord.entity';
import { unitsMigrations } from './migrations';
import { ApplyInspectionOutcomeHandler } from './units/commands/apply-inspection-outcome/apply-inspection-outcome.handler';
import { DraftUnitController } from './units/commands/draft-unit/draft-unit.controller';
import { DraftUnitHandler } from './units/commands/draft-unit/draft-unit.handler';
import { TransitionUnitController } from './units/commands/transition-unit/transition-unit.controller';
import { TransitionUnitHandler } from './units/commands/transition-unit/transition-unit.handler';
import { UpdateUnitController } from './units/commands/update-unit/update-unit.controller';
import { UpdateUnitHandler } from './units/commands/update-unit/update-unit.handler';
import { Unit } from './units/domain/unit.entity';
import { InspectionEventsConsumer } from './units/events/inspection-events.consumer';
import { OfferEventsConsumer } from './units/events/offer-events.consumer';
import { TenancyEventsConsumer } from './units/events/tenancy-events.consumer';
import { ApplyTenancyChangeHandler } from './units/commands/apply-tenancy-change/apply-tenancy-change.handler';
import { ApplyOfferDecisionHandler } from './units/commands/apply-offer-decision/apply-offer-decision.handler';
import { GetUnitController, GetUnitHandler } from './units/queries/get-unit/get-unit.query';
import { ListUnitsController, ListUnitsHandler } from './units/queries/list-units/list-units.query';
import { UnitRepository } from './units/unit.repository';

export interface UnitsModuleOptions {
  /** Tests shorten the consumer's retry backoff. */
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
}

@Module({})
export class UnitsModule {
  static forRoot(config: UnitsConfig, options: UnitsModuleOptions = {}): DynamicModule {
    return {
      module: UnitsModule,
      imports: [
        PlatformModule.forRoot({ service: 'units', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [Unit, KnownLandlord],
          migrations: unitsMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'units',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [LandlordEventsConsumer, InspectionEventsConsumer, OfferEventsConsumer, TenancyEventsConsumer],
          consumer: options.consumer,
        }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [DraftUnitController, UpdateUnitController, TransitionUnitController, GetUnitController, ListUnitsController],
      providers: [
        UnitRepository,
        LandlordEventsConsumer,
        RecordLandlordChangeHandler,
        KnownLandlordsReadModel,
        UnitSnapshots,
        InspectionEventsConsumer,
        ApplyInspectionOutcomeHandler,
        OfferEventsConsumer,
        ApplyOfferDecisionHandler,
        TenancyEventsConsumer,
        ApplyTenancyChangeHandler,
        DraftUnitHandler,
        UpdateUnitHandler,
        TransitionUnitHandler,
        GetUnitHandler,
        ListUnitsHandler,
      ],
    };
  }
}
