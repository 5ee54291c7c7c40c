import {
  ErrorCode,
  JobsApi,
  PutVendorProfileRequest,
  type UserPrincipal,
  type VendorProfileView,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toVendorProfileResponse, VendorProfileResponse } from './vendor-profile.response.js';

@ApiTags('vendor profile')
@ApiBearerAuth()
@Controller('api/connection/vendor-profile')
export class VendorProfileController {
  constructor(private readonly bus: BusClient) {}

  @Put()
  @Roles('vendor')
  @ApiOperation({
    summary: "Creates or replaces the caller's own profile; the same profile again changes nothing",
  })
  @ApiOkResponse({ type: VendorProfileResponse })
  async put(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: PutVendorProfileRequest,
  ): Promise<VendorProfileView> {
    return toVendorProfileResponse(
      await this.bus.sendAs(principal, JobsApi.putVendorProfile, body),
    );
  }

  @Get()
  @Roles('vendor')
  @ApiOperation({ summary: "The caller's own profile" })
  @ApiOkResponse({ type: VendorProfileResponse })
  @ApiErrors(ErrorCode.VENDOR_PROFILE_NOT_FOUND)
  async get(@CurrentPrincipal() principal: UserPrincipal): Promise<VendorProfileView> {
    return toVendorProfileResponse(await this.bus.sendAs(principal, JobsApi.getVendorProfile, {}));
  }
}
