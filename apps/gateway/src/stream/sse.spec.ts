import { parseEventId, sseComment, sseEvent, sseRetry } from './sse.js';

describe('the Server-Sent Events format', () => {
  it('writes an event as id, event and one JSON data line, ended by a blank line', () => {
    expect(sseEvent(42, 'message', { body: 'two\nlines', n: 1 })).toBe(
      'id: 42\nevent: message\ndata: {"body":"two\\nlines","n":1}\n\n',
    );
  });

  it('writes comments and the reconnection delay', () => {
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(sseRetry(1500.4)).toBe('retry: 1500\n\n');
  });

  it('reads back only the ids it writes: decimal stream sequences', () => {
    expect(parseEventId('0')).toBe(0);
    expect(parseEventId('123456')).toBe(123456);
    for (const bad of ['', '-1', '01', '1.5', '1e3', ' 7', 'abc', '9'.repeat(16)]) {
      expect([bad, parseEventId(bad)]).toEqual([bad, null]);
    }
  });
});
