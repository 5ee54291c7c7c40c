import {
  DomainError,
  JobsErrors,
  penceToPounds,
  poundsToPence,
  toUkE164,
  type JobStatus,
  type UserPrincipal,
} from '#contracts';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { toNormalised } from 'postcode';
import { v7 as uuidv7 } from 'uuid';
import type { DisputeReaction } from './job-disputes.js';
import { AWARDED, assertLive, isEditable, nextJobStatus, type JobAction } from './job-lifecycle.js';

export interface DraftJobInput {
  customerId: string;
  title: string;
  description?: string;
  tradeCategory: string;
  budgetMin: number;
  budgetMax: number;
  timeframe: string;
  postcode?: string;
}

/** The customer's contact card as identity knows it, given at publish. */
export interface CustomerContact {
  name: string;
  email: string;
  phone: string;
}

/** A job's move through its lifecycle, for the caller to record. */
export interface JobTransition {
  from: JobStatus;
  to: JobStatus;
}

/** A job gone live: where it is offered and until when. */
export interface JobPublication extends JobTransition {
  postcode: string;
  expiresAt: Date;
}

@Entity({ tableName: 'job' })
@Index({ properties: ['customerId', 'id'] })
export class Job {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'text' })
  status!: JobStatus;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text' })
  tradeCategory!: string;

  @Property({ type: 'integer' })
  budgetMinPence!: number;

  @Property({ type: 'integer' })
  budgetMaxPence!: number;

  @Property({ type: 'text' })
  timeframe!: string;

  /** Normalised form, e.g. `SW1A 1AA`. */
  @Property({ type: 'text', nullable: true })
  postcode: string | null = null;

  /** The customer's contact card, captured at publish; revealed only to vendors who paid. */
  @Property({ type: 'text', nullable: true })
  customerName: string | null = null;

  @Property({ type: 'text', nullable: true })
  customerEmail: string | null = null;

  @Property({ type: 'text', nullable: true })
  customerPhone: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  /** A live job with no accepted quote by then expires. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  /** When escrow paid everything out; the review window runs from here. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** A new job is a draft: visible to its owner only, editable, offered to nobody yet. */
  static draft(input: DraftJobInput, now: Date): Job {
    const job = new Job();
    job.id = uuidv7({ msecs: now.getTime() });
    job.customerId = input.customerId;
    job.status = 'draft';
    job.createdAt = now;
    job.apply(input, now);
    return job;
  }

  /** Changes a draft; once live, vendors may have paid for what it says, so it is frozen. */
  edit(changes: Partial<Omit<DraftJobInput, 'customerId'>>, now: Date): void {
    if (!isEditable(this.status)) {
      throw new DomainError(
        JobsErrors.JOB_NOT_EDITABLE,
        409,
        `A ${this.status} job can no longer be edited`,
        {
          status: this.status,
        },
      );
    }
    this.apply(
      {
        customerId: this.customerId,
        title: changes.title ?? this.title,
        description:
          changes.description === undefined ? (this.description ?? undefined) : changes.description,
        tradeCategory: changes.tradeCategory ?? this.tradeCategory,
        budgetMin: changes.budgetMin ?? penceToPounds(this.budgetMinPence),
        budgetMax: changes.budgetMax ?? penceToPounds(this.budgetMaxPence),
        timeframe: changes.timeframe ?? this.timeframe,
        postcode: changes.postcode === undefined ? (this.postcode ?? undefined) : changes.postcode,
      },
      now,
    );
  }

  /** Admins see every job; a customer only their own. */
  isVisibleTo(viewer: UserPrincipal): boolean {
    return viewer.role === 'admin' || viewer.userId === this.customerId;
  }

  /**
   * Draft → live, offered until `liveTtlMs` from now. Matching needs a postcode; the contact card
   * is kept for the vendors who will pay to see it.
   */
  publish(contact: CustomerContact, now: Date, liveTtlMs: number): JobPublication {
    const to = nextJobStatus(this.status, 'publish');
    if (!this.postcode) {
      throw new DomainError(
        JobsErrors.JOB_INCOMPLETE,
        422,
        'A job needs a postcode before it can be published',
        { missing: ['postcode'] },
      );
    }
    this.customerName = contact.name;
    this.customerEmail = contact.email.toLowerCase();
    this.customerPhone = toUkE164(contact.phone);
    this.publishedAt = now;
    const expiresAt = new Date(now.getTime() + liveTtlMs);
    this.expiresAt = expiresAt;
    return { ...this.moveTo(to, now), postcode: this.postcode, expiresAt };
  }

  /** Draft or live → cancelled; once a quote is accepted and funded, the lifecycle refuses. */
  cancel(now: Date): JobTransition {
    return this.move('cancel', now);
  }

  /**
   * Live → awarding: the award saga holds the job for one quote while escrow is funded. The job
   * goes to one quote only: a second acceptance is 409 JOB_ALREADY_AWARDED.
   */
  reserveAward(now: Date): JobTransition {
    if (AWARDED.includes(this.status)) {
      throw new DomainError(
        JobsErrors.JOB_ALREADY_AWARDED,
        409,
        'A quote for this job has already been accepted',
        { status: this.status },
      );
    }
    assertLive(this.status);
    return this.move('reserveAward', now);
  }

  /** Awarding → live: the award did not go through. */
  releaseAward(now: Date): JobTransition {
    return this.move('releaseAward', now);
  }

  /** Awarding → in progress: escrow is funded and the work can start. */
  award(now: Date): JobTransition {
    return this.move('award', now);
  }

  /**
   * In progress (or disputed) → completed: every milestone is paid out. Null when it is already:
   * a dispute's settlement and escrow's last release may both say so, in either order.
   */
  complete(now: Date): JobTransition | null {
    if (this.status === 'completed' || this.status === 'closed') return null;
    const transition = this.move('complete', now);
    this.completedAt = now;
    return transition;
  }

  /** Completed → closed: reviewed, or the review window passed. */
  close(now: Date): JobTransition {
    return this.move('close', now);
  }

  /** Disputed, in progress again, or cancelled, as its disputes call for (`disputeReaction`). */
  followDisputes(action: Exclude<DisputeReaction, 'complete'>, now: Date): JobTransition {
    return this.move(action, now);
  }

  /** Live → expired: nobody took it in time. */
  expire(now: Date): JobTransition {
    return this.move('expire', now);
  }

  private move(action: JobAction, now: Date): JobTransition {
    return this.moveTo(nextJobStatus(this.status, action), now);
  }

  private moveTo(to: JobStatus, now: Date): JobTransition {
    const from = this.status;
    this.status = to;
    this.updatedAt = now;
    return { from, to };
  }

  private apply(input: DraftJobInput, now: Date): void {
    const budgetMinPence = poundsToPence(input.budgetMin);
    const budgetMaxPence = poundsToPence(input.budgetMax);
    if (budgetMinPence > budgetMaxPence) {
      throw DomainError.validation('budget_min must not exceed budget_max', {
        fields: [{ field: 'budget_min', errors: ['budget_min must not exceed budget_max'] }],
      });
    }
    this.title = input.title.trim();
    this.description = input.description?.trim() || null;
    this.tradeCategory = input.tradeCategory;
    this.budgetMinPence = budgetMinPence;
    this.budgetMaxPence = budgetMaxPence;
    this.timeframe = input.timeframe;
    this.postcode = input.postcode ? toNormalised(input.postcode) : null;
    this.updatedAt = now;
  }
}
