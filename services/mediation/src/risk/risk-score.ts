import { RiskWeights } from '../config';
import { RiskContribution } from './tenancy-risk.entity';

export interface RiskInputs {
  arrearsEstablished: boolean;
  brokenPaymentPlan: boolean;
  openComplaintIntensities: readonly ('low' | 'medium' | 'high' | 'severe')[];
  missedSupportContacts: number;
  unresolvedCaseReview: boolean;
}

/** Each factor present and its points; the score is their sum (weights and threshold from configuration). */
export function riskContributions(inputs: RiskInputs, weights: RiskWeights): RiskContribution[] {
  const factors: RiskContribution[] = [];
  if (inputs.arrearsEstablished) factors.push({ factor: 'arrears', contribution: weights.arrearsEstablished, detail: 'established arrears' });
  if (inputs.brokenPaymentPlan) factors.push({ factor: 'broken_payment_plan', contribution: weights.brokenPaymentPlan, detail: 'a broken payment plan' });
  if (inputs.openComplaintIntensities.length > 0) {
    const points = inputs.openComplaintIntensities.reduce((sum, intensity) => sum + weights.complaint[intensity], 0);
    factors.push({ factor: 'open_complaints', contribution: points, detail: `${inputs.openComplaintIntensities.length} open complaint(s): ${inputs.openComplaintIntensities.join(', ')}` });
  }
  if (inputs.missedSupportContacts > 0) {
    factors.push({ factor: 'missed_support_contacts', contribution: inputs.missedSupportContacts * weights.missedSupportContact, detail: `${inputs.missedSupportContacts} missed support contact(s)` });
  }
  if (inputs.unresolvedCaseReview) factors.push({ factor: 'unresolved_case_review', contribution: weights.unresolvedCaseReview, detail: 'an unresolved case review' });
  return factors.filter((factor) => factor.contribution > 0);
}
