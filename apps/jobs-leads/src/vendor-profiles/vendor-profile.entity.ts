import { DomainError, toServiceArea, toUkE164 } from '#contracts';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { toNormalised } from 'postcode';
import { bayesianRating } from './vendor-rating.js';

export interface VendorProfileInput {
  businessName: string;
  tradeCategories: string[];
  phone: string;
  postcode: string;
  serviceAreas: string[];
  serviceRadiusMiles: number;
}

/** What a PUT replaces, in the form it is stored and matched in. */
export interface VendorProfileDetails {
  businessName: string;
  tradeCategories: string[];
  /** E.164. */
  phone: string;
  /** Normalised, e.g. `SW1A 1AA`. */
  postcode: string;
  /** Upper case areas and districts, e.g. `SW`, `SW1A`. */
  serviceAreas: string[];
  serviceRadiusMiles: number;
}

@Entity({ tableName: 'vendor_profile' })
export class VendorProfile {
  /** One profile per vendor: the vendor's user id. */
  @PrimaryKey({ type: 'uuid' })
  vendorId!: string;

  @Property({ type: 'text' })
  businessName!: string;

  @Property({ type: 'string[]', columnType: 'text[]' })
  tradeCategories!: string[];

  @Property({ type: 'text' })
  phone!: string;

  @Property({ type: 'text' })
  postcode!: string;

  @Property({ type: 'string[]', columnType: 'text[]' })
  serviceAreas!: string[];

  @Property({ type: 'integer' })
  serviceRadiusMiles!: number;

  /** Bayesian average of the published reviews (`vendor-rating.ts`); never set by the vendor. */
  @Property({ type: 'decimal', precision: 3, scale: 2, runtimeType: 'number', nullable: true })
  rating: number | null = null;

  /** Published reviews so far, and their stars added up: what the rating is computed from. */
  @Property({ type: 'integer' })
  reviewCount = 0;

  @Property({ type: 'integer' })
  ratingSum = 0;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  updatedAt!: Date;

  /**
   * Normalises a vendor's input. The name's length is checked again once trimmed, in code
   * points as Postgres counts them, so the table's CHECK never sees a name it would refuse.
   */
  static details(input: VendorProfileInput): VendorProfileDetails {
    const businessName = input.businessName.trim();
    const nameLength = [...businessName].length;
    if (nameLength < 2 || nameLength > 120) {
      throw invalid('business_name', 'business_name must be 2-120 characters, spaces aside');
    }
    const phone = toUkE164(input.phone);
    if (!phone) throw invalid('phone', 'phone must be a valid UK phone number');
    const postcode = toNormalised(input.postcode);
    if (!postcode) throw invalid('postcode', 'postcode must be a valid UK postcode');
    return {
      businessName,
      tradeCategories: [...input.tradeCategories],
      phone,
      postcode,
      serviceAreas: input.serviceAreas.map(toServiceArea),
      serviceRadiusMiles: input.serviceRadiusMiles,
    };
  }

  static create(vendorId: string, details: VendorProfileDetails, now: Date): VendorProfile {
    const profile = new VendorProfile();
    profile.vendorId = vendorId;
    profile.createdAt = now;
    profile.updatedAt = now;
    Object.assign(profile, details);
    return profile;
  }

  /**
   * Replaces everything the vendor describes; the rating is not theirs to set. Putting the same
   * details again leaves `updatedAt` alone, so a repeated PUT ends in exactly the same state.
   */
  replace(details: VendorProfileDetails, now: Date): void {
    if (this.sameAs(details)) return;
    Object.assign(this, details);
    this.updatedAt = now;
  }

  /**
   * A review went public: it joins the rating. The profile's `updatedAt` says when the vendor
   * last changed what they describe, so it stays.
   */
  addPublishedReview(stars: number): void {
    this.reviewCount += 1;
    this.ratingSum += stars;
    this.rating = bayesianRating(this.ratingSum, this.reviewCount);
  }

  private sameAs(details: VendorProfileDetails): boolean {
    return (
      this.businessName === details.businessName &&
      sameList(this.tradeCategories, details.tradeCategories) &&
      this.phone === details.phone &&
      this.postcode === details.postcode &&
      sameList(this.serviceAreas, details.serviceAreas) &&
      this.serviceRadiusMiles === details.serviceRadiusMiles
    );
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function invalid(field: string, message: string): DomainError {
  return DomainError.validation('The request is not valid', {
    fields: [{ field, errors: [message] }],
  });
}
