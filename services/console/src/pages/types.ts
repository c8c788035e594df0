/** The shapes the services answer with (only what the screens read). */
export interface Unit {
  id: string;
  version: number;
  landlordId: string;
  status: string;
  pendingReason: string | null;
  address: string;
  postalCode: string;
  city: string;
  districtCode: string;
  type: string;
  bedrooms: number;
  floorArea: number;
  floor: number;
  maxOccupants: number;
  rent: number | string;
  serviceCharges: number | string;
  energyLabel: string;
  wheelchairAccessible: boolean;
  stepFree: boolean;
  availableFrom: string | null;
  createdAt: string;
}

export interface Inspection {
  id: string;
  version: number;
  unitId: string;
  unit: { address: string; postalCode: string; city: string } | null;
  type: string;
  status: string;
  outcome: string | null;
  scheduledAt: string | null;
}

export interface Offer {
  id: string;
  version: number;
  unitId: string;
  householdId: string;
  reference: string;
  status: string;
  score: number | null;
  rank: number | null;
  responseDeadline: string | null;
  madeAt: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface ScoreBreakdown {
  priority: number;
  waiting: number;
  preference: number;
  fit: number;
  total: number;
}

export interface Shortlist {
  unitId: string;
  computedAt: string;
  waitlistChangedSince: boolean;
  candidates: number;
  entries: { rank: number; householdId: string; reference: string; score: number; breakdown: ScoreBreakdown; reasons: string[]; priority: number; waitingDays: number }[];
}

export interface WhyNot {
  eligible: boolean;
  reference: string;
  failedRules: { rule: string; message: string }[];
  obstacles: { code: string; message: string }[];
  score: ScoreBreakdown | null;
  rank: number | null;
  shortlistSize: number;
  summary: string;
}
