import { z } from 'zod';
import { ServiceName, Topics } from './topics';

/** A versioned event type: its name, the service and topic that publish it, the aggregate it
 *  belongs to and the schema of its payload. */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly source: ServiceName;
  readonly topic: string;
  readonly aggregateType: string;
  readonly payload: S;
}

export function defineEvent<T extends string, S extends z.ZodType>(def: {
  type: T;
  version?: number;
  source: ServiceName;
  aggregateType: string;
  payload: S;
}): EventDefinition<T, S> {
  return { version: 1, ...def, topic: Topics[def.source] };
}

export type PayloadOf<D> = D extends EventDefinition<string, infer S> ? z.infer<S> : never;
