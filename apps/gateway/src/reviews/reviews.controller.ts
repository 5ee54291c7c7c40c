import {
  ErrorCode,
  JobsApi,
  PostReviewRequest,
  RespondToReviewRequest,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
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
import {
  PostReviewResponse,
  RespondToReviewResponse,
  toPostReviewResponse,
  toRespondToReviewResponse,
} from './review.response.js';

/** The customer of a completed job reviews its vendor; the vendor responds, once each. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/connection/reviews')
export class ReviewsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles('customer')
  @ApiOperation({
    summary:
      "Reviews the vendor of the caller's completed job, once, within REVIEW_WINDOW_MS; the job closes",
  })
  @ApiCreatedResponse({ type: PostReviewResponse })
  @ApiErrors(
    ErrorCode.JOB_NOT_FOUND,
    ErrorCode.JOB_NOT_COMPLETED,
    ErrorCode.REVIEW_ALREADY_POSTED,
    ErrorCode.REVIEW_WINDOW_CLOSED,
  )
  async post(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: PostReviewRequest,
  ): Promise<PostReviewResponse> {
    return toPostReviewResponse(await this.bus.sendAs(principal, JobsApi.postReview, body));
  }

  @Patch(':reviewId/respond')
  @Roles('vendor')
  @ApiOperation({ summary: 'Responds to a published review of the caller, once' })
  @ApiOkResponse({ type: RespondToReviewResponse })
  @ApiErrors(
    ErrorCode.REVIEW_NOT_FOUND,
    ErrorCode.REVIEW_NOT_PUBLISHED,
    ErrorCode.REVIEW_ALREADY_RESPONDED,
  )
  async respond(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('reviewId') reviewId: string,
    @Body() body: RespondToReviewRequest,
  ): Promise<RespondToReviewResponse> {
    return toRespondToReviewResponse(
      await this.bus.sendAs(principal, JobsApi.respondToReview, { ...body, review_id: reviewId }),
    );
  }
}
