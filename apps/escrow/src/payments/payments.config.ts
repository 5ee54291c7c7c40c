import { envInt, envString, type Clock } from '#platform';
import type { PaymentProvider } from './payment-provider.port.js';
import { StripePaymentProvider } from './stripe-payment-provider.adapter.js';
import { TestPaymentProvider, type DeliveryLog } from './test-payment-provider.adapter.js';

/** Published in this repository, so anyone can sign webhooks with it: local runs and tests only. */
export const DEV_ONLY_PAYMENTS_WEBHOOK_SECRET = 'dev-only-insecure-payments-webhook-secret';

export type PaymentsConfig =
  | { provider: 'stripe'; secretKey: string; webhookSecret: string }
  | { provider: 'test'; webhookUrl: string; webhookSecret: string; settleDelayMs: number };

export function loadPaymentsConfig(): PaymentsConfig {
  const secretKey = envString('STRIPE_SECRET_KEY', '');
  const stripeWebhookSecret = envString('STRIPE_WEBHOOK_SECRET', '');
  if (secretKey && stripeWebhookSecret) {
    return { provider: 'stripe', secretKey, webhookSecret: stripeWebhookSecret };
  }
  // Half a Stripe setup is a mistake; quietly running the test provider, which settles every
  // deposit without taking any money, would be the worst way to handle it.
  if (secretKey || stripeWebhookSecret) {
    throw new Error('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together');
  }
  const webhookSecret = envString('PAYMENTS_WEBHOOK_SECRET', DEV_ONLY_PAYMENTS_WEBHOOK_SECRET);
  // The test provider credits every deposit without taking any money: in production it runs
  // only when explicitly allowed (a demo environment), and never with the published secret.
  if (process.env.NODE_ENV === 'production') {
    if (envString('ALLOW_TEST_PAYMENTS', '') !== 'true') {
      throw new Error(
        'Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or ALLOW_TEST_PAYMENTS=true for a demo',
      );
    }
    if (webhookSecret === DEV_ONLY_PAYMENTS_WEBHOOK_SECRET) {
      throw new Error('PAYMENTS_WEBHOOK_SECRET must be set to a private value in production');
    }
  }
  return {
    provider: 'test',
    webhookUrl: envString('PAYMENTS_WEBHOOK_URL', 'http://127.0.0.1:3000/api/webhooks/payments'),
    webhookSecret,
    settleDelayMs: envInt('TEST_PROVIDER_SETTLE_MS', 300),
  };
}

/** `log` reports webhooks the test provider could not deliver; Stripe's are in its dashboard. */
export function createPaymentProvider(
  config: PaymentsConfig,
  log: DeliveryLog,
  clock: Clock,
): PaymentProvider {
  if (config.provider === 'stripe') {
    return new StripePaymentProvider({
      secretKey: config.secretKey,
      webhookSecret: config.webhookSecret,
    });
  }
  return new TestPaymentProvider({
    webhookUrl: config.webhookUrl,
    webhookSecret: config.webhookSecret,
    settleDelayMs: config.settleDelayMs,
    clock,
    log,
  });
}
