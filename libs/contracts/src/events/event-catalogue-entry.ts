import type { ServiceName } from '../services.js';

/** What the envelope's `subject.type` names. */
export type EventSubjectKind =
  | 'job'
  | 'lead'
  | 'quote'
  | 'message'
  | 'payment'
  | 'payout'
  | 'escrow'
  | 'milestone'
  | 'user'
  | 'dispute'
  | 'review';

export interface EventCatalogueEntry {
  /** The service that records it; it is published on `events.<producer>.<EVENT_TYPE>`. */
  producer: ServiceName;
  subject: EventSubjectKind;
  description: string;
}

/** A service's events: one entry per payload type it declares, and no other. */
export type EventCatalogueOf<TPayloads> = { readonly [T in keyof TPayloads]: EventCatalogueEntry };
