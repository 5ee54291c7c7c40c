import type { ServiceName } from '../services.js';

/**
 * Every durable consumer of the event stream and the service that runs it. NATS lets a service
 * create, read and ack its own consumers only (the server configuration is generated from this
 * list), so a consumer is declared here before an app registers it.
 */
export const EVENT_CONSUMERS = {
  'notifications-event-log': 'notifications',
  'notifications-fan-out': 'notifications',
  'escrow-job-cancellations': 'escrow',
  'escrow-job-awards': 'escrow',
  'messaging-job-events': 'messaging',
  'messaging-escrow-events': 'messaging',
  'jobs-escrow-releases': 'jobs-leads',
  'jobs-escrow-disputes': 'jobs-leads',
} as const satisfies Record<string, ServiceName>;

export type EventConsumerName = keyof typeof EVENT_CONSUMERS;

export function consumersOf(service: ServiceName): EventConsumerName[] {
  return (Object.keys(EVENT_CONSUMERS) as EventConsumerName[]).filter(
    (consumer) => EVENT_CONSUMERS[consumer] === service,
  );
}

export type DeadLetterCommand = 'list' | 'redrive';

/**
 * Where the service running `consumer` answers an operator about its dead letters
 * (`npm run events:redrive`): only that service's NATS user may call or serve it. `*` names them
 * all, for permissions.
 */
export function deadLetterAdminSubject(consumer: string, command: DeadLetterCommand | '*'): string {
  return `ops.dead-letters.${consumer}.${command}`;
}
