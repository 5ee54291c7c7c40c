import {
  type CustomerContactView,
  QUOTE_STATUSES,
  type QuoteStatus,
  type RespondingVendorQuoteView,
  type RespondingVendorView,
  type VendorContactView,
} from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

/**
 * A vendor who accepted the customer's lead, as that customer sees them: the business (as its
 * profile says now) and the person (as identity knew them when they accepted).
 */
export class VendorContactResponse implements VendorContactView {
  @ApiProperty({ format: 'uuid' }) vendor_id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Plumbing Specialists' })
  business_name!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 4.17,
    description: '0–5; null until reviewed',
  })
  rating!: number | null;
  @ApiProperty({ example: 1 }) review_count!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Bob Builder' })
  contact_name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+447911123456' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'bob@example.com' })
  email!: string | null;
}

/** The customer of a lead the vendor paid for, as that vendor sees them. */
export class CustomerContactResponse implements CustomerContactView {
  @ApiProperty({ format: 'uuid' }) customer_id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Alice Customer' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'alice@example.com' })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+447911123456' }) phone!: string | null;
}

export class RespondingVendorQuoteResponse implements RespondingVendorQuoteView {
  @ApiProperty({ format: 'uuid' }) quote_id!: string;
  @ApiProperty({ example: 120, description: 'pounds' }) amount!: number;
  @ApiProperty({ enum: QUOTE_STATUSES }) status!: QuoteStatus;
}

/** A vendor who accepted the job's lead: who they are, how to reach them, their quote. */
export class RespondingVendorResponse
  extends VendorContactResponse
  implements RespondingVendorView
{
  @ApiProperty({ format: 'uuid' }) conversation_id!: string;
  @ApiProperty({ format: 'date-time' }) accepted_at!: string;
  @ApiProperty({
    type: RespondingVendorQuoteResponse,
    nullable: true,
    description: 'their newest quote on the job; null until they quote',
  })
  quote!: RespondingVendorQuoteResponse | null;
}

/** Allow-list of a vendor's contact card, for the customer whose lead they paid for. */
export function toVendorContactResponse(view: VendorContactView): VendorContactResponse {
  return {
    vendor_id: view.vendor_id,
    business_name: view.business_name,
    rating: view.rating,
    review_count: view.review_count,
    contact_name: view.contact_name,
    phone: view.phone,
    email: view.email,
  };
}

/** Allow-list of a customer's contact card, for the vendor who paid for their lead. */
export function toCustomerContactResponse(view: CustomerContactView): CustomerContactResponse {
  return {
    customer_id: view.customer_id,
    name: view.name,
    email: view.email,
    phone: view.phone,
  };
}

export function toRespondingVendorResponse(view: RespondingVendorView): RespondingVendorResponse {
  return {
    ...toVendorContactResponse(view),
    conversation_id: view.conversation_id,
    accepted_at: view.accepted_at,
    quote: view.quote && {
      quote_id: view.quote.quote_id,
      amount: view.quote.amount,
      status: view.quote.status,
    },
  };
}
