/**
 * The Server-Sent Events wire format (WHATWG HTML, "Server-sent events"): fields are lines,
 * an event ends with a blank line, a line starting with a colon is a comment. `data` is JSON,
 * which has no raw line breaks, so it always fits on one `data:` line.
 */

/** An event with its id: the client's `Last-Event-ID` after it. */
export function sseEvent(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment: keeps the connection busy without an event. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

/** How long the client waits before it reconnects. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}

const EVENT_ID = /^(0|[1-9][0-9]{0,14})$/;

/** An id this gateway sent (a stream sequence), or null for anything else. */
export function parseEventId(value: string): number | null {
  return EVENT_ID.test(value) ? Number(value) : null;
}
