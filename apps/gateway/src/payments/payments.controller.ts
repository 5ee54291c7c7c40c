import {
  DepositRequest,
  DomainError,
  EscrowApi,
  EscrowErrors,
  type DepositReply,
  type UserPrincipal,
  type WebhookReply,
} from '#contracts';
import { BusClient, PublicRoute } from '#platform';
import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '../http/gateway-http.setup.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toDepositResponse } from './deposit.response.js';

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
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: DepositRequest,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<DepositReply> {
    return toDepositResponse(
      await this.bus.sendAs(principal, EscrowApi.deposit, {
        ...body,
        idempotency_key: body.idempotency_key ?? headerKey,
      }),
    );
  }

  /**
   * The payment provider's notifications; authenticated by their signature, not by a token.
   * The gateway forwards them as itself: nobody is signed in.
   */
  @ApiExcludeEndpoint()
  @PublicRoute()
  @Post('api/webhooks/payments')
  @HttpCode(HttpStatus.OK)
  async webhook(@Req() request: RawBodyRequest): Promise<WebhookReply> {
    if (!request.rawBody) {
      throw new DomainError(
        EscrowErrors.WEBHOOK_PAYLOAD_INVALID,
        400,
        'Expected a JSON webhook body',
      );
    }
    const headers = Object.fromEntries(
      SIGNATURE_HEADERS.map((name) => [name, firstValue(request.headers[name])]),
    );
    await this.bus.send(EscrowApi.paymentWebhook, {
      raw_body_base64: request.rawBody.toString('base64'),
      headers,
    });
    return { received: true };
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
