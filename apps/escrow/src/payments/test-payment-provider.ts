import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import {
  WEBHOOK_TOLERANCE_SECONDS,
  type DepositIntent,
  type DepositRequest,
  type PaymentProvider,
  type ProviderEvent,
} from './payment-provider.port.js';
import {
  isRecord,
  isText,
  isWholeNumber,
  unixSeconds,
  webhookPayloadInvalid,
  webhookSignatureInvalid,
  webhookTimestampStale,
} from './webhook-parsing.js';

export const TEST_SIGNATURE_HEADER = 'tradematch-signature';

const EVENT_TYPES: ReadonlySet<string> = new Set<ProviderEvent['type']>([
  'payment.succeeded',
  'payment.failed',
]);
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d+$/;
// A receiver that hangs must not hold a delivery forever; the attempt is retried instead.
const DELIVERY_TIMEOUT_MS = 10_000;

export interface DeliveryLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface TestPaymentProviderOptions {
  /** Where the signed webhooks go: the gateway's `/api/webhooks/payments`. */
  webhookUrl: string;
  webhookSecret: string;
  /** How long after createDeposit the payment succeeds and its webhook is sent. */
  settleDelayMs?: number;
  /** Deliveries of one webhook, the first included, before it is given up. */
  maxAttempts?: number;
  /** The wait before the first retry; it doubles on each further one. */
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
  log: DeliveryLog;
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, Stripe's scheme, so the gateway
 * and the tests handle both providers' webhooks the same way.
 */
export function signTestWebhook(rawBody: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/**
 * Stands in for a card processor in local runs and tests: every deposit succeeds a moment after
 * it is requested, and the news arrives as a signed webhook, retried like a real provider's.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  private readonly settleDelayMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;
  private readonly fetch: typeof fetch;
  // Like a real provider, a repeated idempotency key answers with the first intent and pays once.
  private readonly intents = new Map<string, DepositIntent>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly shutdown = new AbortController();

  constructor(private readonly options: TestPaymentProviderOptions) {
    this.settleDelayMs = options.settleDelayMs ?? 300;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.fetch = options.fetch ?? fetch;
  }

  async createDeposit(request: DepositRequest): Promise<DepositIntent> {
    if (this.shutdown.signal.aborted) {
      throw new Error('The test payment provider is closed');
    }
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
      const body = JSON.stringify({
        id: `evt_${randomUUID()}`,
        type: 'payment.succeeded',
        created: unixSeconds(new Date()),
        data: {
          payment_id: request.paymentId,
          provider_payment_id: intent.providerPaymentId,
          amount_pence: request.amountPence,
          currency: request.currency,
        },
      });
      return this.deliver(body, 1);
    }, this.settleDelayMs);
    return intent;
  }

  parseWebhook(
    rawBody: Buffer,
    headers: Record<string, string | undefined>,
    now: Date = new Date(),
  ): ProviderEvent | null {
    const timestamp = this.verifiedTimestamp(rawBody, headers[TEST_SIGNATURE_HEADER]);
    if (Math.abs(unixSeconds(now) - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
      throw webhookTimestampStale();
    }
    return this.toProviderEvent(rawBody);
  }

  /** Cancels the deliveries not yet made and aborts those in flight; for shutdown. */
  close(): void {
    this.shutdown.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
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
            unixSeconds(new Date()),
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

  /** The signed timestamp, once the signature is known to be ours. */
  private verifiedTimestamp(rawBody: Buffer, header: string | undefined): number {
    let timestamp: string | undefined;
    const signatures: Buffer[] = [];
    for (const part of (header ?? '').split(',')) {
      const separator = part.indexOf('=');
      const key = part.slice(0, separator);
      const value = part.slice(separator + 1);
      if (key === 't' && UNIX_SECONDS.test(value)) timestamp = value;
      if (key === 'v1' && SHA256_HEX.test(value)) signatures.push(Buffer.from(value, 'hex'));
    }
    if (timestamp === undefined) throw webhookSignatureInvalid();

    const expected = createHmac('sha256', this.options.webhookSecret)
      .update(`${timestamp}.`)
      .update(rawBody)
      .digest();
    // Several v1 entries are allowed, so that the secret can be rotated without downtime.
    if (!signatures.some((signature) => timingSafeEqual(signature, expected))) {
      throw webhookSignatureInvalid();
    }
    return Number(timestamp);
  }

  private toProviderEvent(rawBody: Buffer): ProviderEvent | null {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw webhookPayloadInvalid();
    }
    if (!isRecord(body) || !isText(body.id) || !isText(body.type)) throw webhookPayloadInvalid();
    if (!EVENT_TYPES.has(body.type)) return null;

    const { created, data } = body;
    if (
      !isWholeNumber(created) ||
      !isRecord(data) ||
      !isText(data.payment_id) ||
      !isUuid(data.payment_id) ||
      !isText(data.provider_payment_id) ||
      !isWholeNumber(data.amount_pence) ||
      data.amount_pence === 0 ||
      !isText(data.currency)
    ) {
      throw webhookPayloadInvalid();
    }
    return {
      provider: this.name,
      eventId: body.id,
      type: body.type as ProviderEvent['type'],
      providerPaymentId: data.provider_payment_id,
      paymentId: data.payment_id,
      amountPence: data.amount_pence,
      currency: data.currency,
      occurredAt: new Date(created * 1000),
    };
  }
}
