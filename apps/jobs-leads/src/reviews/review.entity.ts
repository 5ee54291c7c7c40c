import type { ModerationDecision, ModerationFlag, ReviewStatus } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import {
  assertRespondable,
  initialStatus,
  moderatedStatus,
  moderationTarget,
} from './review-lifecycle.js';

export interface ReviewInput {
  jobId: string;
  customerId: string;
  vendorId: string;
  rating: number;
  feedback: string | null;
  recommend: boolean;
}

/** What a moderation decision did, for the caller to record. */
export interface ModerationOutcome {
  target: 'review' | 'response';
  status: ReviewStatus;
  /** The review itself just went public: its stars join the vendor's rating. */
  publishedReview: boolean;
}

/**
 * A customer's review of the vendor who did their job, and the vendor's one response. What
 * either wrote never changes (the database refuses it); moderation changes statuses only.
 */
@Entity({ tableName: 'review' })
export class Review {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', unique: true })
  jobId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'text', nullable: true })
  feedback: string | null = null;

  @Property({ type: 'boolean' })
  recommend!: boolean;

  @Property({ type: 'text' })
  status!: ReviewStatus;

  @Property({ type: 'string[]', columnType: 'text[]' })
  heldFor: ModerationFlag[] = [];

  @Property({ type: 'text', nullable: true })
  moderationNote: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  moderatedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  response: string | null = null;

  @Property({ type: 'text', nullable: true })
  responseStatus: ReviewStatus | null = null;

  @Property({ type: 'string[]', columnType: 'text[]' })
  responseHeldFor: ModerationFlag[] = [];

  @Property({ type: 'text', nullable: true })
  responseModerationNote: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  responseModeratedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  /** Published at once, or held for an admin when `heldFor` names a reason. */
  static post(input: ReviewInput, heldFor: ModerationFlag[], now: Date): Review {
    const review = new Review();
    review.id = uuidv7({ msecs: now.getTime() });
    Object.assign(review, input);
    review.status = initialStatus(heldFor);
    review.heldFor = heldFor;
    review.createdAt = now;
    review.updatedAt = now;
    return review;
  }

  isPublished(): boolean {
    return this.status === 'published';
  }

  /** The vendor's one response, to a published review; held as the review would be. */
  respond(text: string, heldFor: ModerationFlag[], now: Date): ReviewStatus {
    assertRespondable(this.status, this.responseStatus);
    this.response = text;
    this.responseStatus = initialStatus(heldFor);
    this.responseHeldFor = heldFor;
    this.respondedAt = now;
    this.updatedAt = now;
    return this.responseStatus;
  }

  /** An admin decides on what is held: the review, or else its response. */
  moderate(decision: ModerationDecision, note: string | null, now: Date): ModerationOutcome {
    const target = moderationTarget(this.status, this.responseStatus);
    this.updatedAt = now;
    if (target === 'review') {
      this.status = moderatedStatus(this.status, decision);
      this.moderationNote = note;
      this.moderatedAt = now;
      return { target, status: this.status, publishedReview: this.isPublished() };
    }
    this.responseStatus = moderatedStatus(this.responseStatus!, decision);
    this.responseModerationNote = note;
    this.responseModeratedAt = now;
    return { target, status: this.responseStatus, publishedReview: false };
  }
}
