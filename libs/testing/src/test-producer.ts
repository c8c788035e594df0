import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { requiredBrokers } from './topic-reader';

/** Puts messages on a topic the way another service (or a broken one) would. */
export class TestProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers = requiredBrokers()): Promise<TestProducer> {
    const kafka = new Kafka({ clientId: `test-${randomUUID()}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: false, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new TestProducer(producer);
  }

  async send(topic: string, key: string, value: string | object, headers: Record<string, string> = {}): Promise<void> {
    await this.producer.send({
      topic,
      acks: -1,
      messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value), headers }],
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
