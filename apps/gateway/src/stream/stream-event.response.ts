import { isUserEventKind, type UserEventData, type UserEventKind } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/** The fields of each kind's `data:` a client may read; anything else an item carries is dropped. */
const STREAM_EVENT_FIELDS = {
  notification: ['notification_id', 'type', 'title', 'body', 'job_id', 'created_at'],
  message: [
    'event_id',
    'event_type',
    'occurred_at',
    'job_id',
    'conversation_id',
    'message_id',
    'sender_role',
    'message_type',
  ],
  lead: ['event_id', 'event_type', 'occurred_at', 'job_id', 'lead_id', 'conversation_id'],
  quote: ['event_id', 'event_type', 'occurred_at', 'job_id', 'quote_id'],
  milestone: [
    'event_id',
    'event_type',
    'occurred_at',
    'job_id',
    'milestone_id',
    'escrow_account_id',
  ],
  escrow: ['event_id', 'event_type', 'occurred_at', 'job_id', 'escrow_account_id', 'dispute_id'],
  job: ['event_id', 'event_type', 'occurred_at', 'job_id'],
} as const satisfies { [K in UserEventKind]: readonly (keyof UserEventData[K])[] };

/** An event as the stream sends it: its SSE `event:` and `data:`. */
export interface StreamEvent {
  kind: UserEventKind;
  data: Record<string, unknown>;
}

/**
 * A published item, shaped again at the edge: its kind must be one we know and its data is
 * rebuilt from that kind's allow-list, so a field the notifications service adds later is not
 * sent until someone decides who may see it. Null for anything that is no such item, or one
 * addressed to someone else than the subject's recipient.
 */
export function toStreamEvent(item: unknown, recipientId: string): StreamEvent | null {
  if (typeof item !== 'object' || item === null) return null;
  const { kind, data, recipient_id } = item as Record<string, unknown>;
  if (!isUserEventKind(kind) || recipient_id !== recipientId) return null;
  if (typeof data !== 'object' || data === null) return null;
  const shaped: Record<string, unknown> = {};
  for (const field of STREAM_EVENT_FIELDS[kind]) {
    const value = (data as Record<string, unknown>)[field];
    if (value !== undefined) shaped[field] = value;
  }
  return { kind, data: shaped };
}

export class StreamTicketResponse {
  @ApiProperty({
    description:
      'Opens one stream, once, as `GET /api/connection/stream?ticket=...`; for clients that cannot send headers (EventSource)',
  })
  ticket!: string;
  @ApiProperty({ format: 'date-time', description: 'unusable after this (60 s)' })
  expires_at!: string;
}

export function toStreamTicketResponse(ticket: {
  ticket: string;
  expiresAt: Date;
}): StreamTicketResponse {
  return { ticket: ticket.ticket, expires_at: ticket.expiresAt.toISOString() };
}
