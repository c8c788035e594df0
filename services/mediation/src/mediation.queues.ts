/** The BullMQ queues of the mediation service (their keys live under BULLMQ_PREFIX). */
export enum MediationQueue {
  /** Every time limit: complaint acknowledgements and answers, preparation tasks, post-arrival meetings. */
  Deadlines = 'mediation.deadlines',
  /** The daily digest of overdue and stalled cases per owner. */
  Digest = 'mediation.digest',
}
