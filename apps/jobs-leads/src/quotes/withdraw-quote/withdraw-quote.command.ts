import type { QuoteChangeReply, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The vendor takes back their pending quote; they may quote again. */
export class WithdrawQuoteCommand extends Command<QuoteChangeReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly quoteId: string,
  ) {
    super();
  }
}
