import {
  JobsApi,
  type AcceptQuoteReply,
  type QuoteChangeReply,
  type QuoteListView,
  type QuoteView,
  type SagaRunningReply,
  type SendQuoteReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AcceptQuoteCommand } from './accept-quote/accept-quote.command.js';
import { GetQuoteQuery } from './get-quote/get-quote.query.js';
import { ListQuotesQuery } from './list-quotes/list-quotes.query.js';
import { RejectQuoteCommand } from './reject-quote/reject-quote.command.js';
import { SendQuoteCommand } from './send-quote/send-quote.command.js';
import { UpdateQuoteCommand } from './update-quote/update-quote.command.js';
import { WithdrawQuoteCommand } from './withdraw-quote/withdraw-quote.command.js';

@BusController()
export class QuotesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(JobsApi.sendQuote)
  send({ principal, data }: Received<typeof JobsApi.sendQuote>): Promise<SendQuoteReply> {
    return this.commands.execute(new SendQuoteCommand(principal, data));
  }

  @Serve(JobsApi.updateQuote)
  update({ principal, data }: Received<typeof JobsApi.updateQuote>): Promise<QuoteView> {
    return this.commands.execute(new UpdateQuoteCommand(principal, data));
  }

  @Serve(JobsApi.withdrawQuote)
  withdraw({ principal, data }: Received<typeof JobsApi.withdrawQuote>): Promise<QuoteChangeReply> {
    return this.commands.execute(new WithdrawQuoteCommand(principal, data.quote_id));
  }

  @Serve(JobsApi.rejectQuote)
  reject({ principal, data }: Received<typeof JobsApi.rejectQuote>): Promise<QuoteChangeReply> {
    return this.commands.execute(new RejectQuoteCommand(principal, data));
  }

  @Serve(JobsApi.acceptQuote)
  accept({
    principal,
    data,
  }: Received<typeof JobsApi.acceptQuote>): Promise<AcceptQuoteReply | SagaRunningReply> {
    return this.commands.execute(new AcceptQuoteCommand(principal, data));
  }

  @Serve(JobsApi.getQuote)
  get({ principal, data }: Received<typeof JobsApi.getQuote>): Promise<QuoteView> {
    return this.queries.execute(new GetQuoteQuery(principal, data.quote_id));
  }

  @Serve(JobsApi.listQuotes)
  list({ principal, data }: Received<typeof JobsApi.listQuotes>): Promise<QuoteListView> {
    return this.queries.execute(new ListQuotesQuery(principal, data));
  }
}
