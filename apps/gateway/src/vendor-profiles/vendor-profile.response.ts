import { TRADE_CATEGORIES, type VendorProfileView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class VendorProfileResponse implements VendorProfileView {
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty() business_name!: string;
  @ApiProperty({ enum: TRADE_CATEGORIES, isArray: true }) trade_categories!: string[];
  @ApiProperty({ example: '+447911123456', description: 'E.164' }) phone!: string;
  @ApiProperty({ example: 'SW1A 1AA', description: 'normalised' }) postcode!: string;
  @ApiProperty({ type: [String], example: ['SW', 'SE1'], description: 'upper case' })
  service_areas!: string[];
  @ApiProperty() service_radius_miles!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '0-5; null until the vendor has reviews',
  })
  rating!: number | null;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

/** Allow-list: a field jobs-leads adds later stays inside until someone decides who sees it. */
export function toVendorProfileResponse(view: VendorProfileView): VendorProfileResponse {
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
