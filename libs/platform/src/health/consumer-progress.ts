/** Where a service's event consumer stands on its topics. */
export interface ConsumerProgress {
  readonly consumerGroup: string;
  readonly topics: string[];
  /** Every event before this offset of the partition is settled (applied, parked or ignored). */
  position(topic: string, partition: number): bigint;
  /** Stops taking events (an event being applied finishes first). */
  stop(): Promise<void>;
}

/** Provided by the messaging module; `runner` is there once the consumer has started. */
export interface ConsumerProgressSource {
  readonly runner?: ConsumerProgress;
}

/** Injection token of the ConsumerProgressSource (tests wait on it before asserting an absence). */
export const CONSUMER_PROGRESS = 'HEARTH_CONSUMER_PROGRESS';
