import type { PayoutStatus, PayoutView } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class PayoutResponse implements PayoutView {
  @ApiProperty({ format: 'uuid' }) payout_id!: string;
  @ApiProperty({
    enum: ['pending', 'paid', 'failed'],
    description: 'pending until the provider reports it; a failed payout is back in the wallet',
  })
  status!: PayoutStatus;
  @ApiProperty({ description: 'pounds' }) amount!: number;
  @ApiProperty({ example: 'GBP' }) currency!: string;
  @ApiProperty({ example: 'test', description: '`test` or `stripe`' }) provider!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'account_closed',
    description: "the provider's reason; null unless failed",
  })
  failure_code!: string | null;
  @ApiProperty({ format: 'date-time' }) requested_at!: string;
}

/** Allow-list of a payout, for its owner. */
export function toPayoutResponse(view: PayoutView): PayoutResponse {
  return {
    payout_id: view.payout_id,
    status: view.status,
    amount: view.amount,
    currency: view.currency,
    provider: view.provider,
    failure_code: view.failure_code,
    requested_at: view.requested_at,
  };
}
