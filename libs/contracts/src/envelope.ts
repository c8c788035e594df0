import { z } from 'zod';

/** Who caused an event: a signed-in user (id + role) or the system itself (jobs, reactions). */
export const actorRefSchema = z.object({ id: z.string().min(1), role: z.string().min(1) });
export type ActorRef = z.infer<typeof actorRefSchema>;
export const SYSTEM_ACTOR: ActorRef = { id: 'system', role: 'system' };

/** The envelope every Hearth event travels in (docs/architecture.md#envelope). The payload is validated separately,
 *  against the schema its `type` and `version` name in the catalogue. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  source: z.string().min(1),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  aggregateVersion: z.number().int().nonnegative(),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: actorRefSchema,
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };

/** Kafka header names; correlation and causation travel in headers too, so tools can trace
 *  without parsing payloads. */
export const EventHeaders = {
  eventId: 'x-event-id',
  eventType: 'x-event-type',
  eventVersion: 'x-event-version',
  correlationId: 'x-correlation-id',
  causationId: 'x-causation-id',
  dlqError: 'x-dlq-error',
  dlqConsumer: 'x-dlq-consumer',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;
