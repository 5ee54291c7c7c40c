import type { ConversationStatus, UserPrincipal } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import {
  assertAcceptsMessages,
  nextConversationStatus,
  type ConversationAction,
} from './conversation-lifecycle.js';

/** The only people a conversation has: its customer and its vendor. */
export type Participant = UserPrincipal<'customer' | 'vendor'>;

export interface NewConversation {
  id: string;
  jobId: string;
  leadId: string;
  customerId: string;
  vendorId: string;
}

/** A customer and the vendor who accepted their lead; opened by `LEAD_ACCEPTED`, never deleted. */
@Entity({ tableName: 'conversation' })
export class Conversation {
  /** `conversationIdForLead(lead_id)`, so the lead's acceptance and this row name the same id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'text' })
  status!: ConversationStatus;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  lockedAt: Date | null = null;

  static open(input: NewConversation, at: Date): Conversation {
    const conversation = new Conversation();
    Object.assign(conversation, input);
    conversation.status = 'open';
    conversation.createdAt = at;
    return conversation;
  }

  /**
   * Moves the conversation on by `action` (`lock` makes it read-only from `at`). Answers false
   * when it was already past it: a conversation never reopens, so a late event changes nothing.
   */
  apply(action: ConversationAction, at: Date): boolean {
    const next = nextConversationStatus(this.status, action);
    if (next === null) return false;
    this.status = next;
    if (action === 'lock') this.lockedAt = at;
    return true;
  }

  assertAcceptsMessages(): void {
    assertAcceptsMessages(this.status);
  }

  hasParticipant(principal: Participant): boolean {
    return principal.role === 'customer'
      ? this.customerId === principal.userId
      : this.vendorId === principal.userId;
  }
}
