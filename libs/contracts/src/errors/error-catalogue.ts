import { ErrorCode } from './error-codes.js';

export interface ErrorDescription {
  /** The HTTP status the code always comes with. */
  status: number;
  /** When a client gets it, for the API reference. */
  when: string;
}

/**
 * Every error code with its status and meaning: the error table of docs/api.md and of the
 * OpenAPI document is generated from it, and a spec checks that it covers `ErrorCode` exactly.
 */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorDescription>> = {
  [ErrorCode.VALIDATION_FAILED]: {
    status: 400,
    when: 'a field, query parameter or key is missing, of the wrong type, out of range, or unknown (`fields` lists them)',
  },
  [ErrorCode.MALFORMED_JSON]: { status: 400, when: 'the body is not JSON' },
  [ErrorCode.WEBHOOK_SIGNATURE_INVALID]: {
    status: 400,
    when: "a payment webhook's signature is missing or wrong",
  },
  [ErrorCode.WEBHOOK_TIMESTAMP_STALE]: {
    status: 400,
    when: "a payment webhook's timestamp is more than 300 s away",
  },
  [ErrorCode.WEBHOOK_PAYLOAD_INVALID]: {
    status: 400,
    when: 'a payment webhook is not a well-formed payment event',
  },
  [ErrorCode.AUTH_REQUIRED]: { status: 401, when: 'no token' },
  [ErrorCode.INVALID_TOKEN]: {
    status: 401,
    when: 'a forged or malformed token, `alg: none`, a wrong issuer or audience, or a deleted account',
  },
  [ErrorCode.TOKEN_EXPIRED]: { status: 401, when: 'the access token has expired' },
  [ErrorCode.INVALID_CREDENTIALS]: {
    status: 401,
    when: 'wrong email or password (the same answer for both)',
  },
  [ErrorCode.INVALID_REFRESH_TOKEN]: {
    status: 401,
    when: 'an unknown, malformed or expired refresh token',
  },
  [ErrorCode.REFRESH_TOKEN_REUSED]: {
    status: 401,
    when: 'a refresh token used before: its whole session is now revoked',
  },
  [ErrorCode.STREAM_TICKET_INVALID]: {
    status: 401,
    when: 'an unknown stream ticket, or one used before (a ticket opens one stream, once)',
  },
  [ErrorCode.STREAM_TICKET_EXPIRED]: {
    status: 401,
    when: 'the stream ticket is more than 60 s old; ask for a new one',
  },
  [ErrorCode.INSUFFICIENT_FUNDS]: {
    status: 402,
    when: 'the wallet holds less than the price (`required` and `available`, in pounds)',
  },
  [ErrorCode.ESCROW_INSUFFICIENT_BALANCE]: {
    status: 402,
    when: 'the wallet holds less than the escrow to fund',
  },
  [ErrorCode.WRONG_ROLE]: { status: 403, when: "the caller's role may not do this" },
  [ErrorCode.NOT_YOUR_WALLET]: {
    status: 403,
    when: 'a charge names a wallet that is not the caller’s',
  },
  [ErrorCode.LEAD_NOT_ACCEPTED]: {
    status: 403,
    when: "only a vendor who accepted the job's lead may quote for it",
  },
  [ErrorCode.ROUTE_NOT_FOUND]: { status: 404, when: 'no such route' },
  [ErrorCode.JOB_NOT_FOUND]: { status: 404, when: "no such job, or not the caller's" },
  [ErrorCode.LEAD_NOT_FOUND]: { status: 404, when: "no such lead, or not the caller's" },
  [ErrorCode.VENDOR_PROFILE_NOT_FOUND]: {
    status: 404,
    when: 'the vendor has not put a profile yet',
  },
  [ErrorCode.CONVERSATION_NOT_FOUND]: {
    status: 404,
    when: "no such conversation (the lead is not accepted yet), or not the caller's",
  },
  [ErrorCode.SAGA_NOT_FOUND]: { status: 404, when: "no such saga, or not the caller's" },
  [ErrorCode.LEAD_CHARGE_NOT_FOUND]: { status: 404, when: 'the lead has no charge to refund' },
  [ErrorCode.QUOTE_NOT_FOUND]: { status: 404, when: "no such quote, or not the caller's" },
  [ErrorCode.VENDOR_NOT_FOUND]: {
    status: 404,
    when: 'no such vendor (or the vendor has no profile yet)',
  },
  [ErrorCode.REVIEW_NOT_FOUND]: {
    status: 404,
    when: "no such review, or not one of the caller's as its vendor",
  },
  [ErrorCode.ESCROW_NOT_FOUND]: { status: 404, when: 'no such escrow' },
  [ErrorCode.PAYOUT_NOT_FOUND]: { status: 404, when: "no such payout, or not the caller's" },
  [ErrorCode.MILESTONE_NOT_FOUND]: { status: 404, when: "no such milestone, or not the caller's" },
  [ErrorCode.DISPUTE_NOT_FOUND]: {
    status: 404,
    when: "no such dispute, or the caller is not one of the job's two parties",
  },
  [ErrorCode.PROPOSAL_NOT_FOUND]: { status: 404, when: 'no such proposal in this dispute' },
  [ErrorCode.NOTIFICATION_NOT_FOUND]: {
    status: 404,
    when: "no such notification, or not the caller's",
  },
  [ErrorCode.EMAIL_TAKEN]: { status: 409, when: 'an account already uses this email' },
  [ErrorCode.JOB_NOT_EDITABLE]: { status: 409, when: 'the job is no longer a draft' },
  [ErrorCode.INVALID_STATE_TRANSITION]: {
    status: 409,
    when: "the job's status does not allow this (`status` says which it is)",
  },
  [ErrorCode.LEAD_NOT_OFFERED]: {
    status: 409,
    when: 'the lead is no longer on offer (expired or closed)',
  },
  [ErrorCode.LEAD_ALREADY_ACCEPTED]: { status: 409, when: 'the lead was accepted already' },
  [ErrorCode.LEAD_ALREADY_DECLINED]: { status: 409, when: 'the lead was declined already' },
  [ErrorCode.LEAD_ALREADY_CHARGED]: { status: 409, when: 'the lead has been paid for already' },
  [ErrorCode.LEAD_ALREADY_REFUNDED]: { status: 409, when: 'the charge was refunded already' },
  [ErrorCode.LEAD_CHARGE_VOIDED]: {
    status: 409,
    when: 'the charge was voided by an undone acceptance',
  },
  [ErrorCode.SAGA_NOT_FAILED]: { status: 409, when: 'only a failed saga can be retried' },
  [ErrorCode.JOB_NOT_COMPLETED]: {
    status: 409,
    when: 'the job is not completed: only a completed job can be reviewed',
  },
  [ErrorCode.REVIEW_ALREADY_POSTED]: { status: 409, when: 'the job has been reviewed already' },
  [ErrorCode.REVIEW_WINDOW_CLOSED]: {
    status: 409,
    when: 'the job was completed more than REVIEW_WINDOW_MS ago (`review_by` says when it ended)',
  },
  [ErrorCode.REVIEW_NOT_PUBLISHED]: {
    status: 409,
    when: 'the review is held for moderation or was rejected: it takes no response',
  },
  [ErrorCode.REVIEW_ALREADY_RESPONDED]: {
    status: 409,
    when: 'the vendor has responded to this review already',
  },
  [ErrorCode.NOTHING_TO_MODERATE]: {
    status: 409,
    when: 'neither the review nor its response awaits a moderation decision',
  },
  [ErrorCode.JOB_NOT_LIVE]: { status: 409, when: 'the job is not live' },
  [ErrorCode.JOB_ALREADY_AWARDED]: {
    status: 409,
    when: 'a quote for this job has been accepted already',
  },
  [ErrorCode.QUOTE_ALREADY_PENDING]: {
    status: 409,
    when: "the vendor's quote for this job is pending: edit or withdraw it",
  },
  [ErrorCode.QUOTE_NOT_PENDING]: { status: 409, when: 'the quote is no longer pending' },
  [ErrorCode.ESCROW_FUNDING_VOIDED]: {
    status: 409,
    when: 'the escrow funding was cancelled before it was made',
  },
  [ErrorCode.ESCROW_NOT_ACTIVE]: {
    status: 409,
    when: 'the job is not in progress yet: milestones open once it is awarded',
  },
  [ErrorCode.MILESTONE_ALREADY_RELEASED]: {
    status: 409,
    when: 'the milestone has been released already',
  },
  [ErrorCode.MILESTONE_DISPUTED]: { status: 409, when: 'the milestone is frozen by a dispute' },
  [ErrorCode.DISPUTE_ALREADY_OPEN]: {
    status: 409,
    when: 'a milestone to dispute is in an open dispute already (`dispute_id` names it)',
  },
  [ErrorCode.DISPUTE_NOT_OPEN]: {
    status: 409,
    when: 'the dispute is resolved: it takes no evidence, proposals or resolution',
  },
  [ErrorCode.JOB_NOT_IN_PROGRESS]: {
    status: 409,
    when: 'the job is not in progress (not awarded yet, or its escrow is closed)',
  },
  [ErrorCode.PROPOSAL_NOT_PENDING]: {
    status: 409,
    when: 'the proposal was superseded by a newer one, or accepted already',
  },
  [ErrorCode.OWN_PROPOSAL]: { status: 409, when: 'a proposal is accepted by the other party' },
  [ErrorCode.MILESTONE_NOT_SUBMITTED]: {
    status: 409,
    when: 'the milestone has nothing submitted to answer',
  },
  [ErrorCode.CONVERSATION_LOCKED]: {
    status: 409,
    when: 'the conversation is locked or archived: readable, but it takes no new messages',
  },
  [ErrorCode.IDEMPOTENCY_KEY_IN_USE]: {
    status: 409,
    when: 'a request with this idempotency key is still running; retry after `retry_after` seconds',
  },
  [ErrorCode.PAYLOAD_TOO_LARGE]: { status: 413, when: 'the body is over 100 kB' },
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: {
    status: 415,
    when: 'the body has a charset or content encoding the gateway does not read',
  },
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: {
    status: 422,
    when: 'the idempotency key was used before for another request (another body, or another id in the path)',
  },
  [ErrorCode.PREFERENCE_LOCKED]: {
    status: 422,
    when: 'payments and disputes notifications cannot be turned off (`category` says which)',
  },
  [ErrorCode.JOB_INCOMPLETE]: {
    status: 422,
    when: 'the job lacks what publishing needs (`missing` lists it)',
  },
  [ErrorCode.VENDOR_AMOUNT_OUT_OF_RANGE]: {
    status: 422,
    when: "the vendor's part is above the disputed amount (or, for a split, not strictly between 0 and it); `disputed_amount` says it",
  },
  [ErrorCode.RATE_LIMITED]: {
    status: 429,
    when: 'too many requests, messages or failed logins; `retry_after` says how many seconds to wait',
  },
  [ErrorCode.INTERNAL_ERROR]: { status: 500, when: 'a bug; quote the `correlation_id`' },
  [ErrorCode.UPSTREAM_UNAVAILABLE]: {
    status: 503,
    when: 'no replica of the service behind the route is running',
  },
  [ErrorCode.UPSTREAM_TIMEOUT]: {
    status: 504,
    when: 'the service did not answer within `BUS_TIMEOUT_MS`',
  },
};
