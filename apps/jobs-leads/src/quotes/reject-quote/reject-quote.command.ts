import type { QuoteChangeReply, RejectQuoteInput, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job's customer turns a quote down; the vendor's lead stays active. */
export class RejectQuoteCommand extends Command<QuoteChangeReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: RejectQuoteInput,
  ) {
    super();
  }
}
