/** Codes of messaging. */
export const MessagingErrors = {
  CONVERSATION_NOT_FOUND: 'CONVERSATION_NOT_FOUND',
  CONVERSATION_LOCKED: 'CONVERSATION_LOCKED',
} as const;
