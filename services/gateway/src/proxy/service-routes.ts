import type { GatewayConfig } from '../config';

/** The services behind the front door: `/api/<service>/…` goes to `<service URL>/…`. */
export const ROUTED_SERVICES = ['landlords', 'units', 'inspections', 'applicants', 'matching', 'leases', 'mediation', 'reporting'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

export function serviceUrls(config: GatewayConfig): Record<RoutedService, string> {
  return {
    landlords: config.LANDLORDS_URL,
    units: config.UNITS_URL,
    inspections: config.INSPECTIONS_URL,
    applicants: config.APPLICANTS_URL,
    matching: config.MATCHING_URL,
    leases: config.LEASES_URL,
    mediation: config.MEDIATION_URL,
    reporting: config.REPORTING_URL,
  };
}
