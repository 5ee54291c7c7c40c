import { ErrorCode, JobsApi, PageRequest, type UserPrincipal } from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import {
  PublicReviewListResponse,
  PublicVendorProfileResponse,
  toPublicReviewListResponse,
  toPublicVendorProfileResponse,
} from './vendor.response.js';

/** Vendors' public pages, for anyone signed in: no contact details. */
@ApiTags('vendors')
@ApiBearerAuth()
@Controller('api/connection/vendors')
export class VendorsController {
  constructor(private readonly bus: BusClient) {}

  @Get(':vendorId')
  @ApiOperation({
    summary: "A vendor's public profile: trades, areas, rating, reviews and completed jobs",
  })
  @ApiOkResponse({ type: PublicVendorProfileResponse })
  @ApiErrors(ErrorCode.VENDOR_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('vendorId') vendorId: string,
  ): Promise<PublicVendorProfileResponse> {
    return toPublicVendorProfileResponse(
      await this.bus.sendAs(principal, JobsApi.getPublicVendorProfile, { vendor_id: vendorId }),
    );
  }

  @Get(':vendorId/reviews')
  @ApiOperation({
    summary: "A vendor's published reviews with their responses, newest first, paged",
  })
  @ApiOkResponse({ type: PublicReviewListResponse })
  @ApiErrors(ErrorCode.VENDOR_NOT_FOUND)
  async reviews(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('vendorId') vendorId: string,
    @Query() query: PageRequest,
  ): Promise<PublicReviewListResponse> {
    return toPublicReviewListResponse(
      await this.bus.sendAs(principal, JobsApi.listVendorReviews, {
        ...query,
        vendor_id: vendorId,
      }),
    );
  }
}
