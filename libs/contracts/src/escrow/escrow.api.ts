import { endpoint } from '../bus/endpoint.js';
import {
  ChargeLeadInput,
  DepositRequest,
  PaymentWebhookInput,
  RefundLeadInput,
  WalletQuery,
} from './escrow.requests.js';
import type {
  DepositReply,
  LeadChargeReply,
  LeadRefundReply,
  WalletView,
  WebhookReply,
} from './escrow.views.js';

/** escrow's request/reply subjects. The lead subjects are for jobs-leads alone. */
export const EscrowApi = {
  getWallet: endpoint<WalletView>()('escrow.wallet.get', WalletQuery, {
    users: ['customer', 'vendor'],
  }),
  deposit: endpoint<DepositReply>()('escrow.wallet.deposit', DepositRequest, {
    users: ['customer', 'vendor'],
  }),
  /** A payment provider's webhook as the gateway received it; authenticated by its signature. */
  paymentWebhook: endpoint<WebhookReply>()('escrow.payment.webhook', PaymentWebhookInput, {
    services: ['gateway'],
  }),
  chargeLead: endpoint<LeadChargeReply>()('escrow.lead.charge', ChargeLeadInput, {
    services: ['jobs-leads'],
  }),
  refundLead: endpoint<LeadRefundReply>()('escrow.lead.refund', RefundLeadInput, {
    services: ['jobs-leads'],
  }),
} as const;
