import { SendMessageInput } from '#contracts';
import { validateInput } from '#platform';
import { messageContent } from './message-content.js';

const conversation_id = '0193a8a0-0000-7000-8000-000000000001';
const parse = (data: Record<string, unknown>) =>
  messageContent(validateInput(SendMessageInput, { conversation_id, ...data }));

describe('message content', () => {
  it('reads a text message, with or without an explicit type', () => {
    expect(parse({ body: 'Hello' })).toEqual({ type: 'text', body: 'Hello', attachmentUrl: null });
    expect(parse({ type: 'text', body: 'x'.repeat(5000) }).body).toHaveLength(5000);
  });

  it('reads an attachment with an https URL and an optional caption', () => {
    expect(
      parse({ type: 'attachment', attachment_url: 'https://files.example.com/a.jpg' }),
    ).toEqual({ type: 'attachment', body: null, attachmentUrl: 'https://files.example.com/a.jpg' });
    expect(
      parse({ type: 'attachment', attachment_url: 'https://example.com/p.pdf', body: 'Plan' }).body,
    ).toBe('Plan');
  });

  it.each([
    [{}],
    [{ body: '' }],
    [{ body: 'x'.repeat(5001) }],
    [{ body: 42 }],
    [{ type: 'system', body: 'I am the system' }],
    [{ type: 'quote_reference', body: 'q' }],
    [{ type: 'attachment' }],
    [{ type: 'attachment', attachment_url: 'http://example.com/a.jpg' }],
    [{ type: 'attachment', attachment_url: 'not a url' }],
    [{ type: 'attachment', attachment_url: 'javascript:alert(1)' }],
    [{ type: 'attachment', attachment_url: 'https://localhost/a.jpg' }],
    [{ body: 'hi', attachment_url: 'https://example.com/a.jpg' }],
    [{ body: 'hi', edited_at: '2026-01-01' }],
  ])('refuses %j with VALIDATION_FAILED', (data) => {
    expect(() => parse(data)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
