/** One waitlisted household as ranked today and as a draft policy would score it. */
export interface RankedHousehold {
  reference: string;
  registeredAt: Date;
  currentPriority: number;
  draftPriority: number;
}

export interface HouseholdMove {
  reference: string;
  currentRank: number;
  draftRank: number;
  /** Places gained (positive) or lost (negative). */
  places: number;
  currentPriority: number;
  draftPriority: number;
}

export interface PolicyEffect {
  households: number;
  movedUp: number;
  movedDown: number;
  unchanged: number;
  priorityRaised: number;
  priorityLowered: number;
  largestMoveUp: number;
  largestMoveDown: number;
  /** How many households move by how many places, in five bands. */
  distribution: { up10OrMore: number; up1To9: number; none: number; down1To9: number; down10OrMore: number };
  /** The households that move most (by places, then reference), at most `limit`. */
  largestMoves: HouseholdMove[];
}

/** The waitlist order: priority, then earlier registration, then reference (as the waitlist query sorts). */
function ranks(households: RankedHousehold[], priority: (h: RankedHousehold) => number): Map<string, number> {
  const sorted = [...households].sort(
    (a, b) => priority(b) - priority(a) || a.registeredAt.getTime() - b.registeredAt.getTime() || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0),
  );
  return new Map(sorted.map((h, index) => [h.reference, index + 1]));
}

/** What publishing a draft policy would do to the waitlist's order, household by household. */
export function policyEffect(households: RankedHousehold[], limit = 20): PolicyEffect {
  const current = ranks(households, (h) => h.currentPriority);
  const draft = ranks(households, (h) => h.draftPriority);
  const moves: HouseholdMove[] = households.map((h) => {
    const currentRank = current.get(h.reference)!;
    const draftRank = draft.get(h.reference)!;
    return { reference: h.reference, currentRank, draftRank, places: currentRank - draftRank, currentPriority: h.currentPriority, draftPriority: h.draftPriority };
  });
  const count = (test: (move: HouseholdMove) => boolean) => moves.filter(test).length;
  return {
    households: moves.length,
    movedUp: count((m) => m.places > 0),
    movedDown: count((m) => m.places < 0),
    unchanged: count((m) => m.places === 0),
    priorityRaised: count((m) => m.draftPriority > m.currentPriority),
    priorityLowered: count((m) => m.draftPriority < m.currentPriority),
    largestMoveUp: moves.reduce((most, m) => Math.max(most, m.places), 0),
    largestMoveDown: moves.reduce((most, m) => Math.max(most, -m.places), 0),
    distribution: {
      up10OrMore: count((m) => m.places >= 10),
      up1To9: count((m) => m.places >= 1 && m.places <= 9),
      none: count((m) => m.places === 0),
      down1To9: count((m) => m.places <= -1 && m.places >= -9),
      down10OrMore: count((m) => m.places <= -10),
    },
    largestMoves: moves
      .filter((m) => m.places !== 0)
      .sort((a, b) => Math.abs(b.places) - Math.abs(a.places) || (a.reference < b.reference ? -1 : 1))
      .slice(0, limit),
  };
}
