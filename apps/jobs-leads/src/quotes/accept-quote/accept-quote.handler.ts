import type { AcceptQuoteReply, SagaRunningReply } from '#contracts';
import { SagaEngine } from '#platform';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AcceptQuoteCommand } from './accept-quote.command.js';
import { AwardQuoteSaga } from './award-quote.saga.js';

/**
 * Runs the award saga for the request. The same idempotency key again answers the run it started
 * (on another quote, 422); a run still going after the wait answers where it stands.
 */
@CommandHandler(AcceptQuoteCommand)
export class AcceptQuoteHandler implements ICommandHandler<AcceptQuoteCommand> {
  constructor(
    private readonly engine: SagaEngine,
    private readonly awardQuote: AwardQuoteSaga,
  ) {}

  execute({ customer, request }: AcceptQuoteCommand): Promise<AcceptQuoteReply | SagaRunningReply> {
    const state = {
      quoteId: request.quote_id,
      customerId: customer.userId,
      award: null,
      escrowAccountId: null,
      reply: null,
    };
    return this.engine.run(this.awardQuote.definition, state, {
      initiator: customer,
      idempotencyKey: request.idempotency_key,
      requestHash: request.quote_id,
    });
  }
}
