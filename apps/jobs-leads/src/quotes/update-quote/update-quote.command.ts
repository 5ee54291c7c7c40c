import type { QuoteView, UpdateQuoteInput, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The vendor changes their pending quote. */
export class UpdateQuoteCommand extends Command<QuoteView> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: UpdateQuoteInput,
  ) {
    super();
  }
}
