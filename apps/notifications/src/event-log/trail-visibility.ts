import type { JobEventView } from '#contracts';

/** Offer events name vendors the customer may never learn of (DESIGN §5). */
const OFFER_EVENTS = new Set(['LEAD_OFFERED', 'LEAD_DECLINED', 'LEAD_EXPIRED']);

/** What stands for a vendor the customer may not see, as in a masked lead. */
export const HIDDEN = 'HIDDEN';

/**
 * An entry as the job's customer sees it: an offer shows that it happened, not to whom. A vendor
 * who accepts becomes visible through their own LEAD_ACCEPTED; their offer still says nothing.
 * The trail holds no lead price to remove: lead charges concern no job.
 */
export function asCustomerSees(entry: JobEventView): JobEventView {
  if (!OFFER_EVENTS.has(entry.event_type)) return entry;
  const metadata = Object.fromEntries(
    Object.entries(entry.metadata).filter(([field]) => field !== 'vendor_id'),
  );
  const actorId = entry.actor_role === 'vendor' ? HIDDEN : entry.actor_id;
  return { ...entry, actor_id: actorId, metadata };
}
