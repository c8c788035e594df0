/** The applicants service's BullMQ queues. */
export enum ApplicantsQueue {
  Rescoring = 'applicants-rescoring',
}

/** Re-score the waitlist under a newly published priority policy; carries the version only. */
export interface RescoringJobData {
  policyVersion: number;
}

/** One job per policy version, ever: publishing twice or recovering at start-up never queues it again. */
export const rescoringJobId = (policyVersion: number): string => `rescore-policy-${policyVersion}`;
