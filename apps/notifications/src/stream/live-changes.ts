import type { EventEnvelope, EventType, UserEventData, UserEventKind } from '#contracts';
import { payloadString } from '../event-log/job-audience.js';
import type { Audience } from '../notifications/notification-rule.js';

/** The kinds of item that tell a dashboard what changed; `notification` items are the others. */
export type ChangeKind = Exclude<UserEventKind, 'notification'>;

/** An event shows up, live, as an item of `kind` on the streams of `audience`. */
export interface LiveChangeRule {
  audience: Audience;
  kind: ChangeKind;
}

/** A live change to send: to whom (an audience to resolve), and what. */
export interface PlannedChange<K extends ChangeKind = ChangeKind> {
  audience: Audience;
  kind: K;
  data: UserEventData[K];
}

const bothParties = (kind: ChangeKind): readonly LiveChangeRule[] => [
  { audience: 'customer', kind },
  { audience: 'vendor', kind },
];

/**
 * Which open dashboards refresh what on each event: the job's two parties for their job, quotes,
 * escrow and milestones; a vendor for their own leads (a customer hears of a lead only once it
 * is accepted: a vendor merely offered stays invisible); the other participant of a
 * conversation for a message. The vendors who lose an award hear that the job changed, never
 * who won it.
 */
export const LIVE_CHANGE_RULES: { readonly [T in EventType]?: readonly LiveChangeRule[] } = {
  JOB_CREATED: [{ audience: 'customer', kind: 'job' }],
  JOB_UPDATED: [{ audience: 'customer', kind: 'job' }],
  JOB_POSTED: [{ audience: 'customer', kind: 'job' }],
  JOB_CANCELLED: [
    { audience: 'customer', kind: 'job' },
    { audience: 'cancelled_vendors', kind: 'job' },
  ],
  JOB_EXPIRED: [{ audience: 'customer', kind: 'job' }],
  JOB_IN_PROGRESS: bothParties('job'),
  JOB_COMPLETED: bothParties('job'),
  JOB_DISPUTED: bothParties('job'),
  JOB_RESUMED: bothParties('job'),
  JOB_CLOSED: bothParties('job'),
  REVIEW_POSTED: bothParties('job'),
  REVIEW_RESPONDED: bothParties('job'),
  REVIEW_MODERATED: bothParties('job'),
  LEAD_OFFERED: [{ audience: 'vendor', kind: 'lead' }],
  LEAD_ACCEPTED: bothParties('lead'),
  LEAD_DECLINED: [{ audience: 'vendor', kind: 'lead' }],
  LEAD_EXPIRED: [{ audience: 'vendor', kind: 'lead' }],
  QUOTE_SENT: bothParties('quote'),
  QUOTE_UPDATED: bothParties('quote'),
  QUOTE_WITHDRAWN: bothParties('quote'),
  QUOTE_REJECTED: bothParties('quote'),
  QUOTE_ACCEPTED: [...bothParties('quote'), { audience: 'other_vendors', kind: 'job' }],
  ESCROW_FUNDED: bothParties('escrow'),
  ESCROW_REFUNDED: bothParties('escrow'),
  ESCROW_RELEASED: bothParties('escrow'),
  MILESTONE_SUBMITTED: bothParties('milestone'),
  MILESTONE_CHANGES_REQUESTED: bothParties('milestone'),
  MILESTONE_APPROVED: bothParties('milestone'),
  MILESTONE_AUTO_RELEASED: bothParties('milestone'),
  FUNDS_RELEASED: bothParties('milestone'),
  DISPUTE_OPENED: bothParties('escrow'),
  DISPUTE_EVIDENCE_ADDED: bothParties('escrow'),
  DISPUTE_PROPOSAL_MADE: bothParties('escrow'),
  DISPUTE_ESCALATED: bothParties('escrow'),
  DISPUTE_RESOLVED: bothParties('escrow'),
  MESSAGE_SENT: [{ audience: 'counterpart', kind: 'message' }],
};

/**
 * The events no dashboard refreshes on, and why, so that a new event type is a decision: the
 * spec fails for one in neither list.
 */
export const NO_LIVE_CHANGE: readonly EventType[] = [
  // Accounts: nothing on a dashboard shows them; the welcome is a notification item.
  'USER_REGISTERED',
  'USER_UPDATED',
  // Wallet movements: their owner's notification items tell (wallets have no live kind yet),
  // and lead charges carry a lead price.
  'WALLET_CREDITED',
  'LEAD_CHARGED',
  'LEAD_REFUNDED',
  'PAYOUT_REQUESTED',
  'PAYOUT_PAID',
  'PAYOUT_FAILED',
  // ESCROW_FUNDED follows in the same award.
  'ESCROW_CREATED',
];

/** The live changes an event causes, each with the item's data, shaped by its kind. */
export function liveChangesFor(event: EventEnvelope): PlannedChange[] {
  const rules: readonly LiveChangeRule[] = LIVE_CHANGE_RULES[event.event_type] ?? [];
  return rules.map((rule) => ({ ...rule, data: changeData(rule.kind, event) }) as PlannedChange);
}

/**
 * An allow-list per kind: the event's identity and the ids of what changed, nothing of its
 * payload besides (no amounts, no names, no other party's ids), so nothing a recipient must not
 * see can reach them by a field added to a payload later.
 */
export function changeData<K extends ChangeKind>(kind: K, event: EventEnvelope): UserEventData[K] {
  const base = {
    event_id: event.event_id,
    event_type: event.event_type,
    occurred_at: event.occurred_at,
    job_id: event.job_id,
  };
  const id = (field: string): string => {
    const value = payloadString(event.payload, field);
    if (value === null) throw new Error(`${event.event_type} has no ${field} for a ${kind} item`);
    return value;
  };
  const data: { [C in ChangeKind]: () => UserEventData[C] } = {
    job: () => base,
    lead: () => ({
      ...base,
      lead_id: payloadString(event.payload, 'lead_id') ?? event.subject.id,
      conversation_id: event.event_type === 'LEAD_ACCEPTED' ? event.payload.conversation_id : null,
    }),
    quote: () => ({ ...base, quote_id: id('quote_id') }),
    milestone: () => ({
      ...base,
      milestone_id: id('milestone_id'),
      escrow_account_id: id('escrow_account_id'),
    }),
    escrow: () => ({
      ...base,
      escrow_account_id: id('escrow_account_id'),
      dispute_id: payloadString(event.payload, 'dispute_id'),
    }),
    message: () => {
      if (event.event_type !== 'MESSAGE_SENT') {
        throw new Error(`${event.event_type} is no message`);
      }
      return {
        ...base,
        conversation_id: event.payload.conversation_id,
        message_id: event.payload.message_id,
        sender_role: event.payload.sender_role,
        message_type: event.payload.type,
      };
    },
  };
  return data[kind]();
}
