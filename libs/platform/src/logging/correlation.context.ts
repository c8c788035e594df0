import { AsyncLocalStorage } from 'node:async_hooks';

export interface CorrelationContext {
  correlationId: string;
  /** Id of the event being handled, when the work was caused by one. */
  causationId?: string;
}

/**
 * Holds the correlation of the current unit of work: an HTTP request (set by
 * CorrelationIdMiddleware) or a consumed event (set by the messaging consumer).
 */
export const correlationStorage = new AsyncLocalStorage<CorrelationContext>();

export function currentCorrelationId(): string | undefined {
  return correlationStorage.getStore()?.correlationId;
}
