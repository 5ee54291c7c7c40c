import { recipientOfSubject, USER_EVENT_STREAM, userEventsSubject } from '#contracts';
import {
  Metrics,
  NatsConnectionHolder,
  ROOT_LOGGER,
  ensureStream,
  userEventStreamConfig,
} from '#platform';
import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { sseEvent } from './sse.js';
import type { StreamConnection } from './stream-connection.js';
import { StreamConnections } from './stream-connections.service.js';
import { toStreamEvent } from './stream-event.response.js';

const STREAM = USER_EVENT_STREAM.name;
const LIVE_BATCH = 1000;
const REPLAY_BATCH = 256;
/** A replay that has not caught up by then gives up: the client reconnects and tries again. */
const REPLAY_TIMEOUT_MS = 10_000;
const RESTART_DELAY_MS = 1000;

/**
 * The replica's view of `users.*.events`: one ordered consumer of the whole stream, from the
 * moment the replica starts, whose events are handed to the streams open here, and, for a
 * stream that resumes after a Last-Event-ID, a replay of that user's subject from there. Each
 * event's id is its stream sequence.
 */
@Injectable()
export class UserEventsFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private live?: ConsumerMessages;
  private running = false;
  private loop?: Promise<void>;
  /** The last sequence the live subscription saw, where a restarted one goes on from. */
  private lastSeen = 0;
  private readonly logger: Logger;
  private readonly resets: Counter;

  constructor(
    private readonly nats: NatsConnectionHolder,
    private readonly connections: StreamConnections,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    metrics: Metrics,
  ) {
    this.logger = rootLogger.child({ context: 'UserEventsFeed' });
    this.resets = metrics.counter({
      name: 'tradematch_stream_resets_total',
      help: 'Resumed streams told to refetch: their Last-Event-ID was older than the stream keeps',
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // Whichever of the gateway and the notifications service starts first creates it; the
    // notifications service owns its settings.
    await ensureStream(await this.nats.manager(), userEventStreamConfig(), { update: false });
    this.running = true;
    // Subscribed before the replica serves HTTP: no stream can open before its events flow.
    this.live = await this.subscribe();
    this.loop = this.keepSubscribed(this.live);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.live?.close();
    await this.loop;
  }

  /**
   * Sends `connection` what its user was sent after `afterId` and is still kept, then lets its
   * live events through; or, when some of that is no longer kept, a `reset`.
   */
  async resume(connection: StreamConnection, afterId: number): Promise<void> {
    const manager = await this.nats.manager();
    const { state } = await manager.streams.info(STREAM);
    // An id past the stream's end comes from before the stream was recreated.
    if (afterId + 1 < state.first_seq || afterId > state.last_seq) {
      this.resets.inc();
      connection.reset(state.last_seq);
      connection.goLive();
      return;
    }
    const subject = userEventsSubject(connection.userId);
    const newest = await manager.streams.getMessage(STREAM, { last_by_subj: subject });
    if (newest && newest.seq > afterId) await this.replay(connection, afterId, newest.seq);
    connection.goLive();
  }

  private async replay(connection: StreamConnection, afterId: number, until: number) {
    const js = await this.nats.jetStream();
    const consumer = await js.consumers.get(STREAM, {
      filter_subjects: userEventsSubject(connection.userId),
      opt_start_seq: afterId + 1,
    });
    let messages: ConsumerMessages | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`replay did not reach ${until} in time`)),
          REPLAY_TIMEOUT_MS,
        );
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        consumer
          .consume({
            max_messages: REPLAY_BATCH,
            callback: (message) => {
              const frame = this.frameOf(message);
              if (frame) connection.replay(message.seq, frame);
              if (message.seq >= until || !connection.isOpen) done();
            },
          })
          .then((consuming) => {
            messages = consuming;
            void consuming.closed().then(done);
          }, reject);
      });
    } finally {
      await messages?.close();
      await consumer.delete().catch(() => undefined);
    }
  }

  private async subscribe(): Promise<ConsumerMessages> {
    const js = await this.nats.jetStream();
    const consumer = await js.consumers.get(
      STREAM,
      this.lastSeen > 0
        ? { opt_start_seq: this.lastSeen + 1 }
        : { deliver_policy: DeliverPolicy.New },
    );
    return consumer.consume({
      max_messages: LIVE_BATCH,
      callback: (message) => this.onLive(message),
    });
  }

  /** An ordered consumer recreates itself after gaps and reconnects; this covers its giving up. */
  private async keepSubscribed(first: ConsumerMessages): Promise<void> {
    let messages = first;
    while (this.running) {
      const ended = await messages.closed();
      if (!this.running) return;
      this.logger.warn({ err: ended }, 'live subscription ended; subscribing again');
      for (;;) {
        await sleep(RESTART_DELAY_MS);
        if (!this.running) return;
        try {
          messages = this.live = await this.subscribe();
          break;
        } catch (error) {
          this.logger.warn({ err: error }, 'cannot subscribe to the users’ events yet');
        }
      }
    }
  }

  private onLive(message: JsMsg): void {
    this.lastSeen = message.seq;
    const recipient = recipientOfSubject(message.subject);
    if (!recipient || !this.connections.hasStreams(recipient)) return;
    const frame = this.frameOf(message);
    if (frame) this.connections.dispatch(recipient, message.seq, frame);
  }

  /** The SSE event of a stream message, or null (logged) for one that is no item for its subject. */
  private frameOf(message: JsMsg): string | null {
    const recipient = recipientOfSubject(message.subject);
    let item: unknown;
    try {
      item = message.json();
    } catch {
      item = undefined;
    }
    const event = recipient ? toStreamEvent(item, recipient) : null;
    if (!event) {
      this.logger.error(
        { subject: message.subject, seq: message.seq },
        'not a user event item for its subject; not sent',
      );
      return null;
    }
    return sseEvent(message.seq, event.kind, event.data);
  }
}
