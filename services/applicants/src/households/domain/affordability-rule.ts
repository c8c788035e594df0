import { HouseholdComposition } from './household-composition';

/**
 * The highest monthly rent a household can pay (configurable):
 *   maxRent = min(rentShare × income, income − residual), never below 0, rounded down to whole euros,
 * where income = net monthly income + benefits, and residual = what the household must keep to
 * live on after rent: `residualPerAdult` per adult plus `residualPerChild` per child.
 * Staff can also set maxRent directly (e.g. when a rent subsidy applies).
 */
export interface AffordabilityRule {
  rentShare: number;
  residualPerAdult: number;
  residualPerChild: number;
}

export interface MonthlyIncome {
  monthlyIncome: number;
  monthlyBenefits: number;
}

export function affordableRent(rule: AffordabilityRule, income: MonthlyIncome, composition: HouseholdComposition): number {
  const total = income.monthlyIncome + income.monthlyBenefits;
  const residual = rule.residualPerAdult * composition.adults + rule.residualPerChild * composition.childrenAges.length;
  const byShare = rule.rentShare * total;
  return Math.max(0, Math.floor(Math.min(byShare, total - residual) + 1e-9));
}
