import type { DepositReply } from '#contracts';

/** Allow-list of a started top-up: what the dashboard needs to complete it with the provider. */
export function toDepositResponse(reply: DepositReply): DepositReply {
  return {
    payment_id: reply.payment_id,
    status: reply.status,
    amount: reply.amount,
    currency: reply.currency,
    provider: reply.provider,
    client_secret: reply.client_secret,
  };
}
