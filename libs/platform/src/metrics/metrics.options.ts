export interface MetricsModuleOptions {
  /** Added as a `service` label to every metric. */
  service: string;
  /** When set, a scrape must present it (bearer, or basic-auth password); see METRICS_TOKEN. */
  token?: string;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
