import {
  AddEvidenceRequest,
  ErrorCode,
  EscrowApi,
  OpenDisputeRequest,
  ProposeSettlementRequest,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { ResolveDisputeResponse, toResolveDisputeResponse } from './dispute-case.response.js';
import {
  AddEvidenceResponse,
  DisputeResponse,
  OpenDisputeResponse,
  ProposeSettlementResponse,
  toAddEvidenceResponse,
  toDisputeResponse,
  toOpenDisputeResponse,
  toProposeSettlementResponse,
} from './dispute.response.js';

/** The job's customer and awarded vendor dispute milestones, argue, and may settle by agreement. */
@ApiTags('disputes')
@ApiBearerAuth()
@Controller('api/connection/disputes')
@Roles('customer', 'vendor')
export class DisputesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary:
      'Disputes a job in progress (its customer or awarded vendor): one milestone, or every one not yet paid out, is frozen',
  })
  @ApiCreatedResponse({ type: OpenDisputeResponse })
  @ApiErrors(
    ErrorCode.ESCROW_NOT_FOUND,
    ErrorCode.MILESTONE_NOT_FOUND,
    ErrorCode.JOB_NOT_IN_PROGRESS,
    ErrorCode.DISPUTE_ALREADY_OPEN,
    ErrorCode.MILESTONE_ALREADY_RELEASED,
    ErrorCode.INVALID_STATE_TRANSITION,
  )
  async open(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: OpenDisputeRequest,
  ): Promise<OpenDisputeResponse> {
    return toOpenDisputeResponse(await this.bus.sendAs(principal, EscrowApi.openDispute, body));
  }

  @Get(':disputeId')
  @ApiOperation({
    summary: 'A dispute with its deadlines, evidence and proposals: its two parties',
  })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiErrors(ErrorCode.DISPUTE_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
  ): Promise<DisputeResponse> {
    return toDisputeResponse(
      await this.bus.sendAs(principal, EscrowApi.getDispute, { dispute_id: disputeId }),
    );
  }

  @Post(':disputeId/evidence')
  @ApiOperation({ summary: 'Adds evidence to an unresolved dispute (either party); never changed' })
  @ApiCreatedResponse({ type: AddEvidenceResponse })
  @ApiErrors(ErrorCode.DISPUTE_NOT_FOUND, ErrorCode.DISPUTE_NOT_OPEN)
  async addEvidence(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
    @Body() body: AddEvidenceRequest,
  ): Promise<AddEvidenceResponse> {
    return toAddEvidenceResponse(
      await this.bus.sendAs(principal, EscrowApi.addDisputeEvidence, {
        ...body,
        dispute_id: disputeId,
      }),
    );
  }

  @Post(':disputeId/proposals')
  @ApiOperation({
    summary:
      "Proposes the vendor's part of the disputed amount (0 refunds all); supersedes earlier proposals",
  })
  @ApiCreatedResponse({ type: ProposeSettlementResponse })
  @ApiErrors(
    ErrorCode.DISPUTE_NOT_FOUND,
    ErrorCode.DISPUTE_NOT_OPEN,
    ErrorCode.VENDOR_AMOUNT_OUT_OF_RANGE,
  )
  async propose(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
    @Body() body: ProposeSettlementRequest,
  ): Promise<ProposeSettlementResponse> {
    return toProposeSettlementResponse(
      await this.bus.sendAs(principal, EscrowApi.proposeSettlement, {
        ...body,
        dispute_id: disputeId,
      }),
    );
  }

  @Patch(':disputeId/proposals/:proposalId/accept')
  @ApiOperation({
    summary: "Accepts the other party's pending proposal: the dispute resolves as agreed",
  })
  @ApiOkResponse({ type: ResolveDisputeResponse })
  @ApiErrors(
    ErrorCode.DISPUTE_NOT_FOUND,
    ErrorCode.PROPOSAL_NOT_FOUND,
    ErrorCode.DISPUTE_NOT_OPEN,
    ErrorCode.PROPOSAL_NOT_PENDING,
    ErrorCode.OWN_PROPOSAL,
  )
  async accept(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
    @Param('proposalId') proposalId: string,
  ): Promise<ResolveDisputeResponse> {
    return toResolveDisputeResponse(
      await this.bus.sendAs(principal, EscrowApi.acceptProposal, {
        dispute_id: disputeId,
        proposal_id: proposalId,
      }),
    );
  }
}
