import { DEAD_LETTER_STREAM, deadLetterAdminSubject, type EventEnvelope } from '#contracts';
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import {
  readDeadLetters,
  summarise,
  eventIdOf,
  type DeadLetterListReply,
  type DeadLetterRequest,
  type RedriveReply,
} from './dead-letters.js';
import { parseEnvelope, type EventHandler } from './event-handler.js';

type Apply = (handler: EventHandler, envelope: EventEnvelope) => Promise<void>;

/**
 * Answers `npm run events:redrive` for this service's consumers: lists their dead letters, and
 * re-drives them through the very handler that gave up on them (inbox included, so an event
 * applied in the meantime changes nothing), removing each one that now succeeds. Only the
 * service's own NATS user may send these requests or serve them.
 */
export class DeadLetterAdmin {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    connection: NatsConnection,
    private readonly manager: JetStreamManager,
    queue: string,
    handlers: readonly EventHandler[],
    private readonly apply: Apply,
    private readonly logger: Logger,
  ) {
    for (const handler of handlers) {
      const serve = (
        command: 'list' | 'redrive',
        answer: (request: DeadLetterRequest) => unknown,
      ) =>
        this.subscriptions.push(
          connection.subscribe(deadLetterAdminSubject(handler.durableName, command), {
            queue,
            callback: (_error, message) => void this.respond(message, answer),
          }),
        );
      serve('list', (request) => this.list(handler, request));
      serve('redrive', (request) => this.redrive(handler, request));
    }
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private async respond(
    message: Msg,
    answer: (request: DeadLetterRequest) => unknown,
  ): Promise<void> {
    try {
      const request = message.data.length > 0 ? message.json<DeadLetterRequest>() : {};
      message.respond(JSON.stringify(await answer(request)));
    } catch (error) {
      this.logger.error({ err: error, subject: message.subject }, 'dead-letter request failed');
      message.respond(JSON.stringify({ error: String(error) }));
    }
  }

  private async list(
    handler: EventHandler,
    request: DeadLetterRequest,
  ): Promise<DeadLetterListReply> {
    const found = await readDeadLetters(this.manager, handler.durableName, request.event_id);
    return { dead_letters: found.map(summarise) };
  }

  private async redrive(handler: EventHandler, request: DeadLetterRequest): Promise<RedriveReply> {
    const reply: RedriveReply = { redriven: [], failed: [] };
    for (const message of await readDeadLetters(
      this.manager,
      handler.durableName,
      request.event_id,
    )) {
      try {
        const envelope = parseEnvelope(message.data, originalSubject(message));
        await this.apply(handler, envelope);
        await this.manager.streams.deleteMessage(DEAD_LETTER_STREAM.name, message.seq);
        reply.redriven.push(envelope.event_id);
        this.logger.info(
          { consumer: handler.durableName, event_id: envelope.event_id },
          'dead letter re-driven',
        );
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        reply.failed.push({ seq: message.seq, event_id: eventIdOf(message), error: text });
      }
    }
    return reply;
  }
}

function originalSubject(message: StoredMsg): string {
  return message.header.get('x-original-subject');
}
