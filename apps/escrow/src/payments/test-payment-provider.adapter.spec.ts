import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DepositRequest, ProviderPayoutRequest } from './payment-provider.port.js';
import {
  TestPaymentProvider,
  type TestPaymentProviderOptions,
} from './test-payment-provider.adapter.js';
import { TEST_SIGNATURE_HEADER } from './test-provider-webhook.js';

const SECRET = 'unit-test-webhook-secret';
const WEBHOOK_URL = 'http://gateway.test/api/webhooks/payments';
const NOW = new Date('2026-03-01T12:00:00Z');

interface Delivery {
  url: string;
  body: string;
  signature: string;
  signal: AbortSignal;
}

/** A fake network: records each POST and answers with the next scripted outcome (last repeats). */
type Outcome = number | Error | 'hang' | { status: number; afterMs: number };

function scriptedFetch(...outcomes: Outcome[]) {
  const deliveries: Delivery[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal as AbortSignal;
    deliveries.push({
      url: String(input),
      body: String(init?.body),
      signature: new Headers(init?.headers).get(TEST_SIGNATURE_HEADER) ?? '',
      signal,
    });
    const outcome = outcomes[Math.min(deliveries.length, outcomes.length) - 1];
    if (outcome === 'hang') {
      return new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    }
    if (outcome instanceof Error) throw outcome;
    if (typeof outcome === 'object') {
      // A response already on its way, which an abort no longer stops.
      await sleep(outcome.afterMs);
      return new Response(null, { status: outcome.status });
    }
    return new Response(null, { status: outcome });
  };
  return { fetch: fetch as typeof globalThis.fetch, deliveries };
}

function recordingLog() {
  const warnings: Array<{ details: Record<string, unknown>; message: string }> = [];
  return {
    warnings,
    warn: (details: Record<string, unknown>, message: string) =>
      warnings.push({ details, message }),
  };
}

function provider(options: Partial<TestPaymentProviderOptions> = {}): TestPaymentProvider {
  return new TestPaymentProvider({
    webhookUrl: WEBHOOK_URL,
    webhookSecret: SECRET,
    // Fixed, so that the webhooks it dates and signs are read below at the same instant.
    clock: { now: () => NOW },
    settleDelayMs: 0,
    retryBaseDelayMs: 1,
    log: recordingLog(),
    ...options,
  });
}

function deposit(overrides: Partial<DepositRequest> = {}): DepositRequest {
  return {
    paymentId: randomUUID(),
    walletOwnerId: randomUUID(),
    amountPence: 2500,
    currency: 'GBP',
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

function payout(overrides: Partial<ProviderPayoutRequest> = {}): ProviderPayoutRequest {
  const payoutId = randomUUID();
  return {
    payoutId,
    walletOwnerId: randomUUID(),
    amountPence: 800,
    currency: 'GBP',
    idempotencyKey: payoutId,
    ...overrides,
  };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

describe('TestPaymentProvider deposits', () => {
  it('returns a pending intent, then posts one signed webhook that its own parser accepts', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch });
    const request = deposit();

    const intent = await payments.createDeposit(request);
    expect(intent).toEqual({
      provider: 'test',
      providerPaymentId: expect.stringMatching(/^tp_[0-9a-f-]{36}$/),
      status: 'pending',
      clientSecret: null,
    });

    await until(() => network.deliveries.length === 1);
    await sleep(30);
    expect(network.deliveries).toHaveLength(1);
    const [delivery] = network.deliveries;
    expect(delivery.url).toBe(WEBHOOK_URL);
    const event = payments.parseWebhook(
      Buffer.from(delivery.body),
      { [TEST_SIGNATURE_HEADER]: delivery.signature },
      NOW,
    );
    expect(event).toEqual({
      provider: 'test',
      eventId: expect.stringMatching(/^evt_[0-9a-f-]{36}$/),
      type: 'payment.succeeded',
      providerPaymentId: intent.providerPaymentId,
      paymentId: request.paymentId,
      amountPence: 2500,
      currency: 'GBP',
      occurredAt: NOW,
    });
  });

  it('settles after the configured delay', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch, settleDelayMs: 300 });
    await payments.createDeposit(deposit());
    await sleep(50);
    expect(network.deliveries).toHaveLength(0);
    await until(() => network.deliveries.length === 1);
  });

  it('answers a repeated idempotency key with the same intent and pays only once', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch });
    const request = deposit();

    const first = await payments.createDeposit(request);
    const again = await payments.createDeposit({ ...request });

    expect(again).toEqual(first);
    await until(() => network.deliveries.length === 1);
    await sleep(30);
    expect(network.deliveries).toHaveLength(1);
  });

  it('retries a 5xx with the same event, freshly signed, until it is accepted', async () => {
    const network = scriptedFetch(503, 500, 200);
    const payments = provider({ fetch: network.fetch });
    await payments.createDeposit(deposit());

    await until(() => network.deliveries.length === 3);
    await sleep(30);
    expect(network.deliveries).toHaveLength(3);
    const bodies = new Set(network.deliveries.map((delivery) => delivery.body));
    expect(bodies.size).toBe(1);
    for (const delivery of network.deliveries) {
      const headers = { [TEST_SIGNATURE_HEADER]: delivery.signature };
      expect(payments.parseWebhook(Buffer.from(delivery.body), headers, NOW)).not.toBeNull();
    }
  });

  it('retries after a network error', async () => {
    const network = scriptedFetch(new TypeError('fetch failed'), 200);
    const payments = provider({ fetch: network.fetch });
    await payments.createDeposit(deposit());

    await until(() => network.deliveries.length === 2);
    await sleep(30);
    expect(network.deliveries).toHaveLength(2);
  });

  it('gives up after five attempts and says so', async () => {
    const network = scriptedFetch(502);
    const log = recordingLog();
    const payments = provider({ fetch: network.fetch, log });
    await payments.createDeposit(deposit());

    await until(() => log.warnings.length === 1);
    await sleep(50);
    expect(network.deliveries).toHaveLength(5);
    expect(log.warnings[0]).toMatchObject({
      details: { failure: 'HTTP 502', attempts: 5 },
      message: expect.stringContaining('giving up'),
    });
  });

  it('does not retry a 4xx, which a retry would not change, and says so', async () => {
    const network = scriptedFetch(400);
    const log = recordingLog();
    const payments = provider({ fetch: network.fetch, log });
    await payments.createDeposit(deposit());

    await until(() => log.warnings.length === 1);
    await sleep(30);
    expect(network.deliveries).toHaveLength(1);
    expect(log.warnings[0].details).toMatchObject({ status: 400 });
  });

  it('close() cancels a delivery that is still waiting to be made', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch, settleDelayMs: 20 });
    await payments.createDeposit(deposit());

    payments.close();
    await sleep(80);
    expect(network.deliveries).toHaveLength(0);
  });

  it('close() cancels the retries of a failing delivery', async () => {
    const network = scriptedFetch(503);
    const payments = provider({ fetch: network.fetch, retryBaseDelayMs: 100 });
    await payments.createDeposit(deposit());
    await until(() => network.deliveries.length === 1);
    await sleep(10);

    payments.close();
    await sleep(250);
    expect(network.deliveries).toHaveLength(1);
  });

  it('close() also drops the retry of a failure that arrives after it', async () => {
    const network = scriptedFetch({ status: 503, afterMs: 30 });
    const payments = provider({ fetch: network.fetch });
    await payments.createDeposit(deposit());
    await until(() => network.deliveries.length === 1);

    payments.close();
    await sleep(100);
    expect(network.deliveries).toHaveLength(1);
  });

  it('close() aborts a delivery in flight quietly, without retrying it', async () => {
    const network = scriptedFetch('hang');
    const log = recordingLog();
    const payments = provider({ fetch: network.fetch, log });
    await payments.createDeposit(deposit());
    await until(() => network.deliveries.length === 1);

    payments.close();
    await sleep(30);
    expect(network.deliveries[0].signal.aborted).toBe(true);
    expect(network.deliveries).toHaveLength(1);
    expect(log.warnings).toEqual([]);
  });

  it('refuses new deposits once closed', async () => {
    const payments = provider({ fetch: scriptedFetch(200).fetch });
    payments.close();
    await expect(payments.createDeposit(deposit())).rejects.toThrow('closed');
  });
});

describe('TestPaymentProvider payouts', () => {
  const delivered = async (payments: TestPaymentProvider, network: { deliveries: Delivery[] }) => {
    await until(() => network.deliveries.length === 1);
    const [delivery] = network.deliveries;
    return payments.parseWebhook(
      Buffer.from(delivery.body),
      { [TEST_SIGNATURE_HEADER]: delivery.signature },
      NOW,
    );
  };

  it('takes the payout, then reports it paid in one signed webhook that its own parser accepts', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch });
    const request = payout();

    const submission = await payments.createPayout(request);
    expect(submission).toEqual({
      provider: 'test',
      providerPayoutId: expect.stringMatching(/^tpo_[0-9a-f-]{36}$/),
    });
    expect(await delivered(payments, network)).toEqual({
      provider: 'test',
      eventId: expect.stringMatching(/^evt_[0-9a-f-]{36}$/),
      type: 'payout.paid',
      providerPayoutId: submission.providerPayoutId,
      payoutId: request.payoutId,
      amountPence: 800,
      currency: 'GBP',
      failureCode: null,
      occurredAt: NOW,
    });
  });

  it.each([513, 13, 4013])(
    'fails a payout of %i pence (pence ending in 13) with account_closed',
    async (amountPence) => {
      const network = scriptedFetch(200);
      const payments = provider({ fetch: network.fetch });
      await payments.createPayout(payout({ amountPence }));
      expect(await delivered(payments, network)).toMatchObject({
        type: 'payout.failed',
        amountPence,
        failureCode: 'account_closed',
      });
    },
  );

  it('answers a repeated idempotency key with the same payout and reports it once', async () => {
    const network = scriptedFetch(200);
    const payments = provider({ fetch: network.fetch });
    const request = payout();
    const first = await payments.createPayout(request);
    expect(await payments.createPayout(request)).toEqual(first);

    await until(() => network.deliveries.length === 1);
    await sleep(30);
    expect(network.deliveries).toHaveLength(1);
  });

  it('refuses new payouts once closed, as an unknown outcome rather than a refusal', async () => {
    const payments = provider({ fetch: scriptedFetch(200).fetch });
    payments.close();
    const refusal = await payments.createPayout(payout()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).name).not.toBe('PayoutRefused');
  });
});
