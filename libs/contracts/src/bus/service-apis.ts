import { EscrowApi } from '../escrow/escrow.api.js';
import { JobsApi } from '../jobs/jobs.api.js';
import { MessagingApi } from '../messaging/messaging.api.js';
import { NotificationsApi } from '../notifications/notifications.api.js';
import type { ServiceName } from '../services.js';
import type { AnyEndpoint, Callers } from './endpoint.js';

/**
 * The endpoints each service serves. The NATS server configuration is generated from this (each
 * service may subscribe to its own subjects only, and publish on those it is a caller of), so a
 * new `*Api` object is listed here too; a unit test fails while one is missing.
 */
export const SERVICE_APIS: Record<ServiceName, readonly Record<string, AnyEndpoint>[]> = {
  gateway: [],
  'jobs-leads': [JobsApi],
  messaging: [MessagingApi],
  escrow: [EscrowApi],
  notifications: [NotificationsApi],
};

export function endpointsOf(service: ServiceName): AnyEndpoint[] {
  return SERVICE_APIS[service].flatMap((api) => Object.values(api));
}

/**
 * The one service whose NATS user may publish on an endpoint's subject: the gateway for
 * signed-in users, or the single service named. A principal is only as trustworthy as the
 * connection it came on, so an endpoint open to users and services, or to two services, could
 * not tell who really called it; `@Serve` refuses such an endpoint at startup.
 */
export function publisherOf(callers: Callers): ServiceName {
  const users = callers.users ?? [];
  const services = callers.services ?? [];
  if (users.length > 0 && services.length === 0) return 'gateway';
  if (users.length === 0 && services.length === 1) return services[0];
  throw new Error(
    `An endpoint must be callable by signed-in users only or by one service only, not by ${JSON.stringify(callers)}`,
  );
}
