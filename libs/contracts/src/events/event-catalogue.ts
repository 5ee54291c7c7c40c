import type { ServiceName } from '../bus/subjects.js';
import type {
  LeadChargedPayload,
  LeadRefundedPayload,
  WalletCreditedPayload,
} from './escrow-events.js';
import type { EventType } from './event-types.js';
import type { JobCreatedPayload } from './job-events.js';
import type {
  ExpiredPayload,
  JobCancelledPayload,
  JobPostedPayload,
  JobUpdatedPayload,
  LeadAcceptedPayload,
  LeadDeclinedPayload,
  LeadOfferedPayload,
} from './lead-events.js';
import type { MessageSentPayload } from './messaging-events.js';

/**
 * The payload of each event type an app records today. The other names in `EVENT_TYPES` are
 * reserved for features still to come and get an entry when they are first produced.
 */
export interface EventPayloads {
  JOB_CREATED: JobCreatedPayload;
  JOB_UPDATED: JobUpdatedPayload;
  JOB_POSTED: JobPostedPayload;
  JOB_CANCELLED: JobCancelledPayload;
  JOB_EXPIRED: ExpiredPayload;
  LEAD_OFFERED: LeadOfferedPayload;
  LEAD_ACCEPTED: LeadAcceptedPayload;
  LEAD_DECLINED: LeadDeclinedPayload;
  LEAD_EXPIRED: ExpiredPayload;
  MESSAGE_SENT: MessageSentPayload;
  WALLET_CREDITED: WalletCreditedPayload;
  LEAD_CHARGED: LeadChargedPayload;
  LEAD_REFUNDED: LeadRefundedPayload;
}

/** What the envelope's `subject.type` names. */
export type EventSubjectKind = 'job' | 'lead' | 'message' | 'payment';

export interface EventCatalogueEntry {
  /** The service that records it; it is published on `events.<producer>.<EVENT_TYPE>`. */
  producer: ServiceName;
  subject: EventSubjectKind;
  description: string;
}

/**
 * Every event an app records today: the source of docs/asyncapi.yaml (`scripts/asyncapi.mjs`),
 * which takes each payload's schema from `EventPayloads`.
 */
export const EVENT_CATALOGUE = {
  JOB_CREATED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A customer created a draft job.',
  },
  JOB_UPDATED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A customer edited their draft job.',
  },
  JOB_POSTED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      'A customer published a job; the LEAD_OFFERED events of the matching vendors follow in the same batch.',
  },
  JOB_CANCELLED: {
    producer: 'jobs-leads',
    subject: 'job',
    description:
      'A customer cancelled a draft or live job; its open offers closed, and escrow refunds the accepted leads.',
  },
  JOB_EXPIRED: {
    producer: 'jobs-leads',
    subject: 'job',
    description: 'A live job reached its expiry; its open offers closed.',
  },
  LEAD_OFFERED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A matching vendor was offered a masked lead on a published job.',
  },
  LEAD_ACCEPTED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description:
      "A vendor paid for a lead and accepted it: the customer's contact details unlock and messaging opens the conversation.",
  },
  LEAD_DECLINED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A vendor declined a lead offer.',
  },
  LEAD_EXPIRED: {
    producer: 'jobs-leads',
    subject: 'lead',
    description: 'A lead offer expired unanswered.',
  },
  MESSAGE_SENT: {
    producer: 'messaging',
    subject: 'message',
    description:
      "A participant sent a message in a conversation; `job_id` is the conversation's job.",
  },
  WALLET_CREDITED: {
    producer: 'escrow',
    subject: 'payment',
    description: "A top-up settled and was credited to its owner's wallet; `job_id` is null.",
  },
  LEAD_CHARGED: {
    producer: 'escrow',
    subject: 'lead',
    description:
      "A lead's price was charged to the vendor's wallet; `job_id` is always null, so no job's trail (which customers read) shows a lead price.",
  },
  LEAD_REFUNDED: {
    producer: 'escrow',
    subject: 'lead',
    description:
      "A lead charge was refunded to the vendor's wallet; `job_id` is always null, as for LEAD_CHARGED.",
  },
} as const satisfies {
  // `never` for a key that is no event type, so a misspelt one in EventPayloads cannot compile.
  readonly [T in keyof EventPayloads]: T extends EventType ? EventCatalogueEntry : never;
};

export type CataloguedEventType = keyof typeof EVENT_CATALOGUE;
