import { sseComment, sseEvent, sseRetry } from './sse.js';

/** Where a stream's bytes go: the HTTP response, as far as a stream needs it. */
export interface SseSink {
  write(chunk: string): boolean;
  /** Bytes written but not yet taken by the socket. */
  readonly writableLength: number;
  end(): void;
  destroy(): void;
}

/** Why a stream ended. */
export type StreamEnd = 'client_gone' | 'slow_client' | 'shutdown' | 'resume_failed';

interface HeldEvent {
  id: number;
  frame: string;
}

/**
 * One client's open stream. Events are written in strictly increasing id order, each once: while
 * a resume replays what the client missed, live events are held, and going live writes the held
 * ones the replay did not already cover. A client that stops reading is dropped once its unsent
 * bytes (or, during a replay, the held ones) pass the buffer limit.
 */
export class StreamConnection {
  private lastId: number;
  private held: HeldEvent[] | null;
  private heldBytes = 0;
  private ended: StreamEnd | null = null;

  constructor(
    readonly userId: string,
    private readonly sink: SseSink,
    private readonly bufferLimitBytes: number,
    private readonly onEnd: (connection: StreamConnection, why: StreamEnd) => void,
    /** The client's Last-Event-ID; live events are held until the replay after it is done. */
    resumeAfter: number | null,
  ) {
    this.lastId = resumeAfter ?? 0;
    this.held = resumeAfter === null ? null : [];
  }

  get isOpen(): boolean {
    return this.ended === null;
  }

  /** The last id the client has been sent (or told it has, by Last-Event-ID). */
  get lastEventId(): number {
    return this.lastId;
  }

  /** A live event, as the replica's subscription received it. */
  deliver(id: number, frame: string): void {
    if (!this.isOpen) return;
    if (this.held) {
      this.held.push({ id, frame });
      this.heldBytes += frame.length;
      if (this.heldBytes > this.bufferLimitBytes) this.finish('slow_client');
      return;
    }
    this.send(id, frame);
  }

  /** An event the resume's replay read: sent at once, in order. */
  replay(id: number, frame: string): void {
    if (this.isOpen) this.send(id, frame);
  }

  /**
   * The client's Last-Event-ID is older than the stream keeps: it is told to refetch (the
   * event carries the newest id, from which it can resume later), and nothing older is sent.
   */
  reset(id: number): void {
    if (!this.isOpen) return;
    this.write(
      sseEvent(id, 'reset', {
        reason: 'events_expired',
        message: 'Some events are no longer kept: refetch what the dashboard shows.',
      }),
    );
    this.lastId = Math.max(this.lastId, id);
  }

  /** The replay is done: the held events it did not cover follow, and live ones from now on. */
  goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    this.heldBytes = 0;
    for (const { id, frame } of held.sort((a, b) => a.id - b.id)) this.send(id, frame);
  }

  heartbeat(): void {
    if (this.isOpen) this.write(sseComment('heartbeat'));
  }

  /** Ends the stream, telling the client how long to wait before it reconnects. */
  close(retryMs: number, why: StreamEnd): void {
    if (!this.isOpen) return;
    this.sink.write(sseRetry(retryMs));
    this.sink.end();
    this.finish(why);
  }

  /** The client went away, or the stream cannot go on: nothing more is written. */
  abandon(why: StreamEnd): void {
    this.finish(why);
  }

  private send(id: number, frame: string): void {
    if (id <= this.lastId) return;
    this.lastId = id;
    this.write(frame);
  }

  private write(chunk: string): void {
    this.sink.write(chunk);
    if (this.sink.writableLength > this.bufferLimitBytes) this.finish('slow_client');
  }

  private finish(why: StreamEnd): void {
    if (!this.isOpen) return;
    this.ended = why;
    this.held = null;
    // A client that does not read would not read the end either.
    if (why === 'slow_client') this.sink.destroy();
    this.onEnd(this, why);
  }
}
