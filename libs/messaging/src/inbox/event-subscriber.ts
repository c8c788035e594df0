import { EventDefinition, EventEnvelope, PayloadOf } from '@hearth/contracts';

export type EventHandler<D extends EventDefinition> = (event: EventEnvelope<PayloadOf<D>>) => Promise<unknown>;

export interface Subscription {
  readonly definition: EventDefinition;
  readonly handle: (event: EventEnvelope<never>) => Promise<unknown>;
}

/** Pairs an event type with what to do about it; the payload is typed from the definition. */
export function on<D extends EventDefinition>(definition: D, handle: EventHandler<D>): Subscription {
  return { definition, handle: handle as Subscription['handle'] };
}

/** A service's reaction to another service's events. Keep it thin: map the event to a command. */
export interface EventSubscriber {
  readonly subscriptions: Subscription[];
}
