/** The BullMQ queues of the reporting service (their keys live under BULLMQ_PREFIX). */
export enum ReportingQueue {
  DailySnapshots = 'reporting.daily-snapshots',
}
