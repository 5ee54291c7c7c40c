import {
  assertRole,
  DEFAULT_PAGE_SIZE,
  DomainError,
  ErrorCode,
  type ConversationListView,
  type ConversationView,
  type EventEnvelope,
  type JobCancelledPayload,
  type LeadAcceptedPayload,
  type ListMessagesCommand,
  type MarkReadReply,
  type MessageListView,
  type MessageSentPayload,
  type MessageView,
  type Principal,
  type SendMessageCommand,
  type SendMessageReply,
} from '#contracts';
import { EventOutbox } from '#platform';
import { CreateRequestContext } from '@mikro-orm/decorators/legacy';
import { EntityManager, LockMode, MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { assertAcceptsMessages, nextConversationStatus } from './conversation-lifecycle.js';
import { Conversation } from './conversation.entity.js';
import { messageContent } from './message-content.js';
import { Message } from './message.entity.js';
import { assertWithinRateLimit, MESSAGE_RATE_LIMIT } from './message-rate-limit.js';
import { toMessageView } from './message.view.js';
import { systemMessageFor } from './system-messages.js';

/** Conversations list the most recently active first, this many at most. */
const MAX_CONVERSATIONS = 100;

const PARTICIPANTS: Principal['role'][] = ['customer', 'vendor'];

interface ConversationRow {
  id: string;
  job_id: string;
  lead_id: string;
  customer_id: string;
  vendor_id: string;
  status: Conversation['status'];
  // Raw queries answer timestamps as text.
  created_at: string;
  unread_count: string;
  message_id: string | null;
  sender_id: string | null;
  sender_role: Message['senderRole'] | null;
  type: Message['type'] | null;
  body: string | null;
  attachment_url: string | null;
  message_created_at: string | null;
  read_at: string | null;
}

/**
 * Only a conversation's two participants see it; to anyone else it answers exactly like one
 * that does not exist, so conversation ids cannot be probed.
 */
@Injectable()
export class ConversationsService {
  constructor(
    readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  /** Runs in the consumer's inbox transaction; the inserts are idempotent by key as well. */
  async openOnLeadAccepted(envelope: EventEnvelope, em: EntityManager): Promise<void> {
    const payload = envelope.payload as unknown as LeadAcceptedPayload;
    if (envelope.job_id === null) throw new Error('LEAD_ACCEPTED without a job_id');
    await em
      .createQueryBuilder(Conversation)
      .insert({
        id: payload.conversation_id,
        jobId: envelope.job_id,
        leadId: payload.lead_id,
        customerId: payload.customer_id,
        vendorId: payload.vendor_id,
        status: 'open',
        createdAt: new Date(envelope.occurred_at),
        lockedAt: null,
      })
      .onConflict('id')
      .ignore()
      .execute();
    await this.announce(em, envelope, [payload.conversation_id]);
  }

  /** A cancelled job's conversations become read-only. */
  async lockOnJobCancelled(envelope: EventEnvelope, em: EntityManager): Promise<void> {
    const payload = envelope.payload as unknown as JobCancelledPayload;
    const conversations = await em.find(
      Conversation,
      {
        $or: [
          ...(envelope.job_id ? [{ jobId: envelope.job_id }] : []),
          { leadId: { $in: payload.accepted_lead_ids } },
        ],
      },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const locked: string[] = [];
    for (const conversation of conversations) {
      const next = nextConversationStatus(conversation.status, 'lock');
      if (next === null) continue;
      conversation.status = next;
      conversation.lockedAt = new Date(envelope.occurred_at);
      locked.push(conversation.id);
    }
    await em.flush();
    await this.announce(em, envelope, locked);
  }

  @CreateRequestContext()
  async listOwn(principal: Principal): Promise<ConversationListView> {
    assertRole(principal, PARTICIPANTS);
    const rows = await this.em.execute<ConversationRow[]>(
      `select c.id, c.job_id, c.lead_id, c.customer_id, c.vendor_id, c.status, c.created_at,
              (select count(*) from messaging.message unread
                where unread.conversation_id = c.id and unread.sender_role <> 'system'
                  and unread.sender_id <> ? and unread.read_at is null) as unread_count,
              last.id as message_id, last.sender_id, last.sender_role, last.type, last.body,
              last.attachment_url, last.created_at as message_created_at, last.read_at
         from messaging.conversation c
         left join lateral (
           select * from messaging.message m where m.conversation_id = c.id order by m.id desc limit 1
         ) last on true
        where c.${principal.role === 'customer' ? 'customer_id' : 'vendor_id'} = ?
        order by coalesce(last.created_at, c.created_at) desc, c.id
        limit ?`,
      [principal.userId, principal.userId, MAX_CONVERSATIONS],
    );
    return { conversations: rows.map(toConversationView) };
  }

  /** A page, newest first. Retrieving the other participant's messages marks them read. */
  @CreateRequestContext()
  async listMessages(principal: Principal, command: ListMessagesCommand): Promise<MessageListView> {
    assertRole(principal, PARTICIPANTS);
    const limit = command.limit ?? DEFAULT_PAGE_SIZE;
    return this.em.fork().transactional(async (em) => {
      const conversation = await this.findParticipating(em, principal, command.conversation_id);
      const messages = await em.find(
        Message,
        {
          conversationId: conversation.id,
          ...(command.cursor ? { id: { $lt: command.cursor } } : {}),
        },
        { orderBy: { id: 'desc' }, limit: limit + 1 },
      );
      const page = messages.slice(0, limit);
      const now = new Date();
      for (const message of page) {
        if (message.readAt === null && message.isFromOtherParticipant(principal.userId)) {
          message.readAt = now;
        }
      }
      await em.flush();
      return {
        messages: page.map(toMessageView),
        message_count: await em.count(Message, { conversationId: conversation.id }),
        next_cursor: messages.length > limit ? page[page.length - 1].id : null,
      };
    });
  }

  @CreateRequestContext()
  async send(principal: Principal, command: SendMessageCommand): Promise<SendMessageReply> {
    assertRole(principal, PARTICIPANTS);
    const content = messageContent(command);
    return this.em.fork().transactional(async (em) => {
      // A share lock: a cancellation locking the conversation waits for this message, or wins.
      const conversation = await this.findParticipating(
        em,
        principal,
        command.conversation_id,
        LockMode.PESSIMISTIC_READ,
      );
      assertAcceptsMessages(conversation.status);
      const now = await this.checkRateLimit(em, principal.userId);
      const message = Message.create(
        {
          conversationId: conversation.id,
          senderId: principal.userId,
          senderRole: principal.role as 'customer' | 'vendor',
          type: content.type,
          body: content.body,
          attachmentUrl: content.attachmentUrl,
        },
        now,
      );
      em.persist(message);
      const event = this.outbox.record<MessageSentPayload>(
        em,
        {
          type: 'MESSAGE_SENT',
          actor: { id: principal.userId, role: principal.role },
          subject: { type: 'message', id: message.id },
          jobId: conversation.jobId,
          payload: {
            conversation_id: conversation.id,
            message_id: message.id,
            sender_id: principal.userId,
            sender_role: message.senderRole,
            type: message.type,
          },
        },
        now,
      );
      return {
        message_id: message.id,
        event_id: event.event_id,
        sender_id: principal.userId,
        sender_role: message.senderRole,
        type: message.type,
        body: message.body,
        attachment_url: message.attachmentUrl,
        created_at: message.createdAt.toISOString(),
      };
    });
  }

  /** Marks every message the other participant sent as read. */
  @CreateRequestContext()
  async markRead(principal: Principal, conversationId: string): Promise<MarkReadReply> {
    assertRole(principal, PARTICIPANTS);
    return this.em.fork().transactional(async (em) => {
      const conversation = await this.findParticipating(em, principal, conversationId);
      const marked = await em.nativeUpdate(
        Message,
        {
          conversationId: conversation.id,
          senderRole: { $ne: 'system' },
          senderId: { $ne: principal.userId },
          readAt: null,
        },
        { readAt: new Date() },
      );
      return { conversation_id: conversation.id, marked_read: marked };
    });
  }

  /**
   * Serialises one sender's messages (on every replica) with a transaction-scoped advisory lock,
   * so parallel requests cannot all slip under the limit. Answers the time to stamp the message.
   */
  private async checkRateLimit(em: EntityManager, senderId: string): Promise<Date> {
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
      `messaging-rate:${senderId}`,
    ]);
    const now = new Date();
    const recent = await em.find(
      Message,
      {
        senderId,
        createdAt: { $gt: new Date(now.getTime() - MESSAGE_RATE_LIMIT.windowMs) },
      },
      {
        orderBy: { createdAt: 'desc' },
        limit: MESSAGE_RATE_LIMIT.maxMessages,
        fields: ['createdAt'],
      },
    );
    assertWithinRateLimit(
      recent.map((message) => message.createdAt),
      now,
    );
    return now;
  }

  private async findParticipating(
    em: EntityManager,
    principal: Principal,
    conversationId: string,
    lockMode?: LockMode,
  ): Promise<Conversation> {
    const conversation = isUUID(conversationId)
      ? await em.findOne(Conversation, { id: conversationId }, lockMode ? { lockMode } : {})
      : null;
    if (!conversation?.hasParticipant(principal)) {
      throw new DomainError(ErrorCode.CONVERSATION_NOT_FOUND, 404, 'Conversation not found', {
        conversation_id: conversationId,
      });
    }
    return conversation;
  }

  /** Writes the event's system message, if it has one, into each conversation, once. */
  private async announce(
    em: EntityManager,
    envelope: EventEnvelope,
    conversationIds: string[],
  ): Promise<void> {
    const text = systemMessageFor(envelope.event_type);
    if (text === null) return;
    for (const conversationId of conversationIds) {
      const message = Message.create(
        {
          conversationId,
          senderId: null,
          senderRole: 'system',
          type: 'system',
          body: text,
          attachmentUrl: null,
          sourceEventId: envelope.event_id,
        },
        new Date(envelope.occurred_at),
      );
      await em
        .createQueryBuilder(Message)
        .insert({ ...message })
        .onConflict(['conversationId', 'sourceEventId'])
        .ignore()
        .execute();
    }
  }
}

function toConversationView(row: ConversationRow): ConversationView {
  const lastMessage: MessageView | null =
    row.message_id === null
      ? null
      : {
          message_id: row.message_id,
          conversation_id: row.id,
          sender_id: row.sender_id,
          sender_role: row.sender_role!,
          type: row.type!,
          body: row.body,
          attachment_url: row.attachment_url,
          created_at: new Date(row.message_created_at!).toISOString(),
          read_at: row.read_at === null ? null : new Date(row.read_at).toISOString(),
        };
  return {
    conversation_id: row.id,
    job_id: row.job_id,
    lead_id: row.lead_id,
    customer_id: row.customer_id,
    vendor_id: row.vendor_id,
    status: row.status,
    created_at: new Date(row.created_at).toISOString(),
    last_message: lastMessage,
    unread_count: Number(row.unread_count),
  };
}
