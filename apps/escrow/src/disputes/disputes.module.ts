import { Module } from '@nestjs/common';
import { EscrowAccountsModule } from '../escrow-accounts/escrow-accounts.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MilestonesModule } from '../milestones/milestones.module.js';
import { AcceptProposalHandler } from './accept-proposal/accept-proposal.handler.js';
import { AddEvidenceHandler } from './add-evidence/add-evidence.handler.js';
import { DisputeDeadlinesPoller } from './dispute-deadlines.poller.js';
import { DisputeRepository } from './dispute.repository.js';
import { DISPUTES_CONFIG, loadDisputesConfig } from './disputes.config.js';
import { DisputesController } from './disputes.controller.js';
import { EscalateDisputesHandler } from './escalate-disputes/escalate-disputes.handler.js';
import { GetDisputeCaseHandler } from './get-dispute-case/get-dispute-case.handler.js';
import { GetDisputeHandler } from './get-dispute/get-dispute.handler.js';
import { ListDisputesHandler } from './list-disputes/list-disputes.handler.js';
import { OpenDisputeHandler } from './open-dispute/open-dispute.handler.js';
import { ProposeSettlementHandler } from './propose-settlement/propose-settlement.handler.js';
import { ResolveDisputeHandler } from './resolve-dispute/resolve-dispute.handler.js';
import { SettleDisputeHandler } from './settle-dispute/settle-dispute.handler.js';

/** Disputes over an escrow's milestones: frozen, argued, and settled in one ledger transaction. */
@Module({
  imports: [LedgerModule, EscrowAccountsModule, MilestonesModule],
  controllers: [DisputesController],
  providers: [
    { provide: DISPUTES_CONFIG, useFactory: loadDisputesConfig },
    DisputeRepository,
    OpenDisputeHandler,
    AddEvidenceHandler,
    ProposeSettlementHandler,
    AcceptProposalHandler,
    ResolveDisputeHandler,
    SettleDisputeHandler,
    GetDisputeHandler,
    GetDisputeCaseHandler,
    ListDisputesHandler,
    EscalateDisputesHandler,
    DisputeDeadlinesPoller,
  ],
})
export class DisputesModule {}
