import { MetricsService } from '@hearth/platform';
import { DataSource } from 'typeorm';
import { ConsumeOutcome } from './inbox/event-consumer-runner';

/**
 * The backbone's Prometheus metrics: is the relay keeping up (pending rows, age of the oldest),
 * how much it publishes, and what the consumer does with each event type. The gauges are read
 * from the outbox when scraped (the partial index on unpublished rows keeps that cheap).
 */
export function backboneMetrics(metrics: MetricsService, dataSource: DataSource) {
  // A scrape collects both gauges at once: they share one read of the outbox.
  let reading: Promise<{ rows: number; oldest: number }> | undefined;
  const pending = () =>
    (reading ??= dataSource
      .query(
        `SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS oldest FROM outbox WHERE published_at IS NULL`,
      )
      .then(([row]: { rows: number; oldest: number }[]) => row)
      .finally(() => (reading = undefined)));
  metrics.gauge({
    name: 'hearth_outbox_pending_events',
    help: 'Events committed to the outbox and not yet published',
    async collect() {
      this.set((await pending().catch(() => ({ rows: -1 }))).rows);
    },
  });
  metrics.gauge({
    name: 'hearth_outbox_oldest_pending_seconds',
    help: 'Age of the oldest event not yet published (0 when none is pending)',
    async collect() {
      this.set((await pending().catch(() => ({ oldest: -1 }))).oldest);
    },
  });
  const published = metrics.counter({ name: 'hearth_outbox_published_events_total', help: 'Events the outbox relay published, acknowledged by the broker' });
  const consumed = metrics.counter({
    name: 'hearth_consumed_events_total',
    help: 'Events consumed, by type and outcome (applied, duplicate, dead_lettered)',
    labelNames: ['event_type', 'outcome'],
  });
  return {
    onPublished: (count: number) => published.inc(count),
    onOutcome: (eventType: string, outcome: ConsumeOutcome) => consumed.inc({ event_type: eventType, outcome }),
  };
}
