import { policyEffect, RankedHousehold } from './policy-effect';

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const household = (reference: string, registered: number, currentPriority: number, draftPriority: number): RankedHousehold => ({
  reference,
  registeredAt: day(registered),
  currentPriority,
  draftPriority,
});

describe('the effect of a draft priority policy on the waitlist', () => {
  it('ranks by priority, then earlier registration, then reference, and counts who moves where', () => {
    // Today: A 40 (1st), C 30 (2nd), B 24 (3rd), D 5 (4th). Draft: B 42 (1st), A 40, C 30, D 5.
    const effect = policyEffect([household('HH-A', 1, 40, 40), household('HH-B', 2, 24, 42), household('HH-C', 3, 30, 30), household('HH-D', 4, 5, 5)]);

    expect(effect).toMatchObject({ households: 4, movedUp: 1, movedDown: 2, unchanged: 1, priorityRaised: 1, priorityLowered: 0, largestMoveUp: 2, largestMoveDown: 1 });
    expect(effect.distribution).toEqual({ up10OrMore: 0, up1To9: 1, none: 1, down1To9: 2, down10OrMore: 0 });
    expect(effect.largestMoves).toEqual([
      { reference: 'HH-B', currentRank: 3, draftRank: 1, places: 2, currentPriority: 24, draftPriority: 42 },
      { reference: 'HH-A', currentRank: 1, draftRank: 2, places: -1, currentPriority: 40, draftPriority: 40 },
      { reference: 'HH-C', currentRank: 2, draftRank: 3, places: -1, currentPriority: 30, draftPriority: 30 },
    ]);
  });

  it('breaks equal priorities by registration date, then by reference', () => {
    // Both 20 today: X registered first ranks first. Draft: both 25, same order; Y and Z tie on day 5, Y before Z.
    const effect = policyEffect([household('HH-Z', 5, 10, 25), household('HH-X', 1, 20, 25), household('HH-Y', 5, 20, 25)]);

    expect(effect.largestMoves).toEqual([]);
    expect(effect).toMatchObject({ movedUp: 0, movedDown: 0, unchanged: 3, priorityRaised: 3 });
  });

  it('bands moves of ten places or more, and keeps only the largest moves asked for', () => {
    // Twelve households at 50..39; the last is raised to 60 and jumps 11 places; every other loses one.
    const households = Array.from({ length: 12 }, (_, i) => household(`HH-${String(i).padStart(2, '0')}`, 1, 50 - i, i === 11 ? 60 : 50 - i));

    const effect = policyEffect(households, 3);

    expect(effect.distribution).toEqual({ up10OrMore: 1, up1To9: 0, none: 0, down1To9: 11, down10OrMore: 0 });
    expect(effect.largestMoveUp).toBe(11);
    expect(effect.largestMoves.map((m) => [m.reference, m.places])).toEqual([
      ['HH-11', 11],
      ['HH-00', -1],
      ['HH-01', -1],
    ]);
  });

  it('says nothing moves on an empty waitlist', () => {
    expect(policyEffect([])).toMatchObject({ households: 0, movedUp: 0, movedDown: 0, largestMoveUp: 0, largestMoveDown: 0, largestMoves: [] });
  });
});
