import { createLogger, systemClock } from '#platform';
import {
  DEV_ONLY_PAYMENTS_WEBHOOK_SECRET,
  createPaymentProvider,
  loadPaymentsConfig,
} from './payments.config.js';
import { StripePaymentProvider } from './stripe-payment-provider.adapter.js';
import { TestPaymentProvider } from './test-payment-provider.adapter.js';

const VARIABLES = [
  'NODE_ENV',
  'ALLOW_TEST_PAYMENTS',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'PAYMENTS_WEBHOOK_SECRET',
  'PAYMENTS_WEBHOOK_URL',
  'TEST_PROVIDER_SETTLE_MS',
];

describe('payment provider configuration', () => {
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));
  const log = createLogger('escrow', 'silent');

  beforeEach(() => {
    for (const name of VARIABLES) delete process.env[name];
  });

  afterAll(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('uses Stripe when its API key and webhook secret are both set', () => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_unit';
    process.env.STRIPE_WEBHOOK_SECRET = 'whsec_unit';

    const config = loadPaymentsConfig();

    expect(config).toEqual({
      provider: 'stripe',
      secretKey: 'sk_test_unit',
      webhookSecret: 'whsec_unit',
    });
    expect(createPaymentProvider(config, log, systemClock)).toBeInstanceOf(StripePaymentProvider);
  });

  it.each(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'])(
    'refuses to start with only %s set rather than fall back to the test provider',
    (name) => {
      process.env[name] = 'set';
      expect(() => loadPaymentsConfig()).toThrow('must be set together');
    },
  );

  it('falls back to the test provider with local defaults', () => {
    const config = loadPaymentsConfig();

    expect(config).toEqual({
      provider: 'test',
      webhookUrl: 'http://127.0.0.1:3000/api/webhooks/payments',
      webhookSecret: DEV_ONLY_PAYMENTS_WEBHOOK_SECRET,
      settleDelayMs: 300,
    });
    const provider = createPaymentProvider(config, log, systemClock);
    expect(provider).toBeInstanceOf(TestPaymentProvider);
    (provider as TestPaymentProvider).close();
  });

  it('configures the test provider from the environment', () => {
    process.env.PAYMENTS_WEBHOOK_SECRET = 'local-secret';
    process.env.PAYMENTS_WEBHOOK_URL = 'http://gateway:3000/api/webhooks/payments';
    process.env.TEST_PROVIDER_SETTLE_MS = '50';

    expect(loadPaymentsConfig()).toEqual({
      provider: 'test',
      webhookUrl: 'http://gateway:3000/api/webhooks/payments',
      webhookSecret: 'local-secret',
      settleDelayMs: 50,
    });
  });

  it('refuses the test provider in production unless a demo explicitly allows it', () => {
    process.env.NODE_ENV = 'production';
    expect(() => loadPaymentsConfig()).toThrow(/ALLOW_TEST_PAYMENTS/);
  });

  it('refuses the published webhook secret in production even when test payments are allowed', () => {
    process.env.NODE_ENV = 'production';
    process.env.ALLOW_TEST_PAYMENTS = 'true';
    expect(() => loadPaymentsConfig()).toThrow(/PAYMENTS_WEBHOOK_SECRET/);
    process.env.PAYMENTS_WEBHOOK_SECRET = 'a-private-demo-secret-0123456789';
    expect(loadPaymentsConfig()).toMatchObject({
      provider: 'test',
      webhookSecret: 'a-private-demo-secret-0123456789',
    });
  });
});
