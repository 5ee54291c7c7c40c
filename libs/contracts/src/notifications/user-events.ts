import type { MessageSenderRole, MessageType } from '../messaging/messaging.views.js';
import type { ServiceName } from '../services.js';

/**
 * Each user's real-time items, one subject per recipient (`users.<userId>.events`), kept only
 * briefly (`USER_EVENTS_MAX_AGE_MS`) so that a client that reconnects can resume. The
 * notifications service publishes them; the gateway reads them and serves them as Server-Sent
 * Events. Nobody else may do either (the NATS permissions are generated from this).
 */
export const USER_EVENT_STREAM = {
  name: 'TRADEMATCH_USER_EVENTS',
  subjects: ['users.*.events'],
  publisher: 'notifications',
  reader: 'gateway',
} as const satisfies {
  name: string;
  subjects: readonly string[];
  publisher: ServiceName;
  reader: ServiceName;
};

const SUBJECT = /^users\.([^.*>]+)\.events$/;

export function userEventsSubject(userId: string): string {
  return `users.${userId}.events`;
}

/** The recipient a `users.<userId>.events` subject names, or null for any other subject. */
export function recipientOfSubject(subject: string): string | null {
  return SUBJECT.exec(subject)?.[1] ?? null;
}

/**
 * What a stream item is about: an in-app notification written for the recipient, or a live
 * change a dashboard shows at once (a message in one of their conversations, a lead, a quote, a
 * milestone, an escrow or a job of theirs changed). The SSE `event:` field.
 */
export const USER_EVENT_KINDS = [
  'notification',
  'message',
  'lead',
  'quote',
  'milestone',
  'escrow',
  'job',
] as const;
export type UserEventKind = (typeof USER_EVENT_KINDS)[number];

export function isUserEventKind(value: unknown): value is UserEventKind {
  return (USER_EVENT_KINDS as readonly unknown[]).includes(value);
}

/** `notification`: the in-app notification just written, as the notifications list shows it. */
export interface NotificationItemData {
  notification_id: string;
  /** The event type that caused it, e.g. `QUOTE_SENT`. */
  type: string;
  title: string;
  body: string;
  job_id: string | null;
  created_at: string;
}

/**
 * What every live change says: which domain event changed what, so that a dashboard refetches
 * that one thing. Ids only: the REST API answers the rest, shaped for the caller.
 */
export interface ChangeItemData {
  /** The domain event that caused it. */
  event_id: string;
  /** Its type, e.g. `LEAD_ACCEPTED`. */
  event_type: string;
  occurred_at: string;
  job_id: string | null;
}

/** `message`: a message was sent in one of the recipient's conversations (never its text). */
export interface MessageItemData extends ChangeItemData {
  conversation_id: string;
  message_id: string;
  sender_role: MessageSenderRole;
  message_type: MessageType;
}

/** `lead`: the recipient's lead (a vendor), or a lead on their job (a customer), changed. */
export interface LeadItemData extends ChangeItemData {
  lead_id: string;
  /** The conversation the acceptance opens; null for other changes. */
  conversation_id: string | null;
}

/** `quote`: a quote between the recipient and the other party changed. */
export interface QuoteItemData extends ChangeItemData {
  quote_id: string;
}

/** `milestone`: a milestone of the recipient's escrow changed. */
export interface MilestoneItemData extends ChangeItemData {
  milestone_id: string;
  escrow_account_id: string;
}

/** `escrow`: the recipient's escrow changed, or a dispute about it did. */
export interface EscrowItemData extends ChangeItemData {
  escrow_account_id: string;
  /** The dispute, for dispute events; null otherwise. */
  dispute_id: string | null;
}

/** `job`: one of the recipient's jobs changed (status, review, or it went to another vendor). */
export type JobItemData = ChangeItemData;

export interface UserEventData {
  notification: NotificationItemData;
  message: MessageItemData;
  lead: LeadItemData;
  quote: QuoteItemData;
  milestone: MilestoneItemData;
  escrow: EscrowItemData;
  job: JobItemData;
}

/**
 * One item on `users.<recipient_id>.events`, shaped for its recipient when it is written (an
 * allow-list per audience: a customer's never carries a lead price, a vendor's never names
 * another vendor). Its JetStream stream sequence is the SSE `id:`.
 */
export interface UserEventItem<K extends UserEventKind = UserEventKind> {
  /**
   * A UUIDv5 of what makes the item (its notification; or its event, kind and recipient), also
   * the `Nats-Msg-Id` by which JetStream drops a duplicate publish.
   */
  item_id: string;
  kind: K;
  recipient_id: string;
  /** The correlation id of the event that caused it. */
  correlation_id: string;
  data: UserEventData[K];
}

/** An item of any kind, its data tied to its kind. */
export type AnyUserEventItem = { [K in UserEventKind]: UserEventItem<K> }[UserEventKind];
