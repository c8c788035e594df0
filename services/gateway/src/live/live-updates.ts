import { Topics } from '@hearth/contracts';
import { MESSAGE_TRANSPORT, type IncomingMessage, type MessageConsumer, type MessageTransport } from '@hearth/messaging';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/**
 * What the console is told when something it may be showing has changed: the event's type and the
 * ids of what it is about, never anything about a household (not even its pseudonymous reference).
 */
export interface LiveNotice {
  type: string;
  occurredAt: string;
  unitId?: string;
  offerId?: string;
  runId?: string;
}

/**
 * Who a notice concerns, for deciding who may receive it (never sent to a browser): the landlord
 * of the flat, and the household an offer is for.
 */
export interface LiveAudience {
  landlordId?: string;
  householdId?: string;
}

/** The events people wait for: a flat becoming available (its shortlist follows), offers moving, runs finishing. */
const FOLLOWED: Record<string, readonly (keyof LiveNotice)[]> = {
  OfferProposed: ['offerId', 'unitId'],
  OfferMade: ['offerId', 'unitId'],
  OfferAccepted: ['offerId', 'unitId'],
  OfferDeclined: ['offerId', 'unitId'],
  OfferExpired: ['offerId', 'unitId'],
  OfferWithdrawn: ['offerId', 'unitId'],
  AllocationRunCompleted: ['runId'],
  AllocationRunApproved: ['runId'],
  AllocationRunRejected: ['runId'],
  UnitSubmittedForInspection: ['unitId'],
  UnitBecameAvailable: ['unitId'],
  UnitSuspendedForRepairs: ['unitId'],
  UnitReserved: ['unitId'],
  UnitReleased: ['unitId'],
  UnitLet: ['unitId'],
  UnitVacating: ['unitId'],
  UnitWithdrawn: ['unitId'],
};

/**
 * Kafka to the browsers connected to GET /events. Each gateway instance reads the topics in a
 * consumer group of its own (every instance must see every event), started when the first browser
 * connects; events that happened before it started are skipped, not replayed. Nothing is stored:
 * a browser that was away refetches what it shows when it reconnects.
 */
@Injectable()
export class LiveUpdates implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveUpdates');
  private readonly listeners = new Set<(notice: LiveNotice, audience: LiveAudience) => void>();
  private consumer?: MessageConsumer;
  private since = 0;

  constructor(@Inject(MESSAGE_TRANSPORT) private readonly transport: MessageTransport) {}

  subscribe(listener: (notice: LiveNotice, audience: LiveAudience) => void): () => void {
    this.listeners.add(listener);
    this.start();
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the consumer has joined its group (for tests that publish right after connecting). */
  ready?: Promise<void>;

  private start(): void {
    if (this.consumer) return;
    this.since = Date.now() - 5_000;
    const consumer = this.transport.consumer(`gateway-live-${randomUUID()}`);
    this.consumer = consumer;
    this.ready = new Promise((resolve) => {
      consumer
        .run([Topics.matching, Topics.units], async (messages, context) => {
          for (const message of messages) {
            this.deliver(message);
            context.markProcessed(message);
          }
        }, { onAssignment: async () => resolve() })
        .catch((error) => this.logger.error({ err: error }, 'live updates stopped: the consumer could not start'));
    });
  }

  private deliver(message: IncomingMessage): void {
    if (!message.value || this.listeners.size === 0) return;
    let envelope: { type?: string; occurredAt?: string; payload?: Record<string, unknown> };
    try {
      envelope = JSON.parse(message.value) as typeof envelope;
    } catch {
      return;
    }
    const fields = envelope.type ? FOLLOWED[envelope.type] : undefined;
    if (!fields || !envelope.occurredAt || Date.parse(envelope.occurredAt) < this.since) return;
    const notice: LiveNotice = { type: envelope.type!, occurredAt: envelope.occurredAt };
    for (const field of fields) {
      const value = envelope.payload?.[field];
      if (typeof value === 'string') (notice as unknown as Record<string, string>)[field] = value;
    }
    const audience: LiveAudience = {};
    for (const field of ['landlordId', 'householdId'] as const) {
      const value = envelope.payload?.[field];
      if (typeof value === 'string') audience[field] = value;
    }
    for (const listener of this.listeners) listener(notice, audience);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
