import type { EventCatalogueOf } from '../events/event-catalogue-entry.js';
import type { UserRole } from '../principal.js';

/**
 * Payload of `USER_REGISTERED` (subject: the user): who can be notified, and how. It carries an
 * email address, so it is never attached to a job (`job_id` is null) and no job's trail shows it.
 */
export interface UserRegisteredPayload {
  user_id: string;
  role: UserRole;
  name: string;
  /** Lower-cased, as the account stores it. */
  email: string;
}

/** Payload of `USER_UPDATED`: the account's name and email as they now read. */
export interface UserUpdatedPayload {
  user_id: string;
  name: string;
  email: string;
}

/** The events the gateway's identity records, by type. */
export interface IdentityEventPayloads {
  USER_REGISTERED: UserRegisteredPayload;
  USER_UPDATED: UserUpdatedPayload;
}

export const IDENTITY_EVENTS = {
  USER_REGISTERED: {
    producer: 'gateway',
    subject: 'user',
    description:
      'An account was created (by registration, or an admin by the operator CLI); `job_id` is null.',
  },
  USER_UPDATED: {
    producer: 'gateway',
    subject: 'user',
    description:
      "An account's name or email changed; `job_id` is null. No route changes them yet, so nothing records it today.",
  },
} as const satisfies EventCatalogueOf<IdentityEventPayloads>;
