import {
  CORRELATION_ID_HEADER,
  DEAD_LETTER_STREAM,
  deadLetterSubject,
  type EventEnvelope,
} from '#contracts';
import type { JetStreamClient, JetStreamManager, JsMsg, StoredMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import type { DeadLetterReason } from './event-retry-policy.js';

/** A dead letter as `npm run events:redrive -- --list` shows it. */
export interface DeadLetterSummary {
  seq: number;
  event_id: string | null;
  event_type: string;
  original_subject: string;
  reason: string;
  deliveries: number;
  error: string;
  dead_lettered_at: string;
}

/** What the operator's command sends to the service running the consumer. */
export interface DeadLetterRequest {
  event_id?: string;
}

export interface RedriveReply {
  redriven: string[];
  failed: { seq: number; event_id: string | null; error: string }[];
}

export interface DeadLetterListReply {
  dead_letters: DeadLetterSummary[];
}

/** Dead letters one request lists or re-drives at most; the command asks again for more. */
export const DEAD_LETTER_PAGE = 100;

/** Copies a delivery, unchanged, to `deadletter.<consumer>.<type>`, saying why in its headers. */
export async function publishDeadLetter(
  js: JetStreamClient,
  consumer: string,
  message: JsMsg,
  eventType: string,
  reason: DeadLetterReason,
  error: unknown,
): Promise<void> {
  const deadLetterHeaders = headers();
  deadLetterHeaders.set('x-consumer', consumer);
  deadLetterHeaders.set('x-original-subject', message.subject);
  deadLetterHeaders.set('x-deliveries', String(message.info.deliveryCount));
  deadLetterHeaders.set('x-reason', reason);
  deadLetterHeaders.set(
    'x-error',
    String(error instanceof Error ? error.message : error).slice(0, 500),
  );
  const correlationId = message.headers?.get(CORRELATION_ID_HEADER);
  if (correlationId) deadLetterHeaders.set(CORRELATION_ID_HEADER, correlationId);
  await js.publish(deadLetterSubject(consumer, eventType), message.data, {
    headers: deadLetterHeaders,
    msgID: `${consumer}:${message.info.streamSequence}`,
  });
}

/** The consumer's dead letters, oldest first, at most a page; one event's when `eventId` is given. */
export async function readDeadLetters(
  manager: JetStreamManager,
  consumer: string,
  eventId?: string,
): Promise<StoredMsg[]> {
  const found: StoredMsg[] = [];
  const subject = deadLetterSubject(consumer, '>');
  for (let seq = 1; found.length < DEAD_LETTER_PAGE;) {
    // NATS 2.9 answers `next_by_subj`; the client's type for it is newer than the method's.
    const message = await manager.streams.getMessage(DEAD_LETTER_STREAM.name, {
      seq,
      next_by_subj: subject,
    } as unknown as { seq: number });
    if (!message) break;
    if (!eventId || eventIdOf(message) === eventId) found.push(message);
    seq = message.seq + 1;
  }
  return found;
}

export function eventIdOf(message: StoredMsg): string | null {
  try {
    const { event_id: eventId } = message.json<Partial<EventEnvelope>>();
    return typeof eventId === 'string' ? eventId : null;
  } catch {
    return null;
  }
}

export function summarise(message: StoredMsg): DeadLetterSummary {
  return {
    seq: message.seq,
    event_id: eventIdOf(message),
    event_type: message.subject.split('.').slice(2).join('.'),
    original_subject: message.header.get('x-original-subject'),
    reason: message.header.get('x-reason') || 'gave_up',
    deliveries: Number(message.header.get('x-deliveries')),
    error: message.header.get('x-error'),
    dead_lettered_at: message.time.toISOString(),
  };
}

/** How many dead letters each consumer has, from one stream info request. */
export async function countDeadLetters(manager: JetStreamManager): Promise<Map<string, number>> {
  const info = await manager.streams.info(DEAD_LETTER_STREAM.name, {
    subjects_filter: deadLetterSubject('*', '>'),
  });
  const counts = new Map<string, number>();
  for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
    const consumer = subject.split('.')[1];
    counts.set(consumer, (counts.get(consumer) ?? 0) + count);
  }
  return counts;
}
