/** The BullMQ queues of the inspections service (their keys live under BULLMQ_PREFIX). */
export enum InspectionsQueue {
  RepairDeadlines = 'inspections.repair-deadlines',
}
