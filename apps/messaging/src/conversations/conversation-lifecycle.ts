import { DomainError, MessagingErrors, type ConversationStatus } from '#contracts';

/** Every change of a conversation's status. Only an open conversation takes new messages. */
export const CONVERSATION_TRANSITIONS = {
  lock: { from: ['open'], to: 'locked' },
  archive: { from: ['open', 'locked'], to: 'archived' },
} as const satisfies Record<
  string,
  { from: readonly ConversationStatus[]; to: ConversationStatus }
>;

export type ConversationAction = keyof typeof CONVERSATION_TRANSITIONS;

/** The status after `action`, or null when it does not apply (an event seen in a later state). */
export function nextConversationStatus(
  status: ConversationStatus,
  action: ConversationAction,
): ConversationStatus | null {
  const transition = CONVERSATION_TRANSITIONS[action];
  return (transition.from as readonly ConversationStatus[]).includes(status) ? transition.to : null;
}

export function assertAcceptsMessages(status: ConversationStatus): void {
  if (status !== 'open') {
    throw new DomainError(
      MessagingErrors.CONVERSATION_LOCKED,
      409,
      `This conversation is ${status}: it can be read but takes no new messages`,
      { status },
    );
  }
}
