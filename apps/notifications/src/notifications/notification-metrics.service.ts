import { Metrics } from '#platform';
import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';

export type NotificationChannel = 'in_app' | 'email';

/**
 * `created` / `suppressed` (turned off by the recipient) for in-app; `queued`, `suppressed`,
 * `sent`, `retried` and `failed` for email.
 */
export type NotificationOutcome =
  'created' | 'suppressed' | 'queued' | 'sent' | 'retried' | 'failed';

/** `tradematch_notifications_total{channel,outcome}`, shared by the fan-out and the mailer. */
@Injectable()
export class NotificationMetrics {
  private readonly total: Counter<'channel' | 'outcome'>;

  constructor(metrics: Metrics) {
    this.total = metrics.counter({
      name: 'tradematch_notifications_total',
      help: 'Notifications by channel (in_app, email) and outcome (created, queued, suppressed, sent, retried, failed)',
      labelNames: ['channel', 'outcome'],
    });
  }

  count(channel: NotificationChannel, outcome: NotificationOutcome, amount = 1): void {
    this.total.inc({ channel, outcome }, amount);
  }
}
