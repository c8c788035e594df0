export * from './types';
export { parseInstance, InvalidInstanceError } from './instance';
export { isEligible } from './eligibility';
export { score, scoreBreakdown, type ScoreBreakdown } from './score';
export { allocate } from './allocate';
export { verifyCertificate, type VerificationReport } from './certificate';
export { shortlist, eligibilityReasons, type ShortlistEntry } from './shortlist';
export { whyNot, type Ineligibility, type IneligibilityRule } from './why-not';
export { priorityFrontier, frontierInstance, verifyFrontierPoint, type Frontier, type FrontierPoint, type FrontierOptions, type PassedOver } from './frontier';
