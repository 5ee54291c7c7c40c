import type { VendorProfileView } from '#contracts';
import type { VendorProfile } from './vendor-profile.entity.js';

export function toVendorProfileView(profile: VendorProfile): VendorProfileView {
  return {
    vendor_id: profile.vendorId,
    business_name: profile.businessName,
    trade_categories: profile.tradeCategories,
    phone: profile.phone,
    postcode: profile.postcode,
    service_areas: profile.serviceAreas,
    service_radius_miles: profile.serviceRadiusMiles,
    rating: profile.rating,
    updated_at: profile.updatedAt.toISOString(),
  };
}
