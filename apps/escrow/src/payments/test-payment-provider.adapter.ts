import type { Clock } from '#platform';
import { randomUUID } from 'node:crypto';
import type {
  DepositIntent,
  DepositRequest,
  PaymentProvider,
  PayoutSubmission,
  ProviderEvent,
  ProviderPayoutRequest,
} from './payment-provider.port.js';
import {
  parseTestWebhook,
  signTestWebhook,
  TEST_PROVIDER_NAME,
  TEST_SIGNATURE_HEADER,
  testPayoutWebhook,
  testSucceededWebhook,
} from './test-provider-webhook.js';
import { unixSeconds } from './webhook-parsing.js';

// A receiver that hangs must not hold a delivery forever; the attempt is retried instead.
const DELIVERY_TIMEOUT_MS = 10_000;

export interface DeliveryLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface TestPaymentProviderOptions {
  /** Where the signed webhooks go: the gateway's `/api/webhooks/payments`. */
  webhookUrl: string;
  webhookSecret: string;
  /** When its webhooks are created and signed. */
  clock: Clock;
  /** How long after createDeposit (or createPayout) it settles and its webhook is sent. */
  settleDelayMs?: number;
  /** Deliveries of one webhook, the first included, before it is given up. */
  maxAttempts?: number;
  /** The wait before the first retry; it doubles on each further one. */
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
  log: DeliveryLog;
}

/**
 * Stands in for a card processor in local runs and tests: every deposit succeeds a moment after
 * it is requested, and so does every payout but those whose pence end in 13 (which fail, see
 * testPayoutWebhook); the news arrives as a signed webhook, retried like a real provider's.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = TEST_PROVIDER_NAME;
  private readonly settleDelayMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;
  private readonly fetch: typeof fetch;
  // Like a real provider, a repeated idempotency key answers with the first intent and pays once.
  private readonly intents = new Map<string, DepositIntent>();
  private readonly payouts = new Map<string, PayoutSubmission>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly shutdown = new AbortController();

  constructor(private readonly options: TestPaymentProviderOptions) {
    this.settleDelayMs = options.settleDelayMs ?? 300;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.fetch = options.fetch ?? fetch;
  }

  async createDeposit(request: DepositRequest): Promise<DepositIntent> {
    this.assertOpen();
    const known = this.intents.get(request.idempotencyKey);
    if (known) return known;

    const intent: DepositIntent = {
      provider: this.name,
      providerPaymentId: `tp_${randomUUID()}`,
      status: 'pending',
      clientSecret: null,
    };
    this.intents.set(request.idempotencyKey, intent);
    this.schedule(() => {
      // Built once so that every retry carries the same event id, which is what makes it a retry.
      const body = testSucceededWebhook(
        request,
        { eventId: `evt_${randomUUID()}`, providerPaymentId: intent.providerPaymentId },
        this.options.clock.now(),
      );
      return this.deliver(body, 1);
    }, this.settleDelayMs);
    return intent;
  }

  async createPayout(request: ProviderPayoutRequest): Promise<PayoutSubmission> {
    this.assertOpen();
    const known = this.payouts.get(request.idempotencyKey);
    if (known) return known;

    const submission: PayoutSubmission = {
      provider: this.name,
      providerPayoutId: `tpo_${randomUUID()}`,
    };
    this.payouts.set(request.idempotencyKey, submission);
    this.schedule(() => {
      const body = testPayoutWebhook(
        request,
        { eventId: `evt_${randomUUID()}`, providerPayoutId: submission.providerPayoutId },
        this.options.clock.now(),
      );
      return this.deliver(body, 1);
    }, this.settleDelayMs);
    return submission;
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    now: Date,
  ): ProviderEvent | null {
    return parseTestWebhook(rawBody, headers, this.options.webhookSecret, now);
  }

  /** Cancels the deliveries not yet made and aborts those in flight; for shutdown. */
  close(): void {
    this.shutdown.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private assertOpen(): void {
    if (this.shutdown.signal.aborted) throw new Error('The test payment provider is closed');
  }

  private schedule(task: () => Promise<void>, delayMs: number): void {
    // A response can arrive just after close(); its retry must not outlive the shutdown.
    if (this.shutdown.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task();
    }, delayMs);
    // A pending delivery is no reason to keep the process alive.
    timer.unref();
    this.timers.add(timer);
  }

  private async deliver(body: string, attempt: number): Promise<void> {
    let failure: string;
    try {
      const response = await this.fetch(this.options.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Signed per attempt, as a real provider does, so that a late retry is not stale.
          [TEST_SIGNATURE_HEADER]: signTestWebhook(
            body,
            this.options.webhookSecret,
            unixSeconds(this.options.clock.now()),
          ),
        },
        body,
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      // Frees the connection: only the status matters.
      void response.body?.cancel().catch(() => undefined);
      if (response.ok) return;
      if (response.status < 500) {
        this.options.log.warn(
          { status: response.status, attempt },
          'test payment provider: webhook refused; not retrying',
        );
        return;
      }
      failure = `HTTP ${response.status}`;
    } catch (error) {
      if (this.shutdown.signal.aborted) return;
      failure = error instanceof Error ? error.message : String(error);
    }
    if (attempt >= this.maxAttempts) {
      this.options.log.warn(
        { failure, attempts: attempt },
        'test payment provider: webhook undeliverable; giving up',
      );
      return;
    }
    this.schedule(
      () => this.deliver(body, attempt + 1),
      this.retryBaseDelayMs * 2 ** (attempt - 1),
    );
  }
}
