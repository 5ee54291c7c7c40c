import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { OffersModule } from '../offers/offers.module.js';
import { VendorProfilesModule } from '../vendor-profiles/vendor-profiles.module.js';
import { AcceptQuoteHandler } from './accept-quote/accept-quote.handler.js';
import { AwardQuoteSaga } from './accept-quote/award-quote.saga.js';
import { GetQuoteHandler } from './get-quote/get-quote.handler.js';
import { ListQuotesHandler } from './list-quotes/list-quotes.handler.js';
import { QuoteRepository } from './quote.repository.js';
import { QuotesController } from './quotes.controller.js';
import { RejectQuoteHandler } from './reject-quote/reject-quote.handler.js';
import { SendQuoteHandler } from './send-quote/send-quote.handler.js';
import { UpdateQuoteHandler } from './update-quote/update-quote.handler.js';
import { WithdrawQuoteHandler } from './withdraw-quote/withdraw-quote.handler.js';

/** Vendors' quotes on the jobs whose leads they accepted, and the award of one of them. */
@Module({
  imports: [JobsModule, OffersModule, VendorProfilesModule],
  controllers: [QuotesController],
  providers: [
    QuoteRepository,
    SendQuoteHandler,
    UpdateQuoteHandler,
    WithdrawQuoteHandler,
    RejectQuoteHandler,
    AcceptQuoteHandler,
    AwardQuoteSaga,
    GetQuoteHandler,
    ListQuotesHandler,
  ],
  exports: [QuoteRepository],
})
export class QuotesModule {}
