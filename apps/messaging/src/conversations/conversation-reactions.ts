import type { EventEnvelope, EventType, QuoteSentPayload } from '#contracts';
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
  JOB_COMPLETED: inAwardedConversation({
    action: 'archive',
    message: system('Job completed. This conversation is now read-only.'),
  }),
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
