/** One topic per producing service; the message key is the aggregate id. */
export const Topics = {
  landlords: 'hearth.landlords',
  units: 'hearth.units',
  inspections: 'hearth.inspections',
  applicants: 'hearth.applicants',
  matching: 'hearth.matching',
  leases: 'hearth.leases',
  mediation: 'hearth.mediation',
  gateway: 'hearth.gateway',
  /** Reporting publishes nothing; the name gives it its dead-letter topic, hearth.reporting.dlq. */
  reporting: 'hearth.reporting',
} as const;

export type ServiceName = keyof typeof Topics;
export type Topic = (typeof Topics)[ServiceName];

export function dlqTopic(service: string): string {
  return `hearth.${service}.dlq`;
}
