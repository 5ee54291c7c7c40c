import { conversationIdForLead, type JobStatus, type LeadStatus } from '#contracts';
import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import {
  assertJobOnOffer,
  leadAlreadyAccepted,
  nextLeadStatus,
  type LeadAction,
} from './lead-lifecycle.js';

export interface LeadOffer {
  jobId: string;
  vendorId: string;
  pricePence: number;
  qualityScore: number;
}

/** A lead's move through its lifecycle, for the caller to record. */
export interface LeadTransition {
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
}

/** One paid attempt to accept: escrow charges `pricePence` under `chargeKey`, at most once. */
export interface AcceptanceAttempt {
  leadId: string;
  chargeKey: string;
  pricePence: number;
}

/** An acceptance already made, as a retry of the request that made it is answered. */
export interface AcceptanceRecord {
  leadId: string;
  conversationId: string;
  eventId: string;
}

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

  static offer(input: LeadOffer, now: Date, ttlMs: number): Lead {
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

  isOnOffer(): boolean {
    return this.status === 'offered';
  }

  isAccepted(): boolean {
    return this.status === 'accepted';
  }

  /**
   * Step 1 of pay-then-accept: the offer must still be open on a live job. Every attempt counts,
   * so each pays under its own key and a retry after a refunded failure pays again.
   */
  beginAcceptance(jobStatus: JobStatus): AcceptanceAttempt {
    nextLeadStatus(this.status, 'accept');
    assertJobOnOffer(jobStatus);
    this.acceptAttempts += 1;
    return {
      leadId: this.id,
      chargeKey: `lead-accept:${this.id}:${this.acceptAttempts}`,
      pricePence: this.pricePence,
    };
  }

  /**
   * The last step, once paid: the customer's contact unlocks for this vendor, and the
   * conversation is named from the lead alone, so messaging can open the same one from the event.
   */
  accept(
    jobStatus: JobStatus,
    idempotencyKey: string | null,
    now: Date,
  ): LeadTransition & { conversationId: string } {
    nextLeadStatus(this.status, 'accept');
    assertJobOnOffer(jobStatus);
    const conversationId = conversationIdForLead(this.id);
    this.acceptedAt = now;
    this.conversationId = conversationId;
    this.acceptIdempotencyKey = idempotencyKey;
    return { ...this.move('accept'), conversationId };
  }

  /** Keeps the acceptance's event id, which a retry with the same idempotency key answers. */
  recordAcceptanceEvent(eventId: string): void {
    this.acceptEventId = eventId;
  }

  /** The acceptance again for a retry of the request that made it; anyone else gets 409. */
  replayAcceptance(idempotencyKey: string | undefined): AcceptanceRecord {
    if (
      idempotencyKey &&
      this.acceptIdempotencyKey === idempotencyKey &&
      this.acceptEventId &&
      this.conversationId
    ) {
      return { leadId: this.id, conversationId: this.conversationId, eventId: this.acceptEventId };
    }
    throw leadAlreadyAccepted();
  }

  decline(reason: string): LeadTransition {
    const transition = this.move('decline');
    this.declineReason = reason;
    return transition;
  }

  /** The vendor did not answer in time. */
  expire(): LeadTransition {
    return this.move('expire');
  }

  /** The job went away (cancelled or expired) while the offer was open. */
  close(): LeadTransition {
    return this.move('close');
  }

  private move(action: LeadAction): LeadTransition {
    const from = this.status;
    this.status = nextLeadStatus(from, action);
    return { leadId: this.id, from, to: this.status };
  }
}
