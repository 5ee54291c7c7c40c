import type { EventEnvelope } from '#contracts';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { MESSAGE_RATE_LIMIT } from './message-rate-limit.js';
import { Message } from './message.entity.js';
import type { ServiceMessage } from './conversation-reactions.js';

@Injectable()
export class MessagesRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Serialises one sender's messages (on every replica) with a transaction-scoped advisory lock,
   * so parallel requests cannot all slip under the rate limit.
   */
  async lockSender(senderId: string): Promise<void> {
    await this.em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `messaging-rate:${senderId}`,
    ]);
  }

  /** When the sender sent their latest messages inside the rate limit's window, newest first. */
  async recentSendTimes(senderId: string, now: Date): Promise<Date[]> {
    const recent = await this.em.find(
      Message,
      { senderId, createdAt: { $gt: new Date(now.getTime() - MESSAGE_RATE_LIMIT.windowMs) } },
      {
        orderBy: { createdAt: 'desc' },
        limit: MESSAGE_RATE_LIMIT.maxMessages,
        fields: ['createdAt'],
      },
    );
    return recent.map((message) => message.createdAt);
  }

  /** Read receipts for every message the other participant sent; answers how many. */
  markAllReadBy(conversationId: string, readerId: string, at: Date): Promise<number> {
    return this.em.nativeUpdate(
      Message,
      {
        conversationId,
        senderRole: { $ne: 'system' },
        senderId: { $ne: readerId },
        readAt: null,
      },
      { readAt: at },
    );
  }

  /**
   * Writes the event's messages, each into its conversation once however often the event is
   * applied (past the inbox too: a replay on opening), keyed by conversation and event.
   */
  async post(
    event: EventEnvelope,
    messages: readonly (ServiceMessage & { conversationId: string })[],
  ): Promise<void> {
    for (const { conversationId, type, body } of messages) {
      const message = Message.fromService(
        conversationId,
        { type, body },
        event.event_id,
        new Date(event.occurred_at),
      );
      await this.em
        .createQueryBuilder(Message)
        .insert({ ...message })
        .onConflict(['conversationId', 'sourceEventId'])
        .ignore()
        .execute();
    }
  }
}
