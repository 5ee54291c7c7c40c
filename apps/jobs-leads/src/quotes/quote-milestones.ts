import { DomainError, MAX_QUOTE_MILESTONES, poundsToPence } from '#contracts';

export const DEFAULT_MILESTONE_TITLE = 'Complete the job';

/** A payment stage of a quote, as stored. */
export interface QuoteMilestone {
  title: string;
  amountPence: number;
}

/**
 * The quote's payment stages: as the vendor gave them, which must add up to the amount to the
 * penny, or else one stage for the whole amount.
 */
export function quoteMilestones(
  amountPence: number,
  requested?: readonly { title: string; amount: number }[],
): QuoteMilestone[] {
  if (!requested) return [{ title: DEFAULT_MILESTONE_TITLE, amountPence }];
  if (requested.length === 0 || requested.length > MAX_QUOTE_MILESTONES) {
    throw invalid(`a quote has 1 to ${MAX_QUOTE_MILESTONES} milestones`);
  }
  const milestones = requested.map((stage) => ({
    title: stage.title,
    amountPence: poundsToPence(stage.amount),
  }));
  const sum = milestones.reduce((total, stage) => total + stage.amountPence, 0);
  if (sum !== amountPence) throw invalid('milestone amounts must sum to amount');
  return milestones;
}

function invalid(message: string): DomainError {
  return DomainError.validation('The request is not valid', {
    fields: [{ field: 'milestones', errors: [message] }],
  });
}

/**
 * The stages of a revised quote: the ones sent with it; or, with the amount unchanged, the old
 * ones; or a single stage following the new amount. Several stages cannot follow a new amount
 * by themselves: they must be sent again.
 */
export function revisedMilestones(
  current: QuoteMilestone[],
  amountPence: number,
  requested?: readonly { title: string; amount: number }[],
): QuoteMilestone[] {
  if (requested) return quoteMilestones(amountPence, requested);
  const currentTotal = current.reduce((total, stage) => total + stage.amountPence, 0);
  if (currentTotal === amountPence) return current;
  if (current.length === 1) return [{ title: current[0].title, amountPence }];
  throw invalid('send the milestones again with a new amount');
}
