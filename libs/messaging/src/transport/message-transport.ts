/** The library's own view of a message broker; only kafkajs-transport.ts knows kafkajs. */
export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface MessageProducer {
  connect(): Promise<void>;
  /** Sends in the given order; resolves once every message is acknowledged by all in-sync replicas. */
  send(messages: OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface BatchContext {
  /** Marks a message done; its offset becomes committable. */
  markProcessed(message: IncomingMessage): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  /** Stops fetching this partition while its messages wait for a dependency; returns resume. */
  pause?(): () => void;
}

export interface ConsumerHooks {
  /** Called when this member has (re)joined the group and received its partitions. */
  onAssignment?: () => Promise<void>;
}

export interface MessageConsumer {
  /** Delivers messages partition by partition, in order; offsets are committed only for
   *  messages marked processed. */
  run(topics: string[], onBatch: (messages: IncomingMessage[], context: BatchContext) => Promise<void>, hooks?: ConsumerHooks): Promise<void>;
  disconnect(): Promise<void>;
}

export interface MessageTransport {
  producer(): MessageProducer;
  consumer(groupId: string): MessageConsumer;
  /** Best effort: brokers that create topics on first use (and the test broker, which cannot
   *  create them on request) still work when this fails. */
  ensureTopics(topics: string[]): Promise<void>;
  isHealthy(): Promise<boolean>;
  /** Closes what the transport keeps open itself (the health check's connection). */
  close(): Promise<void>;
}
