import { conversationIdForLead, type JobStatus, type LeadStatus } from '#contracts';
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

/** How the customer reaches the vendor who paid for the lead, as identity knew it then. */
export interface VendorContact {
  name: string;
  email: string;
}

/** A lead its vendor accepted: it has its conversation from then on. */
export type PaidLead = Lead & { acceptedAt: Date; conversationId: string };

/** A lead's move through its lifecycle, for the caller to record. */
export interface LeadTransition {
  leadId: string;
  from: LeadStatus;
  to: LeadStatus;
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

  /**
   * The accepting vendor's contact name and email, captured at acceptance; revealed to the job's
   * customer only. Null for leads accepted before they were kept.
   */
  @Property({ type: 'text', nullable: true })
  vendorContactName: string | null = null;

  @Property({ type: 'text', nullable: true })
  vendorContactEmail: string | null = null;

  /** The acceptance saga holding the offer while the vendor pays; one at a time. */
  @Property({ type: 'uuid', nullable: true })
  acceptingSagaId: string | null = null;

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

  /** Paid for and still in the running: accepted, or with a quote pending. */
  isAccepted(): boolean {
    return this.status === 'accepted' || this.status === 'quote_sent';
  }

  /**
   * The vendor paid for it at some point: its customer's contact details are theirs to keep, and
   * theirs the customer's.
   */
  hasPaid(): this is PaidLead {
    return this.acceptedAt !== null;
  }

  /**
   * Step 1 of accepting: the offer must still be open on a live job, and no other acceptance may
   * hold it, so that of many parallel accepts exactly one goes on to pay.
   */
  claim(sagaId: string, jobStatus: JobStatus): { pricePence: number } {
    nextLeadStatus(this.status, 'accept');
    assertJobOnOffer(jobStatus);
    if (this.acceptingSagaId !== null && this.acceptingSagaId !== sagaId) {
      throw leadAlreadyAccepted();
    }
    this.acceptingSagaId = sagaId;
    return { pricePence: this.pricePence };
  }

  /** Undoes `claim`: the acceptance stopped, the offer is open to the vendor again. */
  releaseClaim(sagaId: string): void {
    if (this.acceptingSagaId === sagaId) this.acceptingSagaId = null;
  }

  /**
   * The last step, once paid: the customer's contact unlocks for this vendor and the vendor's
   * for the customer, and the conversation is named from the lead alone, so messaging can open
   * the same one from the event.
   */
  accept(
    sagaId: string,
    jobStatus: JobStatus,
    now: Date,
    contact: VendorContact | null,
  ): LeadTransition & { conversationId: string } {
    nextLeadStatus(this.status, 'accept');
    assertJobOnOffer(jobStatus);
    if (this.acceptingSagaId !== sagaId) throw leadAlreadyAccepted();
    const conversationId = conversationIdForLead(this.id);
    this.acceptedAt = now;
    this.conversationId = conversationId;
    this.vendorContactName = contact?.name.trim() ?? null;
    this.vendorContactEmail = contact?.email.trim().toLowerCase() ?? null;
    this.acceptingSagaId = null;
    return { ...this.move('accept'), conversationId };
  }

  /** The vendor quoted; one quote is pending at a time. */
  sendQuote(): LeadTransition {
    return this.move('sendQuote');
  }

  /** The pending quote was withdrawn or rejected: the vendor may quote again. */
  reopen(): LeadTransition {
    return this.move('reopen');
  }

  /** The customer accepted this lead's quote. */
  win(): LeadTransition {
    return this.move('win');
  }

  /** Another vendor's quote was accepted: the job is gone for this one. */
  lose(): LeadTransition {
    return this.move('lose');
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
