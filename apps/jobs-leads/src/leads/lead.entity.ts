import type { LeadStatus } from '#contracts';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** One job offered to one vendor, at a price only that vendor sees. */
@Entity({ tableName: 'lead' })
@Index({ properties: ['vendorId', 'id'] })
export class Lead {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'text' })
  status!: LeadStatus;

  @Property({ type: 'integer' })
  pricePence!: number;

  @Property({ type: 'integer' })
  qualityScore!: number;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  offeredAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  declineReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  conversationId: string | null = null;

  @Property({ type: 'integer' })
  acceptAttempts: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  acceptIdempotencyKey: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  acceptEventId: string | null = null;

  static offer(
    input: { jobId: string; vendorId: string; pricePence: number; qualityScore: number },
    now: Date,
    ttlMs: number,
  ): Lead {
    const lead = new Lead();
    lead.id = uuidv7({ msecs: now.getTime() });
    lead.jobId = input.jobId;
    lead.vendorId = input.vendorId;
    lead.status = 'offered';
    lead.pricePence = input.pricePence;
    lead.qualityScore = input.qualityScore;
    lead.offeredAt = now;
    lead.expiresAt = new Date(now.getTime() + ttlMs);
    return lead;
  }
}
