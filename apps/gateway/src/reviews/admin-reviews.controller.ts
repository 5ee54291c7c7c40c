import {
  ErrorCode,
  JobsApi,
  ListReviewsForModerationQuery,
  ModerateReviewRequest,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  AdminReviewListResponse,
  ModerateReviewResponse,
  toAdminReviewListResponse,
  toModerateReviewResponse,
} from './review.response.js';

/** The admins' moderation queue: reviews and responses held for contact details or words. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/admin/reviews')
@Roles('admin')
export class AdminReviewsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({
    summary:
      'Reviews whose text or response is in one status (pending_moderation by default), oldest first',
  })
  @ApiOkResponse({ type: AdminReviewListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: ListReviewsForModerationQuery,
  ): Promise<AdminReviewListResponse> {
    return toAdminReviewListResponse(
      await this.bus.sendAs(principal, JobsApi.listReviewsForModeration, query),
    );
  }

  @Patch(':reviewId/moderate')
  @ApiOperation({
    summary:
      'Approves (publishes) or rejects what of the review is held: the review, or else its response',
  })
  @ApiOkResponse({ type: ModerateReviewResponse })
  @ApiErrors(ErrorCode.REVIEW_NOT_FOUND, ErrorCode.NOTHING_TO_MODERATE)
  async moderate(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('reviewId') reviewId: string,
    @Body() body: ModerateReviewRequest,
  ): Promise<ModerateReviewResponse> {
    return toModerateReviewResponse(
      await this.bus.sendAs(principal, JobsApi.moderateReview, { ...body, review_id: reviewId }),
    );
  }
}
