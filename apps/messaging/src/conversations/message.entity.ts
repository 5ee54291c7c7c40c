import type { MessageSenderRole, MessageType } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** One line of a conversation. The database refuses any change but setting `read_at` once. */
@Entity({ tableName: 'message' })
@Index({ properties: ['conversationId', 'id'] })
@Index({ properties: ['senderId', 'createdAt'] })
export class Message {
  /** UUIDv7: id order is creation order, which keyset pagination relies on. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  conversationId!: string;

  /** Null for system messages. */
  @Property({ type: 'uuid', nullable: true })
  senderId!: string | null;

  @Property({ type: 'text' })
  senderRole!: MessageSenderRole;

  @Property({ type: 'text' })
  type!: MessageType;

  @Property({ type: 'text', nullable: true })
  body!: string | null;

  @Property({ type: 'text', nullable: true })
  attachmentUrl!: string | null;

  @Property({ type: 'uuid', nullable: true })
  sourceEventId: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  static create(
    input: Pick<
      Message,
      'conversationId' | 'senderId' | 'senderRole' | 'type' | 'body' | 'attachmentUrl'
    > & { sourceEventId?: string },
    now: Date,
  ): Message {
    const message = new Message();
    message.id = uuidv7({ msecs: now.getTime() });
    message.conversationId = input.conversationId;
    message.senderId = input.senderId;
    message.senderRole = input.senderRole;
    message.type = input.type;
    message.body = input.body;
    message.attachmentUrl = input.attachmentUrl;
    message.sourceEventId = input.sourceEventId ?? null;
    message.createdAt = now;
    return message;
  }

  /** What both participants read when `sourceEventId` happened; one per event and conversation. */
  /** A line the service writes, caused by the event `sourceEventId`. */
  static fromService(
    conversationId: string,
    message: { type: 'system' | 'quote_reference'; body: string },
    sourceEventId: string,
    at: Date,
  ): Message {
    return Message.create(
      {
        conversationId,
        senderId: null,
        senderRole: 'system',
        type: message.type,
        body: message.body,
        attachmentUrl: null,
        sourceEventId,
      },
      at,
    );
  }

  /**
   * A read receipt: the other participant's message, retrieved by `readerId`, is read from `at`
   * on. One's own messages and system messages are never marked, and a receipt is never moved.
   */
  markReadBy(readerId: string, at: Date): void {
    if (this.readAt === null && this.senderRole !== 'system' && this.senderId !== readerId) {
      this.readAt = at;
    }
  }
}
