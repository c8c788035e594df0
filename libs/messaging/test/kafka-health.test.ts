import { createLogger } from '@hearth/platform';
import { KafkaTestBroker, requiredBrokers } from '@hearth/testing';
import { Kafka } from 'kafkajs';
import { KafkaTransport } from '../src';

const logger = createLogger('messaging-test').child({}, { level: 'silent' });

/** What /health asks of Kafka: one connection kept between checks, not a new one per call. */
describe('KafkaTransport.isHealthy', () => {
  const transports: KafkaTransport[] = [];
  const transport = (brokers: string[]) => {
    const created = new KafkaTransport({ clientId: 'health-test', brokers, idempotent: false, logger });
    transports.push(created);
    return created;
  };

  afterEach(async () => {
    jest.restoreAllMocks();
    while (transports.length) await transports.pop()!.close();
  });

  it('answers every check over one admin connection', async () => {
    const admins = jest.spyOn(Kafka.prototype, 'admin');
    const kafka = transport(requiredBrokers().split(','));

    const answers = [];
    for (let check = 0; check < 5; check++) answers.push(await kafka.isHealthy());

    expect(answers).toEqual([true, true, true, true, true]);
    expect(admins).toHaveBeenCalledTimes(1);
  });

  it('reports a frozen broker down, then connects again once it is back', async () => {
    const broker = await KafkaTestBroker.start({ brokers: 1 });
    try {
      const admins = jest.spyOn(Kafka.prototype, 'admin');
      const kafka = transport(broker.brokers);
      await expect(kafka.isHealthy()).resolves.toBe(true);

      broker.freeze();
      await expect(kafka.isHealthy()).resolves.toBe(false);
      broker.thaw();

      await expect(kafka.isHealthy()).resolves.toBe(true);
      expect(admins).toHaveBeenCalledTimes(2);
    } finally {
      await broker.stop();
    }
  });
});
