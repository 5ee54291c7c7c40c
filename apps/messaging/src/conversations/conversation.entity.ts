import type { ConversationStatus, Principal } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

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

  hasParticipant(principal: Principal): boolean {
    if (principal.role === 'customer') return this.customerId === principal.userId;
    if (principal.role === 'vendor') return this.vendorId === principal.userId;
    return false;
  }
}
