import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace: the same lead always yields the same conversation id, in every service. */
const CONVERSATION_NAMESPACE = '6f1b3c1e-5a0c-4f0e-9d3a-2b7c1e4d8a90';

/**
 * The conversation a lead's acceptance opens. jobs-leads answers it to the vendor; messaging
 * opens exactly that conversation when it sees LEAD_ACCEPTED, however often it sees it.
 */
export function conversationIdForLead(leadId: string): string {
  return uuidv5(leadId, CONVERSATION_NAMESPACE);
}
