import { Module } from '@nestjs/common';
import { VendorProfileController } from './vendor-profile.controller.js';

@Module({ controllers: [VendorProfileController] })
export class VendorProfilesModule {}
