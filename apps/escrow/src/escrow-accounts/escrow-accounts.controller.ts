import {
  EscrowApi,
  type EscrowAccountView,
  type FundEscrowReply,
  type JobEscrowSummaryReply,
  type RefundEscrowReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FundEscrowCommand } from './fund-escrow/fund-escrow.command.js';
import { GetEscrowAccountQuery } from './get-escrow-account/get-escrow-account.query.js';
import { GetJobEscrowSummaryQuery } from './get-job-escrow-summary/get-job-escrow-summary.query.js';
import { RefundEscrowCommand } from './refund-escrow/refund-escrow.command.js';

@BusController()
export class EscrowAccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(EscrowApi.fundEscrow)
  fund({ principal, data }: Received<typeof EscrowApi.fundEscrow>): Promise<FundEscrowReply> {
    return this.commands.execute(new FundEscrowCommand(principal, data));
  }

  @Serve(EscrowApi.refundEscrow)
  refund({ principal, data }: Received<typeof EscrowApi.refundEscrow>): Promise<RefundEscrowReply> {
    return this.commands.execute(new RefundEscrowCommand(principal, data));
  }

  @Serve(EscrowApi.getEscrowAccount)
  get({
    principal,
    data,
  }: Received<typeof EscrowApi.getEscrowAccount>): Promise<EscrowAccountView> {
    return this.queries.execute(
      new GetEscrowAccountQuery(principal, { id: data.escrow_account_id }),
    );
  }

  @Serve(EscrowApi.getJobEscrow)
  getForJob({
    principal,
    data,
  }: Received<typeof EscrowApi.getJobEscrow>): Promise<EscrowAccountView> {
    return this.queries.execute(new GetEscrowAccountQuery(principal, { jobId: data.job_id }));
  }

  @Serve(EscrowApi.getJobEscrowSummary)
  getSummaryForJob({
    principal,
    data,
  }: Received<typeof EscrowApi.getJobEscrowSummary>): Promise<JobEscrowSummaryReply> {
    return this.queries.execute(new GetJobEscrowSummaryQuery(principal, data.job_id));
  }
}
