/** The BullMQ queues of the leases service (their keys live under BULLMQ_PREFIX). */
export enum LeasesQueue {
  /** A signed tenancy's start date and a tenancy's end date. */
  TenancyDates = 'leases.tenancy-dates',
  /** The monthly rent charge of each tenancy and the owner's due of each head lease. */
  Monthly = 'leases.monthly',
}
