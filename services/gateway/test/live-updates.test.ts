import { Topics } from '@hearth/contracts';
import { anEnvelope, TestProducer } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
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

/**
 * A real HTTP server where the matching service would be, answering GET /offers/:offerId as
 * matching does for a caseworker: 200 when the offer's household is on the caller's caseload
 * (the caller is the token's subject), 404 otherwise. Records who asked about which offer.
 */
class MatchingStandIn {
  readonly caseloads = new Map<string, string>();
  readonly asked: { caller: string; offerId: string; authorization: string }[] = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<MatchingStandIn> {
    let standIn!: MatchingStandIn;
    const server = createServer((request, response) => {
      const authorization = request.headers.authorization ?? '';
      const caller = String(JSON.parse(Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1] ?? '', 'base64url').toString() || '{}').sub ?? '');
      const offerId = /^\/offers\/([^/?]+)$/.exec(request.url ?? '')?.[1] ?? '';
      standIn.asked.push({ caller, offerId, authorization });
      const mine = standIn.caseloads.get(offerId) === caller;
      response.writeHead(mine ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(mine ? { id: offerId } : { code: 'OFFER.NOT_FOUND' }));
    });
    standIn = new MatchingStandIn(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('gateway: live updates for the console (server-sent events from Kafka)', () => {
  let gateway: TestGateway;
  let url: string;
  let producer: TestProducer;
  let matching: MatchingStandIn;

  beforeAll(async () => {
    matching = await MatchingStandIn.start();
    gateway = await startGateway({ MATCHING_URL: matching.url });
    await gateway.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}/events`;
    producer = await TestProducer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await gateway?.close();
    await matching?.stop();
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
    const inspector = await gateway.activeUser(['inspector']);
    const refused = await EventStream.open(url, (await gateway.signIn(inspector.email, STRONG_PASSWORD)).accessToken);
    expect(refused.response.statusCode).toBe(403);
    refused.close();
  });

  it('gives a landlord the events of their own flats only, and a caseworker those of the offers for their own caseload only', async () => {
    const landlordA = randomUUID();
    const landlordB = randomUUID();
    const [staff, ownerA, ownerB, caseworker1, caseworker2] = await Promise.all([
      gateway.activeUser(['sra_staff']),
      gateway.activeUser(['landlord'], { landlordId: landlordA }),
      gateway.activeUser(['landlord'], { landlordId: landlordB }),
      gateway.activeUser(['caseworker']),
      gateway.activeUser(['caseworker']),
    ]);
    const tokens = await Promise.all([staff, ownerA, ownerB, caseworker1, caseworker2].map(async (user) => (await gateway.signIn(user.email, STRONG_PASSWORD)).accessToken));
    const [staffStream, streamA, streamB, stream1, stream2] = await Promise.all(tokens.map((token) => EventStream.open(url, token)));
    const streams = [staffStream, streamA, streamB, stream1, stream2];
    try {
      for (const stream of streams) {
        expect(stream.response.statusCode).toBe(200);
        await stream.next((event) => event.type === 'ready');
      }
      await gateway.app.get(LiveUpdatesToken).ready;

      const received = (stream: EventStream) => stream.events.filter((event) => event.type === 'message').map((event) => [event.data.type, String(event.data.type).startsWith('Offer') ? event.data.offerId : event.data.unitId]);
      const sendUnit = (key: string, type: string, unitId: string, landlordId: string) =>
        producer.send(Topics.units, key, anEnvelope({ type, source: 'units', aggregateType: 'Unit', aggregateId: unitId, aggregateVersion: 2, payload: { unitId, landlordId } }));

      // 1. Flats of both landlords, under one key: one partition, so they are delivered in this
      // order, and each stream decides its notices in order: a landlord's last own notice shows
      // every earlier one was decided.
      const [unitA1, unitB1, unitA2, unitB2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const unitKey = randomUUID();
      await sendUnit(unitKey, 'UnitBecameAvailable', unitA1, landlordA);
      await sendUnit(unitKey, 'UnitReserved', unitB1, landlordB);
      await sendUnit(unitKey, 'UnitLet', unitA2, landlordA);
      await sendUnit(unitKey, 'UnitWithdrawn', unitB2, landlordB);
      await staffStream.next((event) => event.data.unitId === unitB2);
      await streamA.next((event) => event.data.unitId === unitA2);
      await streamB.next((event) => event.data.unitId === unitB2);

      // 2. Offers for a household of each caseworker's caseload, under one key as well.
      const [offerFor1, offerFor2] = [randomUUID(), randomUUID()];
      matching.caseloads.set(offerFor1, caseworker1.id);
      matching.caseloads.set(offerFor2, caseworker2.id);
      const offerKey = randomUUID();
      for (const [type, offerId] of [
        ['OfferMade', offerFor1],
        ['OfferMade', offerFor2],
        ['OfferAccepted', offerFor1],
        ['OfferDeclined', offerFor2],
      ]) {
        const payload = { offerId, unitId: randomUUID(), householdId: randomUUID(), reference: 'HX-LIVE' };
        await producer.send(Topics.matching, offerKey, anEnvelope({ type, source: 'matching', aggregateType: 'Offer', aggregateId: offerId, aggregateVersion: 2, payload }));
      }
      await staffStream.next((event) => event.data.type === 'OfferDeclined' && event.data.offerId === offerFor2);
      await stream1.next((event) => event.data.type === 'OfferAccepted' && event.data.offerId === offerFor1);
      await stream2.next((event) => event.data.type === 'OfferDeclined' && event.data.offerId === offerFor2);

      // 3. One more flat event each, after the offers: the landlords have decided about the offers.
      const lastKey = randomUUID();
      await sendUnit(lastKey, 'UnitReleased', unitA1, landlordA);
      await sendUnit(lastKey, 'UnitReleased', unitB1, landlordB);
      await streamA.next((event) => event.data.type === 'UnitReleased' && event.data.unitId === unitA1);
      await streamB.next((event) => event.data.type === 'UnitReleased' && event.data.unitId === unitB1);

      // Staff receive every one (other suites share the test broker: only this test's are counted).
      const ours = new Set<string>([unitA1, unitB1, unitA2, unitB2, offerFor1, offerFor2]);
      await staffStream.next((event) => event.data.type === 'UnitReleased' && event.data.unitId === unitB1);
      expect(received(staffStream).filter(([, id]) => ours.has(String(id)))).toHaveLength(10);
      // Each landlord: their own flats only, and no offer.
      expect(received(streamA)).toEqual([
        ['UnitBecameAvailable', unitA1],
        ['UnitLet', unitA2],
        ['UnitReleased', unitA1],
      ]);
      expect(received(streamB)).toEqual([
        ['UnitReserved', unitB1],
        ['UnitWithdrawn', unitB2],
        ['UnitReleased', unitB1],
      ]);
      // Each caseworker: the offers of their own caseload only (no flat), as matching decides it for their own token.
      expect(received(stream1)).toEqual([
        ['OfferMade', offerFor1],
        ['OfferAccepted', offerFor1],
      ]);
      expect(received(stream2)).toEqual([
        ['OfferMade', offerFor2],
        ['OfferDeclined', offerFor2],
      ]);
      const asked = matching.asked.filter((ask) => ask.offerId === offerFor1 || ask.offerId === offerFor2);
      expect(asked.filter((ask) => ask.caller === caseworker1.id).map((ask) => ask.offerId)).toEqual([offerFor1, offerFor2, offerFor1, offerFor2]);
      expect(asked.filter((ask) => ask.caller === caseworker1.id).every((ask) => ask.authorization === `Bearer ${tokens[3]}`)).toBe(true);
      // Only the caseworkers' streams ask (landlords never receive offers; staff receive all without asking).
      expect(asked.every((ask) => ask.caller === caseworker1.id || ask.caller === caseworker2.id)).toBe(true);
      expect(asked).toHaveLength(8);
      // Nothing about a household or a landlord travels to the browser.
      for (const stream of streams) {
        expect(JSON.stringify(stream.events)).not.toContain('HX-LIVE');
        expect(JSON.stringify(stream.events)).not.toContain(landlordA);
        expect(JSON.stringify(stream.events)).not.toContain(landlordB);
      }
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
