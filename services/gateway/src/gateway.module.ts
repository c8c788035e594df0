import { AuthModule } from '@hearth/auth';
import { MessagingModule } from '@hearth/messaging';
import { DatabaseModule } from '@hearth/persistence';
import { FieldCipher, HealthModule, JobsModule, PlatformModule } from '@hearth/platform';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import Redis from 'ioredis';
import { createTransport } from 'nodemailer';
import type { DestinationStream } from 'pino';
import type { GatewayConfig } from './config';
import { DemoAccounts } from './demo/demo-accounts';
import { GatewayQueue } from './gateway.queues';
import { GATEWAY_CONFIG, RATE_LIMITS, REDIS } from './gateway.tokens';
import { AccessTokens } from './keys/access-tokens';
import { RotateSigningKeyController, RotateSigningKeyHandler } from './keys/commands/rotate-signing-key/rotate-signing-key.handler';
import { GetJwksController, GetJwksHandler } from './keys/queries/get-jwks/get-jwks.query';
import { SigningKey } from './keys/signing-key.entity';
import { SigningKeys } from './keys/signing-keys';
import { MailOutbox } from './mail/mail-outbox';
import { OutboundMail } from './mail/outbound-mail.entity';
import { MAIL_FROM, MAIL_TRANSPORT, SendMailJob } from './mail/send-mail.job';
import { LiveAudiences } from './live/live-audience';
import { LiveUpdates } from './live/live-updates';
import { LiveUpdatesController } from './live/live-updates.controller';
import { gatewayMigrations } from './migrations';
import { FrontDoor } from './proxy/front-door';
import { RefreshSessionController } from './sessions/commands/refresh-session/refresh-session.controller';
import { RefreshSessionHandler } from './sessions/commands/refresh-session/refresh-session.handler';
import { SignOutEverywhereController } from './sessions/commands/sign-out-everywhere/sign-out-everywhere.controller';
import { SignOutEverywhereHandler } from './sessions/commands/sign-out-everywhere/sign-out-everywhere.handler';
import { SignOutController } from './sessions/commands/sign-out/sign-out.controller';
import { SignOutHandler } from './sessions/commands/sign-out/sign-out.handler';
import { RefreshToken, Session } from './sessions/session.entity';
import { Sessions } from './sessions/sessions';
import { AuditLog } from './sign-in/audit-log';
import { SignInController } from './sign-in/commands/sign-in/sign-in.controller';
import { SignInHandler } from './sign-in/commands/sign-in/sign-in.handler';
import { PasswordHasher } from './sign-in/password-hasher';
import { SecondFactor } from './sign-in/second-factor';
import { SignInEvent } from './sign-in/sign-in-event.entity';
import { SignInThrottle } from './sign-in/sign-in-throttle';
import { ChangePasswordController } from './users/commands/change-password/change-password.controller';
import { ChangePasswordHandler } from './users/commands/change-password/change-password.handler';
import { ConfirmEmailController } from './users/commands/confirm-email/confirm-email.controller';
import { ConfirmEmailHandler } from './users/commands/confirm-email/confirm-email.handler';
import { CreateUserController } from './users/commands/create-user/create-user.controller';
import { CreateUserHandler } from './users/commands/create-user/create-user.handler';
import { DeactivateUserController } from './users/commands/deactivate-user/deactivate-user.controller';
import { DeactivateUserHandler } from './users/commands/deactivate-user/deactivate-user.handler';
import { EnrolSecondFactorController } from './users/commands/enrol-second-factor/enrol-second-factor.controller';
import { ConfirmSecondFactorHandler, StartSecondFactorEnrolmentHandler } from './users/commands/enrol-second-factor/enrol-second-factor.handler';
import { ReactivateUserController } from './users/commands/reactivate-user/reactivate-user.controller';
import { ReactivateUserHandler } from './users/commands/reactivate-user/reactivate-user.handler';
import { RequestPasswordResetController } from './users/commands/request-password-reset/request-password-reset.controller';
import { RequestPasswordResetHandler } from './users/commands/request-password-reset/request-password-reset.handler';
import { ResetPasswordController } from './users/commands/reset-password/reset-password.controller';
import { ResetPasswordHandler } from './users/commands/reset-password/reset-password.handler';
import { SignUpLandlordController } from './users/commands/sign-up-landlord/sign-up-landlord.controller';
import { SignUpLandlordHandler } from './users/commands/sign-up-landlord/sign-up-landlord.handler';
import { EmailToken } from './users/domain/email-token.entity';
import { User } from './users/domain/user.entity';
import { EmailLinks } from './users/email-links';
import { GetMeController, GetMeHandler } from './users/queries/get-me/get-me.query';
import { ListSignInEventsController, ListSignInEventsHandler } from './users/queries/list-sign-in-events/list-sign-in-events.query';
import { GetUserHandler, ListUsersController, ListUsersHandler } from './users/queries/list-users/list-users.query';
import { UserRepository } from './users/user.repository';

export interface GatewayModuleOptions {
  logDestination?: DestinationStream;
}

/** Closes the gateway's own Redis connection with the application. */
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, options: GatewayModuleOptions = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        // The shared HTTP settings (METRICS_TOKEN, DOCS_*, HTTP_BODY_LIMIT_KB, RATE_LIMIT_WRITES and
        // RATE_LIMIT_AUTH_FAILURES counted in Redis); CORS and TRUST_PROXY are the front door's own.
        PlatformModule.forRoot({ service: 'gateway', config: { ...config, CORS_ORIGINS: [], TRUST_PROXY: undefined }, logDestination: options.logDestination }),
        // The gateway is the primary issuer: it checks its own tokens against its keys without HTTP.
        AuthModule.forRoot(config, { ownKeys: SigningKeys }),
        DatabaseModule.forRoot({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: [User, EmailToken, Session, RefreshToken, SignInEvent, SigningKey, OutboundMail],
          migrations: gatewayMigrations,
        }),
        MessagingModule.forRoot({
          service: 'gateway',
          brokers: config.KAFKA_BROKERS,
          idempotentProducer: config.KAFKA_IDEMPOTENT,
          consumerGroup: config.KAFKA_CONSUMER_GROUP,
          logLevel: config.LOG_LEVEL,
        }),
        JobsModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.BULLMQ_PREFIX }),
        BullModule.registerQueue({ name: GatewayQueue.Mail }),
        HealthModule.forRoot({ redisUrl: config.REDIS_URL }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        SignInController,
        RefreshSessionController,
        SignOutController,
        SignOutEverywhereController,
        SignUpLandlordController,
        ConfirmEmailController,
        RequestPasswordResetController,
        ResetPasswordController,
        GetMeController,
        ChangePasswordController,
        EnrolSecondFactorController,
        CreateUserController,
        ListUsersController,
        DeactivateUserController,
        ReactivateUserController,
        ListSignInEventsController,
        GetJwksController,
        RotateSigningKeyController,
        LiveUpdatesController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: FieldCipher, useFactory: () => new FieldCipher(config.GATEWAY_DATA_KEY) },
        {
          provide: REDIS,
          useFactory: () => {
            const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000, enableOfflineQueue: true });
            redis.on('error', () => undefined);
            return redis;
          },
        },
        { provide: RATE_LIMITS, useFactory: (redis: Redis) => new ThrottlerStorageRedisService(redis), inject: [REDIS] },
        { provide: MAIL_TRANSPORT, useFactory: () => createTransport(config.SMTP_URL) },
        { provide: MAIL_FROM, useValue: config.MAIL_FROM },
        RedisLifecycle,
        FrontDoor,
        LiveUpdates,
        LiveAudiences,
        SigningKeys,
        AccessTokens,
        Sessions,
        PasswordHasher,
        SignInThrottle,
        SecondFactor,
        AuditLog,
        UserRepository,
        EmailLinks,
        MailOutbox,
        SendMailJob,
        DemoAccounts,
        SignInHandler,
        RefreshSessionHandler,
        SignOutHandler,
        SignOutEverywhereHandler,
        SignUpLandlordHandler,
        ConfirmEmailHandler,
        RequestPasswordResetHandler,
        ResetPasswordHandler,
        ChangePasswordHandler,
        StartSecondFactorEnrolmentHandler,
        ConfirmSecondFactorHandler,
        CreateUserHandler,
        DeactivateUserHandler,
        ReactivateUserHandler,
        GetMeHandler,
        ListUsersHandler,
        GetUserHandler,
        ListSignInEventsHandler,
        GetJwksHandler,
        RotateSigningKeyHandler,
      ],
    };
  }
}
