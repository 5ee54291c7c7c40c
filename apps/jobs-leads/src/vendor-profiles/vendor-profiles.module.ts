import { Module } from '@nestjs/common';
import { GetPublicVendorProfileHandler } from './get-public-vendor-profile/get-public-vendor-profile.handler.js';
import { GetVendorProfileHandler } from './get-vendor-profile/get-vendor-profile.handler.js';
import { PutVendorProfileHandler } from './put-vendor-profile/put-vendor-profile.handler.js';
import { VendorProfileRepository } from './vendor-profile.repository.js';
import { VendorProfilesController } from './vendor-profiles.controller.js';

@Module({
  controllers: [VendorProfilesController],
  providers: [
    PutVendorProfileHandler,
    GetVendorProfileHandler,
    GetPublicVendorProfileHandler,
    VendorProfileRepository,
  ],
  exports: [VendorProfileRepository],
})
export class VendorProfilesModule {}
