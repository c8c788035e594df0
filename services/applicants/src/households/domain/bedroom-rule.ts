import { HouseholdComposition } from './household-composition';

/**
 * How many bedrooms a household needs (configurable, a simplified "bedroom standard" that does
 * not ask for anyone's sex):
 * - one bedroom per adult couple, one per other adult;
 * - one per child aged `ownRoomFromAge` or older;
 * - younger children share, `childrenPerRoom` to a room;
 * - a single adult or a couple without children needs `singleOrCouple` (1 by default; 0 lets
 *   them be offered studios as well as one-bedroom flats).
 * Staff can override the result with a reason (PUT /households/:id/needs).
 */
export interface BedroomRule {
  singleOrCouple: number;
  ownRoomFromAge: number;
  childrenPerRoom: number;
}

export function bedroomsByRule(rule: BedroomRule, { adults, couples, childrenAges }: HouseholdComposition): number {
  if (childrenAges.length === 0 && (adults === 1 || (adults === 2 && couples === 1))) return rule.singleOrCouple;
  const olderChildren = childrenAges.filter((age) => age >= rule.ownRoomFromAge).length;
  const youngerChildren = childrenAges.length - olderChildren;
  const rooms = couples + (adults - 2 * couples) + olderChildren + Math.ceil(youngerChildren / rule.childrenPerRoom);
  return rooms;
}
