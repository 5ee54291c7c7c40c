import { EscrowApi, type PayoutView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetPayoutQuery } from './get-payout/get-payout.query.js';
import { RequestPayoutCommand } from './request-payout/request-payout.command.js';

@BusController()
export class PayoutsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(EscrowApi.requestPayout)
  request({ principal, data }: Received<typeof EscrowApi.requestPayout>): Promise<PayoutView> {
    return this.commands.execute(new RequestPayoutCommand(principal, data));
  }

  @Serve(EscrowApi.getPayout)
  get({ principal, data }: Received<typeof EscrowApi.getPayout>): Promise<PayoutView> {
    return this.queries.execute(new GetPayoutQuery(principal, data.payout_id));
  }
}
