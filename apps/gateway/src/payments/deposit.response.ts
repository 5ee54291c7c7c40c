import type { DepositReply, WebhookReply } from '#contracts';
import { ApiProperty } from '@nestjs/swagger';

export class DepositResponse implements DepositReply {
  @ApiProperty({ format: 'uuid' }) payment_id!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: 'pending' | 'succeeded' | 'failed';
  @ApiProperty({ description: 'pounds' }) amount!: number;
  @ApiProperty({ example: 'GBP' }) currency!: string;
  @ApiProperty({ example: 'test', description: '`test` or `stripe`' }) provider!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'for Stripe.js to confirm the payment; null with the test provider',
  })
  client_secret!: string | null;
}

export class WebhookResponse implements WebhookReply {
  @ApiProperty({ enum: [true] }) received!: true;
}

/** Allow-list of a started top-up: what the dashboard needs to complete it with the provider. */
export function toDepositResponse(reply: DepositReply): DepositResponse {
  return {
    payment_id: reply.payment_id,
    status: reply.status,
    amount: reply.amount,
    currency: reply.currency,
    provider: reply.provider,
    client_secret: reply.client_secret,
  };
}
