import type { EventPayloads, EventType, NotificationCategory } from '#contracts';

/**
 * Who a rule notifies, resolved from the event and the job's participants (`audience.repository`):
 * - `customer`: the job's customer;
 * - `vendor`: the vendor the event is about (its payload's, or its lead's);
 * - `other_vendors`: every other vendor who accepted a lead on the job;
 * - `cancelled_vendors`: the vendors whose accepted leads a cancellation names;
 * - `owner`: the owner of the wallet the money moved in;
 * - `counterpart`: the other participant of the conversation a message was sent in;
 * - `account`: the user an identity event is about;
 * - `admins`: every admin.
 */
export type Audience =
  | 'customer'
  | 'vendor'
  | 'other_vendors'
  | 'cancelled_vendors'
  | 'owner'
  | 'counterpart'
  | 'account'
  | 'admins';

export interface NotificationText {
  title: string;
  body: string;
}

export interface NotificationRule<T extends EventType> {
  audience: Audience;
  category: NotificationCategory;
  // Methods, not function properties: a rule of one event type then fits the table's type.
  render(payload: EventPayloads[T]): NotificationText;
  /** Whether this event calls for the notification at all; always, when absent. */
  applies?(payload: EventPayloads[T]): boolean;
  /**
   * Emails of one recipient with the same key are batched: at most one per
   * `MESSAGE_EMAIL_DIGEST_MS`, telling of everything that came since the last.
   */
  digestKey?(payload: EventPayloads[T]): string;
}

/** What one rule makes of one event. */
export interface PlannedNotification {
  audience: Audience;
  category: NotificationCategory;
  text: NotificationText;
  digestKey: string | null;
}

/** Some event types' rules; `NOTIFICATION_RULES` gathers them. */
export type RuleTable = { readonly [T in EventType]?: readonly NotificationRule<T>[] };
