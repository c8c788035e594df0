import { Topics } from '@hearth/contracts';
import { anEnvelope, TestProducer } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveUpdates as LiveUpdatesToken } from '../src/live/live-updates';
import { startGateway, STRONG_PASSWORD, type TestGateway } from './support';

/** An open event stream: the parsed `data:` of each event, as they come. */
class EventStream {
  readonly events: { type: string; data: Record<string, unknown> }[] = [];
  private constructor(readonly response: IncomingMessage) {
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) this.events.push({ type, data: JSON.parse(data) });
      }
    });
  }

  static open(url: string, token?: string): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(url, { headers: { accept: 'text/event-stream', ...(token && { authorization: `Bearer ${token}` }) } }, (response) => resolve(new EventStream(response)));
      request.on('error', reject);
      request.end();
    });
  }

  async next(predicate: (event: { type: string; data: Record<string, unknown> }) => boolean, timeoutMs = 20_000) {
    const started = Date.now();
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.response.destroy();
  }
}

describe('gateway: live updates for the console (server-sent events from Kafka)', () => {
  let gateway: TestGateway;
  let url: string;
  let producer: TestProducer;

  beforeAll(async () => {
    gateway = await startGateway();
    await gateway.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}/events`;
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await gateway?.close();
  });

  it('streams offer and flat events to signed-in staff, with ids only', async () => {
    const staff = await gateway.activeUser(['sra_staff']);
    const stream = await EventStream.open(url, (await gateway.signIn(staff.email, STRONG_PASSWORD)).accessToken);
    try {
      expect(stream.response.statusCode).toBe(200);
      expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
      await stream.next((event) => event.type === 'ready');
      await gateway.app.get(LiveUpdatesToken).ready;

      const offerId = randomUUID();
      const unitId = randomUUID();
      const householdId = randomUUID();
      const payload = { offerId, unitId, householdId, reference: 'HX-LIVE', acceptedAt: new Date().toISOString() };
      await producer.send(Topics.matching, offerId, anEnvelope({ type: 'OfferAccepted', source: 'matching', aggregateType: 'Offer', aggregateId: offerId, aggregateVersion: 3, payload }));
      await producer.send(Topics.units, unitId, anEnvelope({ type: 'UnitReserved', source: 'units', aggregateType: 'Unit', aggregateId: unitId, aggregateVersion: 5, payload: { unitId, landlordId: randomUUID() } }));

      const accepted = await stream.next((event) => event.data.offerId === offerId);
      expect(accepted.type).toBe('message');
      expect(accepted.data).toEqual({ type: 'OfferAccepted', occurredAt: expect.any(String), offerId, unitId });
      // Nothing about the household travels to the browser.
      expect(JSON.stringify(stream.events)).not.toContain(householdId);
      expect(JSON.stringify(stream.events)).not.toContain('HX-LIVE');
      expect((await stream.next((event) => event.data.type === 'UnitReserved' && event.data.unitId === unitId)).data).toEqual({ type: 'UnitReserved', occurredAt: expect.any(String), unitId });
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a token (401) and to roles it is not for (403)', async () => {
    const anonymous = await EventStream.open(url);
    expect(anonymous.response.statusCode).toBe(401);
    anonymous.close();
    const landlord = await gateway.activeUser(['landlord']);
    const refused = await EventStream.open(url, (await gateway.signIn(landlord.email, STRONG_PASSWORD)).accessToken);
    expect(refused.response.statusCode).toBe(403);
    refused.close();
  });
});
