import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { FieldCipher, HealthModule, PlatformModule } from '@hearth/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ConcludeAgreementController } from './agreements/commands/conclude-agreement/conclude-agreement.controller';
import { ConcludeAgreementHandler } from './agreements/commands/conclude-agreement/conclude-agreement.handler';
import { DraftAgreementController } from './agreements/commands/draft-agreement/draft-agreement.controller';
import { DraftAgreementHandler } from './agreements/commands/draft-agreement/draft-agreement.handler';
import { ListAgreementsController, ListAgreementsHandler } from './agreements/queries/list-agreements/list-agreements.query';
import { CompleteLandlordDetailsController } from './landlords/commands/complete-landlord-details/complete-landlord-details.controller';
import { CompleteLandlordDetailsHandler } from './landlords/commands/complete-landlord-details/complete-landlord-details.handler';
import { GatewayEventsConsumer } from './landlords/events/gateway-events.consumer';
import { OpenSignedUpLandlordHandler } from './landlords/events/open-signed-up-landlord.handler';
import { LandlordsConfig } from './config';
import { RegisterLandlordController } from './landlords/commands/register-landlord/register-landlord.controller';
import { RegisterLandlordHandler } from './landlords/commands/register-landlord/register-landlord.handler';
import { TransitionLandlordController } from './landlords/commands/transition-landlord/transition-landlord.controller';
import { TransitionLandlordHandler } from './landlords/commands/transition-landlord/transition-landlord.handler';
import { Agreement } from './landlords/domain/agreement.entity';
import { Landlord } from './landlords/domain/landlord.entity';
import { LandlordRepository } from './landlords/landlord.repository';
import { LandlordSnapshots } from './landlords/landlord-snapshots';
import { GetLandlordController, GetLandlordHandler } from './landlords/queries/get-landlord/get-landlord.query';
import { ListLandlordsController, ListLandlordsHandler } from './landlords/queries/list-landlords/list-landlords.query';
import { landlordsMigrations } from './migrations';

@Module({})
export class LandlordsModule {
  static forRoot(config: LandlordsConfig): DynamicModule {
    return {
      module: LandlordsModule,
      imports: [
        PlatformModule.forRoot({ service: 'landlords', config }),
        AuthModule.forRoot(config),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [Landlord, Agreement],
          migrations: landlordsMigrations,
          idempotency: { ttlMs: config.IDEMPOTENCY_KEY_TTL_MS, claimLeaseMs: config.IDEMPOTENCY_CLAIM_LEASE_MS },
        }),
        MessagingModule.forRoot({
          service: 'landlords',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
          subscribers: [GatewayEventsConsumer],
        }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        RegisterLandlordController,
        CompleteLandlordDetailsController,
        TransitionLandlordController,
        GetLandlordController,
        ListLandlordsController,
        DraftAgreementController,
        ConcludeAgreementController,
        ListAgreementsController,
      ],
      providers: [
        { provide: FieldCipher, useFactory: () => new FieldCipher(config.BANK_ACCOUNT_KEY) },
        LandlordRepository,
        LandlordSnapshots,
        RegisterLandlordHandler,
        CompleteLandlordDetailsHandler,
        GatewayEventsConsumer,
        OpenSignedUpLandlordHandler,
        TransitionLandlordHandler,
        GetLandlordHandler,
        ListLandlordsHandler,
        DraftAgreementHandler,
        ConcludeAgreementHandler,
        ListAgreementsHandler,
      ],
    };
  }
}
