import { penceToPounds, type QuoteClosedPayload, type QuoteSentPayload } from '#contracts';
import type { Quote } from './quote.entity.js';

/** The parties of a quote's job: its customer, and the vendor's conversation with them. */
export interface QuoteParties {
  customerId: string;
  conversationId: string;
}

/** A quote's terms as its events carry them, in pounds. */
export function quoteSentPayload(quote: Quote, parties: QuoteParties): QuoteSentPayload {
  return {
    quote_id: quote.id,
    lead_id: quote.leadId,
    vendor_id: quote.vendorId,
    customer_id: parties.customerId,
    conversation_id: parties.conversationId,
    amount: penceToPounds(quote.amountPence),
    description: quote.description,
    estimated_duration: quote.estimatedDuration,
    milestones: quote.milestones.map((stage) => ({
      title: stage.title,
      amount: penceToPounds(stage.amountPence),
    })),
  };
}

export function quoteClosedPayload(
  quote: Quote,
  parties: QuoteParties,
  reason: string | null,
): QuoteClosedPayload {
  return {
    quote_id: quote.id,
    lead_id: quote.leadId,
    vendor_id: quote.vendorId,
    customer_id: parties.customerId,
    conversation_id: parties.conversationId,
    reason,
  };
}
