import { endpoint, NoData } from '../bus/endpoint.js';
import { PageRequest } from '../pagination/page.request.js';
import { CreateJobRequest, JobIdInput, UpdateJobInput } from './create-job.request.js';
import type { CreateJobReply, JobListView, JobView } from './job.view.js';
import type { JobResponsesView, LeadContactsView } from './contact.views.js';
import type { JobsSummaryView } from './dashboard.views.js';
import {
  AcceptLeadInput,
  DeclineLeadInput,
  LeadContactsInput,
  LeadIdInput,
  PublishJobInput,
} from './lead.requests.js';
import type {
  AcceptLeadReply,
  DeclineLeadReply,
  PublishJobReply,
  VendorLeadListView,
  VendorLeadView,
} from './lead.view.js';
import {
  AcceptQuoteInput,
  ListQuotesQuery,
  QuoteIdInput,
  RejectQuoteInput,
  SendQuoteRequest,
  UpdateQuoteInput,
} from './quote.requests.js';
import type {
  AcceptQuoteReply,
  QuoteChangeReply,
  QuoteListView,
  QuoteView,
  SendQuoteReply,
} from './quote.view.js';
import { SagaIdInput, SagaListQuery } from '../sagas/saga.requests.js';
import type { SagaListView, SagaRunningReply, SagaView } from '../sagas/saga.views.js';
import { PutVendorProfileRequest } from './vendor-profile.request.js';
import {
  ListReviewsForModerationQuery,
  ListVendorReviewsInput,
  ModerateReviewInput,
  PostReviewRequest,
  RespondToReviewInput,
  VendorIdInput,
} from './review.requests.js';
import type {
  AdminReviewListView,
  ModerateReviewReply,
  PostReviewReply,
  PublicReviewListView,
  PublicVendorProfileView,
  RespondToReviewReply,
} from './review.views.js';
import type { VendorProfileView } from './vendor-profile.view.js';

/** jobs-leads' request/reply subjects: `jobs.<aggregate>.<verb>`. */
export const JobsApi = {
  createJob: endpoint<CreateJobReply>()('jobs.job.create', CreateJobRequest, {
    users: ['customer'],
  }),
  getJob: endpoint<JobView>()('jobs.job.get', JobIdInput, { users: ['customer', 'admin'] }),
  listJobs: endpoint<JobListView>()('jobs.job.list', PageRequest, { users: ['customer'] }),
  updateJob: endpoint<JobView>()('jobs.job.update', UpdateJobInput, { users: ['customer'] }),
  publishJob: endpoint<PublishJobReply>()('jobs.job.publish', PublishJobInput, {
    users: ['customer'],
  }),
  cancelJob: endpoint<JobView>()('jobs.job.cancel', JobIdInput, { users: ['customer'] }),
  listLeads: endpoint<VendorLeadListView>()('jobs.lead.list', PageRequest, { users: ['vendor'] }),
  getLead: endpoint<VendorLeadView>()('jobs.lead.get', LeadIdInput, { users: ['vendor'] }),
  /** The accept saga's outcome, or where it stands after `SAGA_HTTP_WAIT_MS`. */
  acceptLead: endpoint<AcceptLeadReply | SagaRunningReply>()('jobs.lead.accept', AcceptLeadInput, {
    users: ['vendor'],
  }),
  declineLead: endpoint<DeclineLeadReply>()('jobs.lead.decline', DeclineLeadInput, {
    users: ['vendor'],
  }),
  putVendorProfile: endpoint<VendorProfileView>()(
    'jobs.vendor-profile.put',
    PutVendorProfileRequest,
    { users: ['vendor'] },
  ),
  getVendorProfile: endpoint<VendorProfileView>()('jobs.vendor-profile.get', NoData, {
    users: ['vendor'],
  }),
  sendQuote: endpoint<SendQuoteReply>()('jobs.quote.send', SendQuoteRequest, {
    users: ['vendor'],
  }),
  updateQuote: endpoint<QuoteView>()('jobs.quote.update', UpdateQuoteInput, { users: ['vendor'] }),
  withdrawQuote: endpoint<QuoteChangeReply>()('jobs.quote.withdraw', QuoteIdInput, {
    users: ['vendor'],
  }),
  rejectQuote: endpoint<QuoteChangeReply>()('jobs.quote.reject', RejectQuoteInput, {
    users: ['customer'],
  }),
  /** The award saga's outcome, or where it stands after `SAGA_HTTP_WAIT_MS`. */
  acceptQuote: endpoint<AcceptQuoteReply | SagaRunningReply>()(
    'jobs.quote.accept',
    AcceptQuoteInput,
    { users: ['customer'] },
  ),
  /** Admins read any quote: the one a dispute is about, say. */
  getQuote: endpoint<QuoteView>()('jobs.quote.get', QuoteIdInput, {
    users: ['customer', 'vendor', 'admin'],
  }),
  listQuotes: endpoint<QuoteListView>()('jobs.quote.list', ListQuotesQuery, {
    users: ['customer', 'vendor'],
  }),
  /** A saga run of jobs-leads, for the user who started it. */
  getSaga: endpoint<SagaView>()('jobs.saga.get', SagaIdInput, {
    users: ['customer', 'vendor', 'admin'],
  }),
  listSagas: endpoint<SagaListView>()('jobs.saga.list', SagaListQuery, { users: ['admin'] }),
  /** A failed run compensates again, once an operator has fixed what blocked it. */
  retrySaga: endpoint<SagaView>()('jobs.saga.retry', SagaIdInput, { users: ['admin'] }),
  /** The customer of a completed job reviews its vendor, once; the job closes. */
  postReview: endpoint<PostReviewReply>()('jobs.review.post', PostReviewRequest, {
    users: ['customer'],
  }),
  respondToReview: endpoint<RespondToReviewReply>()('jobs.review.respond', RespondToReviewInput, {
    users: ['vendor'],
  }),
  listReviewsForModeration: endpoint<AdminReviewListView>()(
    'jobs.review.list-for-moderation',
    ListReviewsForModerationQuery,
    { users: ['admin'] },
  ),
  moderateReview: endpoint<ModerateReviewReply>()('jobs.review.moderate', ModerateReviewInput, {
    users: ['admin'],
  }),
  /** A vendor as any signed-in user may see them: no contact details. */
  getPublicVendorProfile: endpoint<PublicVendorProfileView>()('jobs.vendor.get', VendorIdInput, {
    users: ['customer', 'vendor', 'admin'],
  }),
  listVendorReviews: endpoint<PublicReviewListView>()(
    'jobs.vendor.reviews',
    ListVendorReviewsInput,
    { users: ['customer', 'vendor', 'admin'] },
  ),
  /** The vendors who accepted the job's lead, with their contact and quote: owner or admin. */
  listJobResponses: endpoint<JobResponsesView>()('jobs.job.responses', JobIdInput, {
    users: ['customer', 'admin'],
  }),
  /** The other party of each paid-for lead named that the caller is a party of. */
  listLeadContacts: endpoint<LeadContactsView>()('jobs.lead.contacts', LeadContactsInput, {
    users: ['customer', 'vendor'],
  }),
  /** jobs-leads' part of the caller's dashboard. */
  getDashboardSummary: endpoint<JobsSummaryView>()('jobs.dashboard.summary', NoData, {
    users: ['customer', 'vendor'],
  }),
} as const;
