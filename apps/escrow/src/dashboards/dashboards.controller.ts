import { EscrowApi, type EscrowSummaryView } from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { QueryBus } from '@nestjs/cqrs';
import { GetEscrowSummaryQuery } from './get-escrow-summary/get-escrow-summary.query.js';

@BusController()
export class DashboardsController {
  constructor(private readonly queries: QueryBus) {}

  @Serve(EscrowApi.getDashboardSummary)
  getSummary({
    principal,
  }: Received<typeof EscrowApi.getDashboardSummary>): Promise<EscrowSummaryView> {
    return this.queries.execute(new GetEscrowSummaryQuery(principal));
  }
}
