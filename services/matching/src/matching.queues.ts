/** The BullMQ queues of the matching service (their keys live under BULLMQ_PREFIX). Job ids are
 *  deterministic; BullMQ refuses a custom id with a single colon, so they use dashes. */
export enum MatchingQueue {
  Shortlists = 'matching.shortlists',
  OfferExpiry = 'matching.offer-expiry',
  AllocationRuns = 'matching.allocation-runs',
}

export const shortlistJobId = (unitId: string, unitVersion: number): string => `shortlist-${unitId}-v${unitVersion}`;
export const offerExpiryJobId = (offerId: string): string => `offer-expiry-${offerId}`;
export const allocationRunJobId = (runId: string): string => `allocation-run-${runId}`;
