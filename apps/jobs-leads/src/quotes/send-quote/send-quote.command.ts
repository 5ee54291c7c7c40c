import type { SendQuoteReply, SendQuoteRequest, UserPrincipal } from '#contracts';
import { Command } from '@nestjs/cqrs';

/** A vendor who accepted the lead quotes for the job. */
export class SendQuoteCommand extends Command<SendQuoteReply> {
  constructor(
    readonly vendor: UserPrincipal<'vendor'>,
    readonly request: SendQuoteRequest,
  ) {
    super();
  }
}
