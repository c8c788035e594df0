import { Inject, Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics.options';

type Config<C> = Omit<C, 'registers'>;

/**
 * The application's Prometheus registry. One per application (not prom-client's global
 * one), so several apps in one process do not collide; other libs add their metrics with
 * counter()/gauge()/histogram(), which return the existing metric when asked twice.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(@Inject(METRICS_OPTIONS) { service }: MetricsModuleOptions) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'hearth_' });
    this.httpRequestDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'Duration of HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  counter<T extends string>(config: Config<CounterConfiguration<T>>): Counter<T> {
    return this.getOrCreate(config.name, Counter<T>, () => new Counter({ ...config, registers: [this.registry] }));
  }

  gauge<T extends string>(config: Config<GaugeConfiguration<T>>): Gauge<T> {
    return this.getOrCreate(config.name, Gauge<T>, () => new Gauge({ ...config, registers: [this.registry] }));
  }

  histogram<T extends string>(config: Config<HistogramConfiguration<T>>): Histogram<T> {
    return this.getOrCreate(config.name, Histogram<T>, () => new Histogram({ ...config, registers: [this.registry] }));
  }

  private getOrCreate<M>(name: string, type: new (...args: never[]) => M, create: () => M): M {
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) {
      return create();
    }
    if (!(existing instanceof type)) {
      throw new Error(`Metric ${name} is already registered with another type`);
    }
    return existing;
  }
}
