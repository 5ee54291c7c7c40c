import { Module } from '@nestjs/common';
import { ExpiryPoller } from './expiry.poller.js';
import { LEADS_CONFIG, loadLeadsConfig } from './leads.config.js';
import { LeadsController } from './leads.controller.js';
import { LeadsService } from './leads.service.js';
import { VendorMatcher } from './vendor-matcher.js';

@Module({
  controllers: [LeadsController],
  providers: [
    LeadsService,
    VendorMatcher,
    ExpiryPoller,
    { provide: LEADS_CONFIG, useFactory: loadLeadsConfig },
  ],
  exports: [VendorMatcher, LEADS_CONFIG],
})
export class LeadsModule {}
