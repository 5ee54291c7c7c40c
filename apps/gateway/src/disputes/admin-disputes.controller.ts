import {
  ErrorCode,
  EscrowApi,
  JobsApi,
  DisputeListQuery,
  NotificationsApi,
  ResolveDisputeRequest,
  type JobEventView,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toEscrowAccountResponse } from '../escrow/escrow-account.response.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toJobResponse } from '../jobs/job.response.js';
import { toQuoteResponse } from '../quotes/quote.response.js';
import {
  DisputeCaseResponse,
  DisputeListResponse,
  ResolveDisputeResponse,
  toDisputeListResponse,
  toDisputeTrailResponse,
  toResolveDisputeResponse,
} from './dispute-case.response.js';
import { toDisputeResponse } from './dispute.response.js';

const TRAIL_PAGE = 100;

/** The admins' queue of disputes, each with everything needed to decide it, and the decision. */
@ApiTags('disputes')
@ApiBearerAuth()
@Controller('api/admin/disputes')
@Roles('admin')
export class AdminDisputesController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Disputes in one status (open by default), oldest first' })
  @ApiOkResponse({ type: DisputeListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: DisputeListQuery,
  ): Promise<DisputeListResponse> {
    return toDisputeListResponse(await this.bus.sendAs(principal, EscrowApi.listDisputes, query));
  }

  /** Escrow's dispute first (it names the job and quote), then the rest from their services at once. */
  @Get(':disputeId')
  @ApiOperation({
    summary:
      "A dispute with its job, quote, escrow milestones, evidence, proposals and the job's full audit trail",
  })
  @ApiOkResponse({ type: DisputeCaseResponse })
  @ApiErrors(ErrorCode.DISPUTE_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
  ): Promise<DisputeCaseResponse> {
    const found = await this.bus.sendAs(principal, EscrowApi.getDisputeCase, {
      dispute_id: disputeId,
    });
    const jobId = found.dispute.job_id;
    const [job, quote, trail] = await Promise.all([
      this.bus.sendAs(principal, JobsApi.getJob, { job_id: jobId }),
      this.bus.sendAs(principal, JobsApi.getQuote, { quote_id: found.quote_id }),
      this.fullTrail(principal, jobId),
    ]);
    return {
      dispute: toDisputeResponse(found.dispute),
      job: toJobResponse(job),
      quote: toQuoteResponse(quote),
      escrow: toEscrowAccountResponse(found.escrow),
      audit_trail: toDisputeTrailResponse(trail),
    };
  }

  @Patch(':disputeId/resolve')
  @ApiOperation({
    summary:
      'Resolves an unresolved dispute: release, refund or split (vendor_amount); the money moves at once',
  })
  @ApiOkResponse({ type: ResolveDisputeResponse })
  @ApiErrors(
    ErrorCode.DISPUTE_NOT_FOUND,
    ErrorCode.DISPUTE_NOT_OPEN,
    ErrorCode.VENDOR_AMOUNT_OUT_OF_RANGE,
  )
  async resolve(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('disputeId') disputeId: string,
    @Body() body: ResolveDisputeRequest,
  ): Promise<ResolveDisputeResponse> {
    return toResolveDisputeResponse(
      await this.bus.sendAs(principal, EscrowApi.resolveDispute, {
        ...body,
        dispute_id: disputeId,
      }),
    );
  }

  /** Every page of the job's trail: an admin deciding a dispute reads all of it. */
  private async fullTrail(principal: UserPrincipal, jobId: string): Promise<JobEventView[]> {
    const events: JobEventView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bus.sendAs(principal, NotificationsApi.listJobEvents, {
        job_id: jobId,
        limit: TRAIL_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      events.push(...page.events);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return events;
  }
}
