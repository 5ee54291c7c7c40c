import { Module } from '@nestjs/common';
import { VendorProfilesController } from './vendor-profiles.controller.js';
import { VendorProfilesService } from './vendor-profiles.service.js';

@Module({
  controllers: [VendorProfilesController],
  providers: [VendorProfilesService],
})
export class VendorProfilesModule {}
