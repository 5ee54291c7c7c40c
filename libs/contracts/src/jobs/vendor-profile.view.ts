/** A vendor's profile as the vendor sees it. */
export interface VendorProfileView {
  vendor_id: string;
  business_name: string;
  trade_categories: string[];
  /** E.164, e.g. `+447911123456`. */
  phone: string;
  /** Normalised, e.g. `SW1A 1AA`. */
  postcode: string;
  /** Upper case postcode areas and districts, e.g. `SW`, `SW1A`. */
  service_areas: string[];
  service_radius_miles: number;
  /** 0–5; null until the vendor has reviews. */
  rating: number | null;
  updated_at: string;
}
