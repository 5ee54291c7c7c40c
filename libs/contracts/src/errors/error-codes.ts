import { EscrowErrors } from '../escrow/escrow.errors.js';
import { IdentityErrors } from '../identity/identity.errors.js';
import { JobsErrors } from '../jobs/jobs.errors.js';
import { MessagingErrors } from '../messaging/messaging.errors.js';
import { NotificationsErrors } from '../notifications/notifications.errors.js';
import { CommonErrors } from './common-errors.js';

/**
 * Every error code a client can receive, gathered from the services' own lists. Codes are
 * stable; messages are for humans.
 */
export const ErrorCode = {
  ...CommonErrors,
  ...IdentityErrors,
  ...JobsErrors,
  ...EscrowErrors,
  ...MessagingErrors,
  ...NotificationsErrors,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
