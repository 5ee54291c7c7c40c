import {
  DomainError,
  MessagingErrors,
  type ConversationView,
  type MessageView,
  type UnreadSummaryView,
} from '#contracts';
import { EntityManager, type LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Conversation, type Participant } from './conversation.entity.js';
import type { Message } from './message.entity.js';

/** Conversations list the most recently active first, this many at most. */
const MAX_CONVERSATIONS = 100;

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
export class ConversationsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The participant's conversations with their last message and unread count, in one query. */
  async listFor(participant: Participant): Promise<ConversationView[]> {
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
        where c.${participant.role === 'customer' ? 'customer_id' : 'vendor_id'} = ?
        order by coalesce(last.created_at, c.created_at) desc, c.id
        limit ?`,
      [participant.userId, participant.userId, MAX_CONVERSATIONS],
    );
    return rows.map(toConversationView);
  }

  /** Unread as the conversation list counts it: the other participant's messages only. */
  async unreadSummaryOf(participant: Participant): Promise<UnreadSummaryView> {
    const [row] = await this.em.execute<{ unread: number; conversations: number }[]>(
      `select count(*)::int as unread, count(distinct m.conversation_id)::int as conversations
         from messaging.conversation c
         join messaging.message m on m.conversation_id = c.id
        where c.${participant.role === 'customer' ? 'customer_id' : 'vendor_id'} = ?
          and m.sender_role <> 'system' and m.sender_id <> ? and m.read_at is null`,
      [participant.userId, participant.userId],
    );
    return { unread_count: row.unread, conversations_with_unread: row.conversations };
  }

  /** The conversation, if `participant` is one of its two; 404 otherwise. */
  async findParticipating(
    participant: Participant,
    conversationId: string,
    lockMode?: LockMode,
  ): Promise<Conversation> {
    const conversation = isUUID(conversationId)
      ? await this.em.findOne(Conversation, { id: conversationId }, lockMode ? { lockMode } : {})
      : null;
    if (!conversation?.hasParticipant(participant)) {
      throw new DomainError(MessagingErrors.CONVERSATION_NOT_FOUND, 404, 'Conversation not found', {
        conversation_id: conversationId,
      });
    }
    return conversation;
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
