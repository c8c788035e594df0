import type { KafkaTestBroker } from '../kafka-test-broker';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hearthBroker?: KafkaTestBroker }).__hearthBroker?.stop();
}
