import { envInt } from '#platform';

export const DISPUTES_CONFIG = Symbol('DISPUTES_CONFIG');

const DAY = 24 * 60 * 60 * 1000;

export interface DisputesConfig {
  /** The other party's time to answer (evidence or a proposal); then the opener's outcome applies. */
  responseMs: number;
  /** A dispute still unresolved this long after it opened goes to the admins' queue. */
  escalationMs: number;
  /** How often due deadlines are looked for. */
  deadlinePollMs: number;
}

export function loadDisputesConfig(): DisputesConfig {
  const responseMs = envInt('DISPUTE_RESPONSE_MS', 5 * DAY);
  const escalationMs = envInt('DISPUTE_ESCALATION_MS', 10 * DAY);
  // An unanswered dispute is settled by default before it could be escalated.
  if (escalationMs <= responseMs) {
    throw new Error('DISPUTE_ESCALATION_MS must be longer than DISPUTE_RESPONSE_MS');
  }
  return { responseMs, escalationMs, deadlinePollMs: envInt('DISPUTE_DEADLINE_POLL_MS', 5000) };
}
