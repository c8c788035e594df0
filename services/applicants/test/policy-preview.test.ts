import { Topics } from '@hearth/contracts';
import { anAssessment, aPriorityPolicy, bearer, readEvents, settled, TestApp } from '@hearth/testing';
import { databaseSnapshot, HouseholdJourney, staff, startApplicants } from './support';

/**
 * The board previews a draft policy before publishing it. The service has its own database, so
 * the waitlist is exactly the four households below and the expected moves are worked by hand.
 */
describe('applicants service: previewing a draft priority policy', () => {
  let service: TestApp;
  const board = bearer('board_member');

  beforeAll(async () => {
    ({ service } = await startApplicants());
  });

  afterAll(() => service?.close());

  it('tells who would move up or down and by how many places, and writes and publishes nothing', async () => {
    const journey = new HouseholdJourney(service);
    // Policy v1: A rough sleeping 40; B overcrowded 12 + domestic violence 12 = 24;
    // C temporary accommodation 20 + 10 months = 30; D other 5. Ranks now: A, C, B, D.
    const a = await journey.waitlisted({ assessment: anAssessment().livingIn('rough_sleeping').homelessFor(0) });
    const b = await journey.waitlisted({ assessment: anAssessment().livingIn('overcrowded').homelessFor(0).vulnerable('domesticViolence') });
    const c = await journey.waitlisted({ assessment: anAssessment().livingIn('temporary_accommodation').homelessFor(10) });
    const d = await journey.waitlisted({ assessment: anAssessment().livingIn('other').homelessFor(0) });
    await settled(service);
    const before = await databaseSnapshot(service.database);
    // Other suites share the broker: count only the events about these households.
    const ours = async () => (await readEvents(Topics.applicants)).filter((e) => [a.id, b.id, c.id, d.id].includes(e.aggregateId));
    const eventsBefore = (await ours()).length;

    // Draft: domestic violence 30, so B scores 12 + 30 = 42 and ranks first: B, A, C, D.
    const draft = aPriorityPolicy().weighting('vulnerabilities', 'domesticViolence', 30).build();
    const { body } = await service.http.post('/priority-policies/preview').set(board).send({ weights: draft.weights }).expect(200);

    expect(body).toMatchObject({
      basedOnVersion: 1,
      households: 4,
      movedUp: 1,
      movedDown: 2,
      unchanged: 1,
      priorityRaised: 1,
      priorityLowered: 0,
      largestMoveUp: 2,
      largestMoveDown: 1,
      distribution: { up10OrMore: 0, up1To9: 1, none: 1, down1To9: 2, down10OrMore: 0 },
    });
    const moves = Object.fromEntries(body.largestMoves.map((m: { reference: string }) => [m.reference, m]));
    expect(moves[b.reference]).toEqual({ reference: b.reference, currentRank: 3, draftRank: 1, places: 2, currentPriority: 24, draftPriority: 42 });
    expect(moves[a.reference]).toMatchObject({ currentRank: 1, draftRank: 2, places: -1 });
    expect(moves[c.reference]).toMatchObject({ currentRank: 2, draftRank: 3, places: -1 });
    expect(moves[d.reference]).toBeUndefined();

    await settled(service);
    expect(await databaseSnapshot(service.database)).toEqual(before);
    expect(await ours()).toHaveLength(eventsBefore);
  });

  it('refuses invalid weights naming the fields, and anyone but a board member', async () => {
    const invalid = aPriorityPolicy().weighting('livingSituation', 'rough_sleeping', 250).build();
    const refused = await service.http.post('/priority-policies/preview').set(board).send({ weights: invalid.weights, extra: true }).expect(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['weights.livingSituation.rough_sleeping']));

    const valid = aPriorityPolicy().build();
    await service.http.post('/priority-policies/preview').set(staff).send({ weights: valid.weights }).expect(403);
    await service.http.post('/priority-policies/preview').set(bearer('caseworker')).send({ weights: valid.weights }).expect(403);
    await service.http.post('/priority-policies/preview').send({ weights: valid.weights }).expect(401);
  });
});
