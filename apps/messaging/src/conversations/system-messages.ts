import type { EventType } from '#contracts';

/**
 * What both participants read in their conversation when a domain event happens. A feature
 * whose event should show up in conversations adds its row here.
 */
export const SYSTEM_MESSAGES: Partial<Record<EventType, string>> = {
  LEAD_ACCEPTED: 'Lead accepted. Messaging enabled.',
  JOB_CANCELLED: 'Job cancelled. Messaging is now read-only.',
};

export function systemMessageFor(eventType: EventType): string | null {
  return SYSTEM_MESSAGES[eventType] ?? null;
}
