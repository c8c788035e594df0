import { KafkaTestBroker } from '../kafka-test-broker';

/** One Kafka test broker for the whole Jest run; workers inherit its address via the env. */
export default async function globalSetup(): Promise<void> {
  // Loggers made outside Nest (relays, consumers, jobs) read LOG_LEVEL: keep test output to warnings.
  process.env.LOG_LEVEL ??= 'warn';
  if (process.env.KAFKA_BROKERS) return;
  const broker = await KafkaTestBroker.start();
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  process.env.KAFKA_TEST_BROKER_PID = String(broker.pid);
  (globalThis as { __hearthBroker?: KafkaTestBroker }).__hearthBroker = broker;
}
