import { ApplicantPaused, ApplicantPausedV1, ApplicantWaitlisted } from '@hearth/contracts';
import type { UnitOfWork } from '@hearth/persistence';
import type { Logger } from 'pino';
import type { MessageConsumer, MessageProducer } from '../transport/message-transport';
import { EventConsumerRunner } from './event-consumer-runner';
import { on } from './event-subscriber';
import type { ParkedEvents } from './parked-events';

const handle = async () => undefined;

function runner(subscriptions: ReturnType<typeof on>[], warn = jest.fn()) {
  const logger = { warn } as unknown as Logger;
  return new EventConsumerRunner({
    consumerName: 'matching',
    dlqTopic: 'hearth.matching.dlq',
    consumer: {} as MessageConsumer,
    dlqProducer: {} as MessageProducer,
    unitOfWork: {} as UnitOfWork,
    parkedEvents: {} as ParkedEvents,
    subscriptions,
    logger,
  });
}

describe('EventConsumerRunner subscriptions', () => {
  it('takes a handler per version of a type, side by side', () => {
    expect(() => runner([on(ApplicantPaused, handle), on(ApplicantPausedV1, handle)])).not.toThrow();
  });

  it('refuses two handlers for the same version', () => {
    expect(() => runner([on(ApplicantPaused, handle), on(ApplicantPaused, handle)])).toThrow('matching: two handlers for event type ApplicantPaused@2');
  });

  it('warns at start-up about a newer version of a subscribed type it will hold, having no handler for it', () => {
    const warn = jest.fn();

    runner([on(ApplicantPausedV1, handle), on(ApplicantWaitlisted, handle)], warn);

    expect(warn.mock.calls.map(([, message]) => message)).toEqual(['matching holds ApplicantPaused@2 until a consumer that handles it runs']);
  });

  it('warns at start-up about an older version of a subscribed type it ignores', () => {
    const warn = jest.fn();

    runner([on(ApplicantPaused, handle)], warn);

    expect(warn.mock.calls.map(([, message]) => message)).toEqual(['matching ignores ApplicantPaused@1: no handler for that older version']);
  });
});
