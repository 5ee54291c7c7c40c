import type {
  DisputeReason,
  DisputeResolution,
  EventEnvelope,
  EventType,
  QuoteSentPayload,
} from '#contracts';
import type { ConversationAction } from './conversation-lifecycle.js';

/** The conversation opened by a lead's acceptance starts with this line. */
export const OPENING_MESSAGE = 'Lead accepted. Messaging enabled.';

/** A line the service writes into a conversation: a system message or a quote's reference. */
export interface ServiceMessage {
  type: 'system' | 'quote_reference';
  body: string;
}

/** What one event does to one conversation of its job. */
export interface ConversationEffect {
  /** The status change it makes, if any; its message is written only if the status changed. */
  action?: ConversationAction;
  message: ServiceMessage;
}

/** The parts of a conversation an effect is decided on. */
export interface ConversationParties {
  id: string;
  vendorId: string;
}

type Reaction<T extends EventType> = (
  event: EventEnvelope<T>,
  conversation: ConversationParties,
) => ConversationEffect | null;

const system = (body: string): ServiceMessage => ({ type: 'system', body });
const pounds = (amount: number) =>
  `£${amount.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(amount) ? 0 : 2 })}`;
const quoteReference = (heading: string, quote: QuoteSentPayload): ServiceMessage => ({
  type: 'quote_reference',
  body: [
    `${heading}: ${pounds(quote.amount)}`,
    `Estimated duration: ${quote.estimated_duration}`,
    `Message: ${quote.description}`,
  ].join('\n'),
});

/** Events about one quote speak to the conversation its vendor has with the customer. */
const inQuoteConversation =
  <T extends 'QUOTE_SENT' | 'QUOTE_UPDATED' | 'QUOTE_WITHDRAWN' | 'QUOTE_REJECTED'>(
    message: (event: EventEnvelope<T>) => ServiceMessage,
  ): Reaction<T> =>
  (event, conversation) =>
    conversation.id === event.payload.conversation_id ? { message: message(event) } : null;

/** Milestone and completion events speak to the awarded vendor's conversation only. */
const inAwardedConversation =
  <
    T extends
      'MILESTONE_SUBMITTED' | 'MILESTONE_APPROVED' | 'MILESTONE_AUTO_RELEASED' | 'JOB_COMPLETED',
  >(
    effect: ConversationEffect,
  ): Reaction<T> =>
  (event, conversation) =>
    conversation.vendorId === event.payload.vendor_id ? effect : null;

/** Dispute events speak to the awarded vendor's conversation, in the words of their payload. */
const inDisputedConversation =
  <T extends 'DISPUTE_OPENED' | 'DISPUTE_RESOLVED'>(
    message: (event: EventEnvelope<T>) => ServiceMessage,
  ): Reaction<T> =>
  (event, conversation) =>
    conversation.vendorId === event.payload.vendor_id ? { message: message(event) } : null;

const DISPUTE_REASON_TEXT: Record<DisputeReason, string> = {
  work_not_done: 'work not done',
  poor_quality: 'poor quality',
  not_paid: 'not paid',
  other: 'other',
};

const DISPUTE_RESOLUTION_TEXT: Record<DisputeResolution, string> = {
  agreed: 'by agreement',
  admin: 'by an admin',
  default: 'by default, unanswered in time',
};

/**
 * What the events of a job do to its conversations. Messaging remembers each such event of a job
 * and applies it again to every conversation the job opens later, so a conversation ends the same
 * whichever comes first, its opening (`LEAD_ACCEPTED`) or the event. A feature whose event
 * changes conversations adds its row here; the consumers then take the event too.
 */
export const CONVERSATION_REACTIONS: { readonly [T in EventType]?: Reaction<T> } = {
  JOB_CANCELLED: () => ({
    action: 'lock',
    message: system('Job cancelled. Messaging is now read-only.'),
  }),
  QUOTE_SENT: inQuoteConversation(({ payload }) => quoteReference('Vendor sent quote', payload)),
  QUOTE_UPDATED: inQuoteConversation(({ payload }) =>
    quoteReference('Vendor updated quote', payload),
  ),
  QUOTE_WITHDRAWN: inQuoteConversation(() => system('Vendor withdrew the quote.')),
  QUOTE_REJECTED: inQuoteConversation(({ payload }) =>
    system(payload.reason ? `Quote declined: ${payload.reason}` : 'Quote declined.'),
  ),
  QUOTE_ACCEPTED: ({ payload }, conversation) =>
    conversation.id === payload.conversation_id
      ? { message: system('Quote accepted. Job in progress.') }
      : { action: 'lock', message: system('This job is no longer available') },
  MILESTONE_SUBMITTED: inAwardedConversation({
    message: system('Vendor submitted milestone for approval'),
  }),
  MILESTONE_APPROVED: inAwardedConversation({
    message: system('Milestone approved. Payment releasing.'),
  }),
  MILESTONE_AUTO_RELEASED: inAwardedConversation({
    message: system('Milestone released without an answer. Payment releasing.'),
  }),
  DISPUTE_OPENED: inDisputedConversation(({ payload }) =>
    system(
      `Dispute opened by the ${payload.opened_by_role} (${DISPUTE_REASON_TEXT[payload.reason]}). ${pounds(payload.disputed_amount)} of milestone payments is frozen until it is resolved.`,
    ),
  ),
  DISPUTE_RESOLVED: inDisputedConversation(({ payload }) =>
    system(
      `Dispute resolved ${DISPUTE_RESOLUTION_TEXT[payload.resolution]}: ${pounds(payload.vendor_amount)} to the vendor, ${pounds(payload.customer_amount)} back to the customer.`,
    ),
  ),
  JOB_COMPLETED: inAwardedConversation({
    action: 'archive',
    message: system('Job completed. This conversation is now read-only.'),
  }),
  // No action: the archived conversation stays archived, and only records the review.
  REVIEW_POSTED: ({ payload }, conversation) =>
    conversation.vendorId === payload.vendor_id ? { message: system('Review posted') } : null,
};

/** What `event` does to `conversation`, if anything. */
export function effectOf(
  event: EventEnvelope,
  conversation: ConversationParties,
): ConversationEffect | null {
  const reaction = CONVERSATION_REACTIONS[event.event_type] as Reaction<EventType> | undefined;
  return reaction ? reaction(event, conversation) : null;
}

export function reactsTo(type: EventType): boolean {
  return CONVERSATION_REACTIONS[type] !== undefined;
}

export function eventTypesReactedTo(): EventType[] {
  return Object.keys(CONVERSATION_REACTIONS) as EventType[];
}
