import type { ConversationStatus } from '#contracts';
import { assertAcceptsMessages, nextConversationStatus } from './conversation-lifecycle.js';

describe('conversation lifecycle', () => {
  it('locks an open conversation and archives an open or locked one', () => {
    expect(nextConversationStatus('open', 'lock')).toBe('locked');
    expect(nextConversationStatus('open', 'archive')).toBe('archived');
    expect(nextConversationStatus('locked', 'archive')).toBe('archived');
  });

  it('never reopens: a later state ignores an earlier step', () => {
    expect(nextConversationStatus('locked', 'lock')).toBeNull();
    expect(nextConversationStatus('archived', 'lock')).toBeNull();
    expect(nextConversationStatus('archived', 'archive')).toBeNull();
  });

  it('takes messages only while open', () => {
    expect(() => assertAcceptsMessages('open')).not.toThrow();
    for (const status of ['locked', 'archived'] as ConversationStatus[]) {
      expect(() => assertAcceptsMessages(status)).toThrow(
        expect.objectContaining({ code: 'CONVERSATION_LOCKED', status: 409 }),
      );
    }
  });
});
