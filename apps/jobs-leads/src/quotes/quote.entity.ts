import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { nextQuoteStatus, type QuoteAction, type StoredQuoteStatus } from './quote-lifecycle.js';
import type { QuoteMilestone } from './quote-milestones.js';

export interface QuoteTerms {
  amountPence: number;
  description: string;
  estimatedDuration: string;
  milestones: QuoteMilestone[];
}

/** A vendor's offer to do a job for an amount, in stages; no lead price in it. */
@Entity({ tableName: 'quote' })
@Index({ properties: ['jobId', 'id'] })
@Index({ properties: ['vendorId', 'id'] })
export class Quote {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  leadId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'text' })
  status!: StoredQuoteStatus;

  @Property({ type: 'integer' })
  amountPence!: number;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text' })
  estimatedDuration!: string;

  @Property({ type: 'json', columnType: 'jsonb' })
  milestones!: QuoteMilestone[];

  @Property({ type: 'text', nullable: true })
  rejectReason: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  static send(
    lead: { id: string; jobId: string; vendorId: string },
    terms: QuoteTerms,
    now: Date,
  ): Quote {
    const quote = new Quote();
    quote.id = uuidv7({ msecs: now.getTime() });
    quote.jobId = lead.jobId;
    quote.leadId = lead.id;
    quote.vendorId = lead.vendorId;
    quote.status = 'pending';
    Object.assign(quote, terms);
    quote.createdAt = now;
    quote.updatedAt = now;
    return quote;
  }

  /** The vendor changes a pending quote; answers which terms changed. */
  revise(terms: QuoteTerms, now: Date): string[] {
    this.move('revise', now);
    const changed = (Object.keys(terms) as (keyof QuoteTerms)[]).filter(
      (field) => JSON.stringify(this[field]) !== JSON.stringify(terms[field]),
    );
    Object.assign(this, terms);
    return changed;
  }

  withdraw(now: Date): void {
    this.move('withdraw', now);
  }

  reject(reason: string | null, now: Date): void {
    this.move('reject', now);
    this.rejectReason = reason;
  }

  /** Held for the award saga while escrow is funded. */
  reserve(now: Date): void {
    this.move('reserve', now);
  }

  release(now: Date): void {
    this.move('release', now);
  }

  accept(now: Date): void {
    this.move('accept', now);
  }

  private move(action: QuoteAction, now: Date): void {
    this.status = nextQuoteStatus(this.status, action);
    this.updatedAt = now;
  }
}
