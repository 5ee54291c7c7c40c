import {
  DepositRequest,
  DomainError,
  ErrorCode,
  Subjects,
  type DepositReply,
  type Principal,
  type WebhookReply,
} from '#contracts';
import { BusClient, PublicRoute } from '#platform';
import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '../http/configure-gateway-http.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';

/** Only these headers are forwarded: the providers' signatures. */
const SIGNATURE_HEADERS = ['tradematch-signature', 'stripe-signature'] as const;

@ApiTags('wallet')
@Controller()
export class PaymentsController {
  constructor(private readonly bus: BusClient) {}

  /** Starts a top-up with the payment provider; the wallet is credited when it settles. */
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post('api/connection/wallet/deposits')
  @Roles('customer', 'vendor')
  async deposit(
    @CurrentPrincipal() principal: Principal,
    @Body() body: DepositRequest,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<DepositReply> {
    const data = { ...body, idempotency_key: body.idempotency_key ?? headerKey };
    const reply = await this.bus.request<DepositReply>(Subjects.escrow.deposit, {
      principal,
      data,
    });
    return {
      payment_id: reply.payment_id,
      status: reply.status,
      amount: reply.amount,
      currency: reply.currency,
      provider: reply.provider,
      client_secret: reply.client_secret,
    };
  }

  /** The payment provider's notifications; authenticated by their signature, not by a token. */
  @ApiExcludeEndpoint()
  @PublicRoute()
  @Post('api/webhooks/payments')
  @HttpCode(HttpStatus.OK)
  async webhook(@Req() request: RawBodyRequest): Promise<WebhookReply> {
    if (!request.rawBody) {
      throw new DomainError(ErrorCode.WEBHOOK_PAYLOAD_INVALID, 400, 'Expected a JSON webhook body');
    }
    const headers = Object.fromEntries(
      SIGNATURE_HEADERS.map((name) => [name, firstValue(request.headers[name])]),
    );
    await this.bus.request(Subjects.escrow.paymentWebhook, {
      data: { raw_body_base64: request.rawBody.toString('base64'), headers },
    });
    return { received: true };
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
