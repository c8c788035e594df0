import { dlqTopic, ServiceName, Topics } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { CONSUMER_PROGRESS, createLogger, KAFKA_HEALTH_PROBE, KafkaHealthProbe, MetricsService } from '@hearth/platform';
import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  Optional,
  Type,
} from '@nestjs/common';
import { DiscoveryModule, ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { EventConsumerRunner } from './inbox/event-consumer-runner';
import { EventSubscriber } from './inbox/event-subscriber';
import { ParkedEvents } from './inbox/parked-events';
import { ConsumerControl, ParkedEventsController } from './inbox/parked-events.controller';
import { backboneMetrics } from './messaging.metrics';
import { AggregateStore } from './outbox/aggregate-store';
import { EventOutbox } from './outbox/event-outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { Snapshots, SnapshotsController } from './snapshots/snapshots';
import { KafkaTransport } from './transport/kafkajs-transport';
import { MessageTransport } from './transport/message-transport';

export interface MessagingOptions {
  service: ServiceName;
  brokers: string[];
  idempotentProducer: boolean;
  /** Level of the relay's, consumer's and Kafka client's logs (the service's LOG_LEVEL). */
  logLevel?: string;
  /** Consumer group and inbox name; defaults to the service name. */
  consumerGroup?: string;
  subscribers?: Type<EventSubscriber>[];
  consumer?: { maxAttempts?: number; initialBackoffMs?: number; maxTransientBackoffMs?: number; heldRetryIntervalMs?: number };
  relay?: { pollIntervalMs?: number; batchSize?: number };
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');

/**
 * Starts the outbox relay and the event consumer with the application. Stops them before the
 * application shuts down (before the HTTP server closes and the data source is destroyed), so an
 * event being applied finishes against a live database instead of failing at shutdown.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay?: OutboxRelay;
  private consumerRunner?: EventConsumerRunner;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly moduleRef: ModuleRef,
    private readonly control: ConsumerControl,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { service } = this.options;
    const logger = createLogger(service, this.options.logLevel);
    await this.transport.ensureTopics([Topics[service], dlqTopic(service)]);
    const observed: Partial<ReturnType<typeof backboneMetrics>> = this.metrics ? backboneMetrics(this.metrics, this.dataSource) : {};
    this.relay = new OutboxRelay({
      connectionString: (this.dataSource.options as PostgresConnectionOptions).url!,
      producer: this.transport.producer(),
      logger: logger.child({ component: 'outbox-relay' }),
      onPublished: observed.onPublished,
      ...this.options.relay,
    });
    await this.relay.start();
    const subscribers = (this.options.subscribers ?? []).map((type) => this.moduleRef.get(type, { strict: false }));
    const consumerGroup = this.options.consumerGroup ?? service;
    const parkedEvents = new ParkedEvents(this.dataSource, consumerGroup);
    this.consumerRunner = new EventConsumerRunner({
      parkedEvents,
      consumerName: consumerGroup,
      dlqTopic: dlqTopic(service),
      consumer: this.transport.consumer(consumerGroup),
      dlqProducer: this.transport.producer(),
      unitOfWork: this.unitOfWork,
      subscriptions: subscribers.flatMap((s) => s.subscriptions),
      logger: logger.child({ component: 'event-consumer' }),
      onOutcome: observed.onOutcome,
      ...this.options.consumer,
    });
    this.control.runner = this.consumerRunner;
    this.control.parked = parkedEvents;
    // In the background: a broker or database that is down at start-up is waited for, and the
    // service answers (503 where it needs them) meanwhile.
    this.starting = this.startConsumer(this.consumerRunner, logger);
  }

  private starting?: Promise<void>;
  private stopping = false;

  private async startConsumer(runner: EventConsumerRunner, logger: ReturnType<typeof createLogger>): Promise<void> {
    for (let delayMs = 500; !this.stopping; delayMs = Math.min(delayMs * 2, 10_000)) {
      try {
        await runner.start();
        return;
      } catch (error) {
        logger.warn({ err: error, retryInMs: delayMs }, 'event consumer could not start; retrying');
        await runner.stop().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.consumerRunner?.stop(), this.relay?.stop()]);
    await this.transport.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: MESSAGE_TRANSPORT,
          useFactory: () =>
            new KafkaTransport({
              clientId: `hearth-${options.service}`,
              brokers: options.brokers,
              idempotent: options.idempotentProducer,
              logger: createLogger(options.service, options.logLevel).child({ component: 'kafka' }),
            }),
        },
        { provide: EventOutbox, useFactory: () => new EventOutbox(options.service) },
        {
          provide: KAFKA_HEALTH_PROBE,
          useFactory: (transport: MessageTransport): KafkaHealthProbe => ({ isHealthy: () => transport.isHealthy() }),
          inject: [MESSAGE_TRANSPORT],
        },
        AggregateStore,
        ConsumerControl,
        { provide: CONSUMER_PROGRESS, useExisting: ConsumerControl },
        MessagingLifecycle,
        Snapshots,
      ],
      controllers: [ParkedEventsController, SnapshotsController],
      exports: [EventOutbox, AggregateStore, MESSAGE_TRANSPORT, KAFKA_HEALTH_PROBE],
    };
  }
}
