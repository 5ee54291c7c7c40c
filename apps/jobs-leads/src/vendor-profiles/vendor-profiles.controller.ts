import {
  PutVendorProfileRequest,
  Subjects,
  type BusRequest,
  type VendorProfileView,
} from '#contracts';
import { BusController, validateInput } from '#platform';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { VendorProfilesService } from './vendor-profiles.service.js';

@BusController()
export class VendorProfilesController {
  constructor(private readonly profiles: VendorProfilesService) {}

  @MessagePattern(Subjects.jobs.putVendorProfile)
  put(@Payload() request: BusRequest): Promise<VendorProfileView> {
    return this.profiles.put(
      request.principal,
      validateInput(PutVendorProfileRequest, request.data),
    );
  }

  @MessagePattern(Subjects.jobs.getVendorProfile)
  get(@Payload() request: BusRequest): Promise<VendorProfileView> {
    return this.profiles.getOwn(request.principal);
  }
}
