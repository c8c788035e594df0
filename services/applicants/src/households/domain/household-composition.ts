/** Who lives in the household, as far as housing needs go: no names, only counts and ages. */
export interface HouseholdComposition {
  adults: number;
  /** Adult couples who share a bedroom; at most adults / 2. */
  couples: number;
  childrenAges: number[];
}

export function householdSize({ adults, childrenAges }: HouseholdComposition): number {
  return adults + childrenAges.length;
}
