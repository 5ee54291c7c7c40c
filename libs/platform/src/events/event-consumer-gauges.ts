import type { ConsumerInfo } from '@nats-io/jetstream';
import { readOncePerScrape, type Metrics } from '../metrics/metrics.js';

export interface ConsumerState {
  /** The app's running consumers. */
  consumers(): string[];
  /** Their JetStream consumer info; one that did not answer in time is missing. */
  infos(): Promise<Map<string, ConsumerInfo>>;
  /** Dead letters per consumer, or undefined when NATS did not answer in time. */
  deadLetters(): Promise<Map<string, number> | undefined>;
}

/**
 * Pending, in-flight, retrying and dead-lettered counts per durable consumer, read on scrape.
 * They describe shared state (every replica reports the same), so they aggregate with `max`.
 */
export function registerConsumerGauges(metrics: Metrics, state: ConsumerState): void {
  // The three gauges from the consumer info of one scrape share one round of requests.
  const consumerInfos = readOncePerScrape(() => state.infos());
  const fromInfo = [
    [
      'tradematch_event_consumer_pending_messages',
      'Messages of the durable consumer not yet delivered to any replica (JetStream consumer info, read on scrape)',
      'num_pending',
    ],
    [
      'tradematch_event_consumer_ack_pending_messages',
      'Messages of the durable consumer delivered but not yet acked (JetStream consumer info, read on scrape)',
      'num_ack_pending',
    ],
    [
      'tradematch_event_consumer_retrying_messages',
      'Messages of the durable consumer that failed and wait for a retry (JetStream consumer info, read on scrape)',
      'num_redelivered',
    ],
  ] as const;
  for (const [name, help, field] of fromInfo) {
    metrics.gauge({
      name,
      help,
      labelNames: ['consumer'],
      async collect() {
        const infos = await consumerInfos();
        this.reset();
        for (const [consumer, info] of infos) this.set({ consumer }, info[field]);
      },
    });
  }
  metrics.gauge({
    name: 'tradematch_event_consumer_dead_letters',
    help: 'Events the durable consumer gave up on, waiting in the dead-letter stream to be re-driven (read on scrape)',
    labelNames: ['consumer'],
    async collect() {
      const counts = await state.deadLetters();
      this.reset();
      if (!counts) return;
      for (const consumer of state.consumers()) this.set({ consumer }, counts.get(consumer) ?? 0);
    },
  });
}
