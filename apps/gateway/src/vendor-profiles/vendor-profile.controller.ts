import {
  PutVendorProfileRequest,
  Subjects,
  type Principal,
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
    @CurrentPrincipal() principal: Principal,
    @Body() body: PutVendorProfileRequest,
  ): Promise<VendorProfileView> {
    return toVendorProfileResponse(
      await this.bus.request<VendorProfileView>(Subjects.jobs.putVendorProfile, {
        principal,
        data: body,
      }),
    );
  }

  @Get()
  @Roles('vendor')
  async get(@CurrentPrincipal() principal: Principal): Promise<VendorProfileView> {
    return toVendorProfileResponse(
      await this.bus.request<VendorProfileView>(Subjects.jobs.getVendorProfile, {
        principal,
        data: {},
      }),
    );
  }
}
