import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PaymentsModule } from '../payments/payments.module.js';
import { GetPayoutHandler } from './get-payout/get-payout.handler.js';
import { PayoutSubmissionPoller } from './payout-submission.poller.js';
import { PayoutRepository } from './payout.repository.js';
import { PAYOUTS_CONFIG, loadPayoutsConfig } from './payouts.config.js';
import { PayoutsController } from './payouts.controller.js';
import { RequestPayoutHandler } from './request-payout/request-payout.handler.js';
import { ReversePayoutHandler } from './reverse-payout/reverse-payout.handler.js';
import { SettlePayoutHandler } from './settle-payout/settle-payout.handler.js';
import { SubmitPayoutHandler } from './submit-payout/submit-payout.handler.js';

/** Money out of wallets to their owners' banks, through the payments' provider. */
@Module({
  imports: [LedgerModule, PaymentsModule],
  controllers: [PayoutsController],
  providers: [
    { provide: PAYOUTS_CONFIG, useFactory: loadPayoutsConfig },
    PayoutRepository,
    RequestPayoutHandler,
    SubmitPayoutHandler,
    SettlePayoutHandler,
    ReversePayoutHandler,
    GetPayoutHandler,
    PayoutSubmissionPoller,
  ],
})
export class PayoutsModule {}
