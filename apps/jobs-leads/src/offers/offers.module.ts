import { Module } from '@nestjs/common';
import { CloseOpenOffersHandler } from './close-open-offers/close-open-offers.handler.js';
import { ExpireOffersHandler } from './expire-offers/expire-offers.handler.js';
import { LeadRepository } from './lead.repository.js';
import { OfferJobHandler } from './offer-job/offer-job.handler.js';
import { loadOffersConfig, OFFERS_CONFIG } from './offers.config.js';
import { VendorMatchRepository } from './vendor-match.repository.js';

/** Leads as offers: matching, pricing, offering, closing and expiring them. */
@Module({
  providers: [
    LeadRepository,
    VendorMatchRepository,
    { provide: OFFERS_CONFIG, useFactory: loadOffersConfig },
    OfferJobHandler,
    CloseOpenOffersHandler,
    ExpireOffersHandler,
  ],
  exports: [LeadRepository, VendorMatchRepository, OFFERS_CONFIG],
})
export class OffersModule {}
