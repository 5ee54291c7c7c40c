import {
  ErrorCode,
  EscrowApi,
  RequestChangesRequest,
  SubmitMilestoneRequest,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  ApproveMilestoneResponse,
  MilestoneChangeResponse,
  SubmitMilestoneResponse,
  toApproveMilestoneResponse,
  toMilestoneChangeResponse,
  toSubmitMilestoneResponse,
} from './milestone.response.js';

/** The awarded vendor submits milestones; the job's customer approves them or asks for changes. */
@ApiTags('milestones')
@ApiBearerAuth()
@Controller('api/connection/milestones')
export class MilestonesController {
  constructor(private readonly bus: BusClient) {}

  @Post(':milestoneId/submit')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  @ApiOperation({ summary: 'Submits a milestone with evidence (the awarded vendor)' })
  @ApiOkResponse({ type: SubmitMilestoneResponse })
  @ApiErrors(
    ErrorCode.MILESTONE_NOT_FOUND,
    ErrorCode.ESCROW_NOT_ACTIVE,
    ErrorCode.MILESTONE_ALREADY_RELEASED,
    ErrorCode.MILESTONE_DISPUTED,
    ErrorCode.INVALID_STATE_TRANSITION,
  )
  async submit(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('milestoneId') milestoneId: string,
    @Body() body: SubmitMilestoneRequest,
  ): Promise<SubmitMilestoneResponse> {
    return toSubmitMilestoneResponse(
      await this.bus.sendAs(principal, EscrowApi.submitMilestone, {
        ...body,
        milestone_id: milestoneId,
      }),
    );
  }

  @Patch(':milestoneId/approve')
  @Roles('customer')
  @ApiOperation({
    summary: "Approves a submitted milestone: its amount less commission to the vendor's wallet",
  })
  @ApiOkResponse({ type: ApproveMilestoneResponse })
  @ApiErrors(
    ErrorCode.MILESTONE_NOT_FOUND,
    ErrorCode.MILESTONE_NOT_SUBMITTED,
    ErrorCode.MILESTONE_ALREADY_RELEASED,
    ErrorCode.MILESTONE_DISPUTED,
  )
  async approve(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('milestoneId') milestoneId: string,
  ): Promise<ApproveMilestoneResponse> {
    return toApproveMilestoneResponse(
      await this.bus.sendAs(principal, EscrowApi.approveMilestone, { milestone_id: milestoneId }),
    );
  }

  @Patch(':milestoneId/request-changes')
  @Roles('customer')
  @ApiOperation({ summary: 'Sends a submitted milestone back to the vendor, with a reason' })
  @ApiOkResponse({ type: MilestoneChangeResponse })
  @ApiErrors(
    ErrorCode.MILESTONE_NOT_FOUND,
    ErrorCode.MILESTONE_NOT_SUBMITTED,
    ErrorCode.MILESTONE_ALREADY_RELEASED,
    ErrorCode.MILESTONE_DISPUTED,
  )
  async requestChanges(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('milestoneId') milestoneId: string,
    @Body() body: RequestChangesRequest,
  ): Promise<MilestoneChangeResponse> {
    return toMilestoneChangeResponse(
      await this.bus.sendAs(principal, EscrowApi.requestMilestoneChanges, {
        ...body,
        milestone_id: milestoneId,
      }),
    );
  }
}
