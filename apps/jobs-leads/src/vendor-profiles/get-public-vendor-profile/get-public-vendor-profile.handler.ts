import type { PublicVendorProfileView } from '#contracts';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VendorProfileRepository, vendorNotFound } from '../vendor-profile.repository.js';
import { GetPublicVendorProfileQuery } from './get-public-vendor-profile.query.js';

/**
 * No phone, email or postcode: a customer sees a vendor's contact details only in the lead
 * that vendor accepted. A user who is no vendor (or has no profile yet) answers 404.
 */
@QueryHandler(GetPublicVendorProfileQuery)
export class GetPublicVendorProfileHandler implements IQueryHandler<GetPublicVendorProfileQuery> {
  constructor(private readonly profiles: VendorProfileRepository) {}

  async execute({ vendorId }: GetPublicVendorProfileQuery): Promise<PublicVendorProfileView> {
    const profile = await this.profiles.find(vendorId);
    if (!profile) throw vendorNotFound(vendorId);
    return {
      vendor_id: profile.vendorId,
      business_name: profile.businessName,
      trade_categories: profile.tradeCategories,
      service_areas: profile.serviceAreas,
      rating: profile.rating,
      review_count: profile.reviewCount,
      completed_jobs: await this.profiles.completedJobsOf(profile.vendorId),
      member_since: profile.createdAt.toISOString(),
    };
  }
}
