import { Metrics, ROOT_LOGGER } from '#platform';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import type { Counter, Gauge } from 'prom-client';
import { StreamConnection, type SseSink, type StreamEnd } from './stream-connection.js';
import { STREAM_CONFIG, type StreamConfig } from './stream.config.js';

/**
 * The streams open on this replica, by user: the replica's one subscription hands each event to
 * the streams of its recipient. One heartbeat timer serves them all. On shutdown every stream
 * ends with a `retry:` hint (spread over one to two `STREAM_RETRY_MS`, so the clients do not all
 * come back at once) before the HTTP server waits for its connections.
 */
@Injectable()
export class StreamConnections implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly byUser = new Map<string, Set<StreamConnection>>();
  private heartbeat?: NodeJS.Timeout;
  private closing = false;
  private readonly logger: Logger;
  private readonly connected: Gauge;
  private readonly dropped: Counter;

  constructor(
    @Inject(STREAM_CONFIG) private readonly config: StreamConfig,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    this.logger = rootLogger.child({ context: 'StreamConnections' });
    this.connected = metrics.gauge({
      name: 'tradematch_stream_connections',
      help: 'Real-time streams (GET /api/connection/stream) open on this gateway replica',
    });
    this.dropped = metrics.counter({
      name: 'tradematch_stream_slow_clients_dropped_total',
      help: 'Streams this replica closed because their client did not keep up (STREAM_BUFFER_LIMIT_BYTES)',
    });
  }

  get isClosing(): boolean {
    return this.closing;
  }

  onApplicationBootstrap(): void {
    this.heartbeat = setInterval(() => this.beat(), this.config.heartbeatMs);
  }

  /** A new stream of `userId`'s; `resumeAfter` is its Last-Event-ID, if it sent one. */
  open(userId: string, sink: SseSink, resumeAfter: number | null): StreamConnection {
    const connection = new StreamConnection(
      userId,
      sink,
      this.config.bufferLimitBytes,
      (ended, why) => this.remove(ended, why),
      resumeAfter,
    );
    let streams = this.byUser.get(userId);
    if (!streams) this.byUser.set(userId, (streams = new Set()));
    streams.add(connection);
    this.connected.inc();
    return connection;
  }

  hasStreams(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** A live event for `userId`, to each of their streams here. */
  dispatch(userId: string, id: number, frame: string): void {
    const streams = this.byUser.get(userId);
    if (!streams) return;
    for (const connection of streams) connection.deliver(id, frame);
  }

  /** Ends a stream that was refused before it opened (a shutdown began meanwhile). */
  endNow(connection: StreamConnection): void {
    connection.close(this.retryDelay(), 'shutdown');
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    const open = [...this.byUser.values()].flatMap((streams) => [...streams]);
    for (const connection of open) connection.close(this.retryDelay(), 'shutdown');
    if (open.length > 0) this.logger.info({ streams: open.length }, 'streams ended for shutdown');
  }

  /** Once to two times STREAM_RETRY_MS, so that the clients of a replica spread out. */
  retryDelay(): number {
    return this.config.retryMs * (1 + Math.random());
  }

  private beat(): void {
    for (const streams of this.byUser.values()) {
      for (const connection of streams) connection.heartbeat();
    }
  }

  private remove(connection: StreamConnection, why: StreamEnd): void {
    const streams = this.byUser.get(connection.userId);
    if (!streams?.delete(connection)) return;
    if (streams.size === 0) this.byUser.delete(connection.userId);
    this.connected.dec();
    if (why === 'slow_client') {
      this.dropped.inc();
      this.logger.warn(
        { user_id: connection.userId },
        'stream dropped: its client did not keep up',
      );
    }
  }
}
