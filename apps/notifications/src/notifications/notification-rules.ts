import type { EventEnvelope, EventPayloads, EventType } from '#contracts';
import { DISPUTE_RULES } from './dispute-rules.js';
import { MARKETPLACE_RULES } from './marketplace-rules.js';
import { MONEY_RULES } from './money-rules.js';
import { REVIEW_RULES } from './review-rules.js';
import type {
  Audience,
  NotificationRule,
  PlannedNotification,
  RuleTable,
} from './notification-rule.js';

const ACCOUNT_RULES: RuleTable = {
  USER_REGISTERED: [
    {
      audience: 'account',
      category: 'account',
      render: (p) => ({
        title: 'Welcome to TradeMatch',
        body: `Hi ${p.name}, your ${p.role} account is ready.`,
      }),
    },
  ],
  USER_UPDATED: [
    {
      audience: 'account',
      category: 'account',
      render: () => ({
        title: 'Your account details changed',
        body: 'Your name or email address was updated. If this was not you, contact support.',
      }),
    },
  ],
};

/**
 * Who hears what (DESIGN §6a): event type → audience → category → title and body. A customer's
 * text never carries a lead price, a vendor's never names or counts the other vendors; the
 * spec renders every rule to check it. Events absent here notify nobody: their actor did it
 * and the answer told them, or another event of the same change tells them.
 */
export const NOTIFICATION_RULES: RuleTable = {
  ...ACCOUNT_RULES,
  ...MARKETPLACE_RULES,
  ...MONEY_RULES,
  ...DISPUTE_RULES,
  ...REVIEW_RULES,
};

/**
 * The events that notify nobody, and why, so that a new event type is a decision: the spec fails
 * for one that is in neither list.
 */
export const SILENT_EVENTS: readonly EventType[] = [
  // The customer's own drafts.
  'JOB_CREATED',
  'JOB_UPDATED',
  // The vendor declined it; the customer never hears of offers.
  'LEAD_DECLINED',
  // LEAD_ACCEPTED tells the vendor; the customer never sees lead prices.
  'LEAD_CHARGED',
  // QUOTE_ACCEPTED and ESCROW_FUNDED tell the two parties.
  'JOB_IN_PROGRESS',
  'ESCROW_CREATED',
  // The customer approved it; FUNDS_RELEASED tells the vendor.
  'MILESTONE_APPROVED',
  // JOB_COMPLETED tells.
  'ESCROW_RELEASED',
  // The owner asked for it; PAYOUT_PAID or PAYOUT_FAILED follows.
  'PAYOUT_REQUESTED',
  // DISPUTE_OPENED and DISPUTE_RESOLVED tell both parties.
  'JOB_DISPUTED',
  'JOB_RESUMED',
  // REVIEW_POSTED tells the vendor; a job left unreviewed closes quietly.
  'JOB_CLOSED',
];

/** The rules an event triggers, each with its text for this event. */
export function notificationsFor(event: EventEnvelope): PlannedNotification[] {
  return plannedFor(event.event_type, event.payload);
}

/** What the rules of `type` (for `audience` only, if given) make of `payload`. */
export function plannedFor<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  audience?: Audience,
): PlannedNotification[] {
  const rules: readonly NotificationRule<T>[] = NOTIFICATION_RULES[type] ?? [];
  return rules
    .filter(
      (rule) =>
        (audience === undefined || rule.audience === audience) && (rule.applies?.(payload) ?? true),
    )
    .map((rule) => ({
      audience: rule.audience,
      category: rule.category,
      text: rule.render(payload),
      digestKey: rule.digestKey?.(payload) ?? null,
    }));
}
