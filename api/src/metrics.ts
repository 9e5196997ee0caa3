/**
 * Prometheus metrics (prom-client), one registry per api instance: tests run several instances in one
 * process, and a global registry would mix their numbers. Counters count what this instance did;
 * gauges about shared state (deliveries, queue depth) are read from the database at scrape time.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Models } from './models/index.js';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  registrations: Counter<'outcome'>;
  schedulerFires: Counter<'result'>;
  wecomPosts: Counter<'outcome'>;
  notifications: Counter<'kind' | 'outcome'>;
}

const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;

export function createMetrics(models: Models, now: () => Date): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'techbridge_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern (never the raw path, which may carry ids)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const registrations = new Counter({
    name: 'techbridge_registrations_total',
    help: 'Sign-ups accepted by this instance, by outcome (confirmed, waitlisted, pending_approval)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const schedulerFires = new Counter({
    name: 'techbridge_scheduler_fires_total',
    help: 'Broadcast occurrences this instance planned (result=planned) or recorded as missed',
    labelNames: ['result'],
    registers: [registry],
  });
  const notifications = new Counter({
    name: 'techbridge_notifications_total',
    help: 'Subscribe messages to people that reached an outcome on this instance (sent, no_credit, refused, failed), by kind',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'techbridge_deliveries',
    help: 'Broadcast deliveries (one message to one group) by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await Promise.all(DELIVERY_STATUSES.map((status) => models.Delivery.countDocuments({ status })));
      DELIVERY_STATUSES.forEach((status, i) => this.set({ status }, counts[i]!));
    },
  });
  new Gauge({
    name: 'techbridge_delivery_queue_depth',
    help: 'Deliveries due now and not yet sent (what the bot still has to work through)',
    registers: [registry],
    async collect() {
      this.set(await models.Delivery.countDocuments({ status: { $in: ['pending', 'sending'] }, notBefore: { $lte: now() } }));
    },
  });
  const wecomPosts = new Counter({
    name: 'techbridge_wecom_posts_total',
    help: 'Posts this instance made to WeCom group robots, by outcome (sent, rate_limited, retry, permanent, unknown)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return { registry, httpDuration, registrations, schedulerFires, wecomPosts, notifications };
}
