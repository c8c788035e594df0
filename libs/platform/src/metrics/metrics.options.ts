export interface MetricsModuleOptions {
  /** Added as a `service` label to every metric. */
  service: string;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
