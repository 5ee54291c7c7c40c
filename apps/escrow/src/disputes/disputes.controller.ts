import {
  EscrowApi,
  type AddEvidenceReply,
  type DisputeCaseView,
  type DisputeListView,
  type DisputeView,
  type OpenDisputeReply,
  type ProposeSettlementReply,
  type ResolveDisputeReply,
} from '#contracts';
import { BusController, Serve, type Received } from '#platform';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AcceptProposalCommand } from './accept-proposal/accept-proposal.command.js';
import { AddEvidenceCommand } from './add-evidence/add-evidence.command.js';
import { GetDisputeCaseQuery } from './get-dispute-case/get-dispute-case.query.js';
import { GetDisputeQuery } from './get-dispute/get-dispute.query.js';
import { ListDisputesQuery } from './list-disputes/list-disputes.query.js';
import { OpenDisputeCommand } from './open-dispute/open-dispute.command.js';
import { ProposeSettlementCommand } from './propose-settlement/propose-settlement.command.js';
import { ResolveDisputeCommand } from './resolve-dispute/resolve-dispute.command.js';

@BusController()
export class DisputesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Serve(EscrowApi.openDispute)
  open({ principal, data }: Received<typeof EscrowApi.openDispute>): Promise<OpenDisputeReply> {
    return this.commands.execute(new OpenDisputeCommand(principal, data));
  }

  @Serve(EscrowApi.getDispute)
  get({ principal, data }: Received<typeof EscrowApi.getDispute>): Promise<DisputeView> {
    return this.queries.execute(new GetDisputeQuery(principal, data.dispute_id));
  }

  @Serve(EscrowApi.addDisputeEvidence)
  addEvidence({
    principal,
    data,
  }: Received<typeof EscrowApi.addDisputeEvidence>): Promise<AddEvidenceReply> {
    return this.commands.execute(new AddEvidenceCommand(principal, data));
  }

  @Serve(EscrowApi.proposeSettlement)
  propose({
    principal,
    data,
  }: Received<typeof EscrowApi.proposeSettlement>): Promise<ProposeSettlementReply> {
    return this.commands.execute(new ProposeSettlementCommand(principal, data));
  }

  @Serve(EscrowApi.acceptProposal)
  accept({
    principal,
    data,
  }: Received<typeof EscrowApi.acceptProposal>): Promise<ResolveDisputeReply> {
    return this.commands.execute(new AcceptProposalCommand(principal, data));
  }

  @Serve(EscrowApi.listDisputes)
  list({ data }: Received<typeof EscrowApi.listDisputes>): Promise<DisputeListView> {
    return this.queries.execute(new ListDisputesQuery(data));
  }

  @Serve(EscrowApi.getDisputeCase)
  getCase({ data }: Received<typeof EscrowApi.getDisputeCase>): Promise<DisputeCaseView> {
    return this.queries.execute(new GetDisputeCaseQuery(data.dispute_id));
  }

  @Serve(EscrowApi.resolveDispute)
  resolve({
    principal,
    data,
  }: Received<typeof EscrowApi.resolveDispute>): Promise<ResolveDisputeReply> {
    return this.commands.execute(new ResolveDisputeCommand(principal, data));
  }
}
