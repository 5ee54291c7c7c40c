import type { VendorProfileView } from '#contracts';

/** Allow-list: a field jobs-leads adds later stays inside until someone decides who sees it. */
export function toVendorProfileResponse(view: VendorProfileView): VendorProfileView {
  return {
    vendor_id: view.vendor_id,
    business_name: view.business_name,
    trade_categories: view.trade_categories,
    phone: view.phone,
    postcode: view.postcode,
    service_areas: view.service_areas,
    service_radius_miles: view.service_radius_miles,
    rating: view.rating,
    updated_at: view.updated_at,
  };
}
