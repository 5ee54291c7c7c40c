/** One event of a Server-Sent Events stream, as a browser's EventSource would dispatch it. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface StreamOptions {
  token?: string;
  /** The query string after `?`, e.g. `ticket=...`. */
  query?: string;
  lastEventId?: string;
}

/**
 * A client of `GET /api/connection/stream` over node's fetch, reading the body as it arrives
 * and parsing it as the WHATWG spec says: events, their ids, comments and `retry:` hints.
 * `open` answers the refusal as `{ status, body }` when the gateway does not answer 200.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  readonly retries: number[] = [];
  /** Set once the body has ended (the server closed it) or failed (it was cut off). */
  ended: 'closed' | 'failed' | null = null;
  private readonly controller: AbortController;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly response: Response,
    controller: AbortController,
  ) {
    this.controller = controller;
  }

  static async open(
    baseUrl: string,
    options: StreamOptions = {},
    { read = true }: { read?: boolean } = {},
  ): Promise<SseClient> {
    const opened = await SseClient.request(baseUrl, options);
    if (opened instanceof SseClient) {
      if (read) opened.startReading();
      return opened;
    }
    throw new Error(`the stream answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  }

  /** The raw answer: a client when it is a stream, else the status and the JSON error. */
  static async request(
    baseUrl: string,
    options: StreamOptions = {},
  ): Promise<SseClient | { status: number; body: any }> {
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const controller = new AbortController();
    const url = `${baseUrl}/api/connection/stream${options.query ? `?${options.query}` : ''}`;
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200) {
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }
    return new SseClient(response, controller);
  }

  get headers(): Headers {
    return this.response.headers;
  }

  /** The events of `kind` so far, their data parsed. */
  data(kind: string): any[] {
    return this.events.filter((event) => event.event === kind).map((e) => JSON.parse(e.data));
  }

  /** Waits until `probe` holds (checked on every event, comment and end), or fails. */
  async until(
    probe: (client: SseClient) => boolean,
    timeoutMs = 10_000,
    what = 'condition',
  ): Promise<void> {
    if (probe(this)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `stream: ${what} not met within ${timeoutMs} ms; ${this.events.length} events, ` +
              `the last: ${JSON.stringify(this.events.slice(-3)).slice(0, 2000)}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!probe(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  /** Waits for the next events until `count` of `kind` have arrived; answers their data. */
  async received(kind: string, count: number, timeoutMs = 10_000): Promise<any[]> {
    await this.until((client) => client.data(kind).length >= count, timeoutMs, `${count} ${kind}`);
    return this.data(kind);
  }

  get lastEventId(): string | null {
    return this.events.at(-1)?.id ?? null;
  }

  /** Hangs up, as a browser tab that closes. */
  close(): void {
    this.controller.abort();
  }

  /** Starts reading the body; a client opened with `read: false` is one that does not keep up. */
  startReading(): void {
    void this.read();
  }

  private async read(): Promise<void> {
    const reader = this.response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let fields: Partial<SseEvent> & { data?: string } = {};
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          fields = this.line(line, fields);
        }
      }
      this.ended = 'closed';
    } catch {
      this.ended = 'failed';
    }
    this.notify();
  }

  private line(line: string, fields: Partial<SseEvent>): Partial<SseEvent> {
    if (line === '') {
      if (fields.data !== undefined) {
        this.events.push({
          id: fields.id ?? null,
          event: fields.event ?? 'message',
          data: fields.data,
        });
        this.notify();
      }
      return {};
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim());
      this.notify();
      return fields;
    }
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'data')
      return { ...fields, data: fields.data === undefined ? value : `${fields.data}\n${value}` };
    if (name === 'id' || name === 'event') return { ...fields, [name]: value };
    if (name === 'retry' && /^\d+$/.test(value)) {
      this.retries.push(Number(value));
      this.notify();
    }
    return fields;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
