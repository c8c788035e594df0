import { dlqTopic, ServiceName, Topics } from '@hearth/contracts';
import { UnitOfWork } from '@hearth/persistence';
import { createLogger, KAFKA_HEALTH_PROBE, KafkaHealthProbe, MetricsService } from '@hearth/platform';
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
  Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { EventConsumerRunner } from './inbox/event-consumer-runner';
import { EventSubscriber } from './inbox/event-subscriber';
import { backboneMetrics } from './messaging.metrics';
import { AggregateStore } from './outbox/aggregate-store';
import { EventOutbox } from './outbox/event-outbox';
import { OutboxRelay } from './outbox/outbox-relay';
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
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
  relay?: { pollIntervalMs?: number; batchSize?: number };
}

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');

/** Starts the outbox relay and the event consumer with the application, stops them with it. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: OutboxRelay;
  private consumerRunner?: EventConsumerRunner;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly moduleRef: ModuleRef,
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
    this.consumerRunner = new EventConsumerRunner({
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
    await this.consumerRunner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumerRunner?.stop();
    await this.relay?.stop();
    await this.transport.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
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
        MessagingLifecycle,
      ],
      exports: [EventOutbox, AggregateStore, MESSAGE_TRANSPORT, KAFKA_HEALTH_PROBE],
    };
  }
}
