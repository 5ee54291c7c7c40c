import {
  JobsApi,
  PutVendorProfileRequest,
  type UserPrincipal,
  type VendorProfileView,
} from '#contracts';
import { BusClient } from '#platform';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toVendorProfileResponse } from './vendor-profile.response.js';

@ApiTags('vendor profile')
@ApiBearerAuth()
@Controller('api/connection/vendor-profile')
export class VendorProfileController {
  constructor(private readonly bus: BusClient) {}

  /** Creates or replaces the caller's own profile. */
  @Put()
  @Roles('vendor')
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
  async get(@CurrentPrincipal() principal: UserPrincipal): Promise<VendorProfileView> {
    return toVendorProfileResponse(await this.bus.sendAs(principal, JobsApi.getVendorProfile, {}));
  }
}
