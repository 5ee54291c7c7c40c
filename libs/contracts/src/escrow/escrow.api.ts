import { endpoint, NoData } from '../bus/endpoint.js';
import {
  AcceptProposalInput,
  AddEvidenceInput,
  DisputeIdInput,
  DisputeListQuery,
  OpenDisputeRequest,
  ProposeSettlementInput,
  ResolveDisputeInput,
} from './dispute.requests.js';
import type {
  AddEvidenceReply,
  DisputeCaseView,
  DisputeListView,
  DisputeView,
  OpenDisputeReply,
  ProposeSettlementReply,
  ResolveDisputeReply,
} from './dispute.views.js';
import {
  EscrowAccountIdInput,
  FundEscrowInput,
  JobEscrowInput,
  RefundEscrowInput,
} from './escrow-account.requests.js';
import type {
  EscrowAccountView,
  FundEscrowReply,
  JobEscrowSummaryReply,
  RefundEscrowReply,
} from './escrow-account.views.js';
import type { EscrowSummaryView } from './dashboard.views.js';
import {
  MilestoneIdInput,
  RequestChangesInput,
  SubmitMilestoneInput,
} from './milestone.requests.js';
import { PayoutIdInput, PayoutRequest } from './payout.requests.js';
import type { PayoutView } from './payout.views.js';
import type {
  ApproveMilestoneReply,
  MilestoneChangeReply,
  SubmitMilestoneReply,
} from './milestone.views.js';
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
  /** Money out of the caller's wallet to their bank, through the payment provider. */
  requestPayout: endpoint<PayoutView>()('escrow.payout.request', PayoutRequest, {
    users: ['customer', 'vendor'],
  }),
  getPayout: endpoint<PayoutView>()('escrow.payout.get', PayoutIdInput, {
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
  /** The award saga's funding step: jobs-leads opens and funds the job's escrow. */
  fundEscrow: endpoint<FundEscrowReply>()('escrow.account.fund', FundEscrowInput, {
    services: ['jobs-leads'],
  }),
  /** The award saga's compensation: the funding named by its key goes back to the customer. */
  refundEscrow: endpoint<RefundEscrowReply>()('escrow.account.refund', RefundEscrowInput, {
    services: ['jobs-leads'],
  }),
  getEscrowAccount: endpoint<EscrowAccountView>()('escrow.account.get', EscrowAccountIdInput, {
    users: ['customer', 'vendor'],
  }),
  getJobEscrow: endpoint<EscrowAccountView>()('escrow.account.get-for-job', JobEscrowInput, {
    users: ['customer', 'vendor'],
  }),
  /** The job page's view of its escrow: the job's customer, or an admin. */
  getJobEscrowSummary: endpoint<JobEscrowSummaryReply>()(
    'escrow.account.summary-for-job',
    JobEscrowInput,
    { users: ['customer', 'admin'] },
  ),
  /** escrow's part of the caller's dashboard. */
  getDashboardSummary: endpoint<EscrowSummaryView>()('escrow.dashboard.summary', NoData, {
    users: ['customer', 'vendor'],
  }),
  submitMilestone: endpoint<SubmitMilestoneReply>()(
    'escrow.milestone.submit',
    SubmitMilestoneInput,
    {
      users: ['vendor'],
    },
  ),
  approveMilestone: endpoint<ApproveMilestoneReply>()(
    'escrow.milestone.approve',
    MilestoneIdInput,
    {
      users: ['customer'],
    },
  ),
  requestMilestoneChanges: endpoint<MilestoneChangeReply>()(
    'escrow.milestone.request-changes',
    RequestChangesInput,
    { users: ['customer'] },
  ),
  /** The job's customer or awarded vendor freezes milestones not yet paid out. */
  openDispute: endpoint<OpenDisputeReply>()('escrow.dispute.open', OpenDisputeRequest, {
    users: ['customer', 'vendor'],
  }),
  getDispute: endpoint<DisputeView>()('escrow.dispute.get', DisputeIdInput, {
    users: ['customer', 'vendor'],
  }),
  addDisputeEvidence: endpoint<AddEvidenceReply>()(
    'escrow.dispute.add-evidence',
    AddEvidenceInput,
    { users: ['customer', 'vendor'] },
  ),
  proposeSettlement: endpoint<ProposeSettlementReply>()(
    'escrow.dispute.propose',
    ProposeSettlementInput,
    { users: ['customer', 'vendor'] },
  ),
  /** The other party agrees: the dispute resolves as proposed, its money moving at once. */
  acceptProposal: endpoint<ResolveDisputeReply>()(
    'escrow.dispute.accept-proposal',
    AcceptProposalInput,
    { users: ['customer', 'vendor'] },
  ),
  listDisputes: endpoint<DisputeListView>()('escrow.dispute.list', DisputeListQuery, {
    users: ['admin'],
  }),
  /** A dispute with the escrow it freezes, for the admin deciding it. */
  getDisputeCase: endpoint<DisputeCaseView>()('escrow.dispute.get-case', DisputeIdInput, {
    users: ['admin'],
  }),
  resolveDispute: endpoint<ResolveDisputeReply>()('escrow.dispute.resolve', ResolveDisputeInput, {
    users: ['admin'],
  }),
} as const;
