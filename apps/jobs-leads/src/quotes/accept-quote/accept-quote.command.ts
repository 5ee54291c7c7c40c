import type {
  AcceptQuoteInput,
  AcceptQuoteReply,
  SagaRunningReply,
  UserPrincipal,
} from '#contracts';
import { Command } from '@nestjs/cqrs';

/** The job's customer accepts a quote: the job is the vendor's, its amount held in escrow. */
export class AcceptQuoteCommand extends Command<AcceptQuoteReply | SagaRunningReply> {
  constructor(
    readonly customer: UserPrincipal<'customer'>,
    readonly request: AcceptQuoteInput,
  ) {
    super();
  }
}
