import type { DisputeParty } from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';

/** A party's evidence in a dispute: written once, never changed (the database refuses it). */
@Entity({ tableName: 'dispute_evidence' })
@Index({ properties: ['disputeId', 'createdAt'] })
export class DisputeEvidence {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  disputeId!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  @Property({ type: 'text' })
  authorRole!: DisputeParty;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  urls!: string[];

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  static of(
    disputeId: string,
    author: { userId: string; role: DisputeParty },
    evidence: { description: string; urls?: string[] },
    now: Date,
  ): DisputeEvidence {
    const added = new DisputeEvidence();
    added.id = uuidv7({ msecs: now.getTime() });
    added.disputeId = disputeId;
    added.authorId = author.userId;
    added.authorRole = author.role;
    added.description = evidence.description;
    added.urls = [...(evidence.urls ?? [])];
    added.createdAt = now;
    return added;
  }
}
