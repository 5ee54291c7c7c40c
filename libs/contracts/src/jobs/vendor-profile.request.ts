import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IsText } from '../validation/is-text.decorator.js';
import { IsUkPhone } from '../validation/is-uk-phone.decorator.js';
import { IsUkPostcode } from '../validation/is-uk-postcode.decorator.js';
import { TRADE_CATEGORIES } from './job-catalogue.js';

export const MAX_SERVICE_AREAS = 50;
export const MAX_SERVICE_RADIUS_MILES = 100;

/**
 * A postcode area (`SW`) or district (`SW1A`, `E1`). Royal Mail never uses Q, V or X first,
 * nor I, J or Z second, so those are typos rather than areas nobody has heard of.
 */
const SERVICE_AREA = /^[A-PR-UWYZ][A-HK-Y]?(?:[0-9][A-Z0-9]?)?$/;

/** Service areas are matched against job postcodes, which are stored upper case. */
export function toServiceArea(value: string): string {
  return value.trim().toUpperCase();
}

export function isServiceArea(value: unknown): value is string {
  return typeof value === 'string' && SERVICE_AREA.test(toServiceArea(value));
}

function IsServiceArea(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isServiceArea',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'each of $property must be a UK postcode area or district, like SW or SW1A',
        ...options,
      },
      validator: { validate: isServiceArea },
    });
  };
}

/** Body of `PUT /api/connection/vendor-profile` and data of `jobs.vendor-profile.put`. */
export class PutVendorProfileRequest {
  @ApiProperty({ example: 'Hughes Plumbing & Heating', minLength: 2, maxLength: 120 })
  @IsText({ min: 2, max: 120 })
  business_name!: string;

  @ApiProperty({
    enum: TRADE_CATEGORIES,
    isArray: true,
    example: ['Plumbing', 'Heating & Gas'],
    description: 'Distinct trades the vendor takes jobs in',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRADE_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(TRADE_CATEGORIES, { each: true })
  trade_categories!: string[];

  @ApiProperty({ example: '07911 123456', description: 'UK phone number, stored as E.164' })
  @IsUkPhone()
  phone!: string;

  @ApiProperty({ example: 'SW1A 1AA', description: 'UK postcode of the business' })
  @IsUkPostcode()
  postcode!: string;

  @ApiProperty({
    type: [String],
    example: ['SW', 'SE1', 'E1'],
    description: `1–${MAX_SERVICE_AREAS} distinct UK postcode areas or districts, any case`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SERVICE_AREAS)
  @IsServiceArea({ each: true })
  // `sw` and `SW` are the same area once normalised.
  @ArrayUnique((area: unknown) => (typeof area === 'string' ? toServiceArea(area) : area))
  service_areas!: string[];

  @ApiProperty({ example: 15, minimum: 1, maximum: MAX_SERVICE_RADIUS_MILES })
  @IsInt()
  @Min(1)
  @Max(MAX_SERVICE_RADIUS_MILES)
  service_radius_miles!: number;
}
