import {
  DepositRequest,
  DomainError,
  ErrorCode,
  EscrowApi,
  EscrowErrors,
  type DepositReply,
  type UserPrincipal,
  type WebhookReply,
} from '#contracts';
import { BusClient, PublicRoute } from '#platform';
import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import type { RawBodyRequest } from '../http/gateway-http.setup.js';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotency.interceptor.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { DepositResponse, toDepositResponse, WebhookResponse } from './deposit.response.js';

/** Only these headers are forwarded: the providers' signatures. */
const SIGNATURE_HEADERS = ['tradematch-signature', 'stripe-signature'] as const;

@ApiTags('wallet')
@Controller()
export class PaymentsController {
  constructor(private readonly bus: BusClient) {}

  // The key also goes to escrow, so a top-up stays exactly-once even if this gateway dies
  // after escrow committed and before the gateway recorded the answer.
  @ApiBearerAuth()
  @Post('api/connection/wallet/deposits')
  @Roles('customer', 'vendor')
  @ApiOperation({
    summary: 'Starts a top-up with the payment provider; the wallet is credited when it settles',
  })
  @ApiCreatedResponse({ type: DepositResponse })
  async deposit(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: DepositRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) headerKey?: string,
  ): Promise<DepositReply> {
    return toDepositResponse(
      await this.bus.sendAs(principal, EscrowApi.deposit, {
        ...body,
        idempotency_key: body.idempotency_key ?? headerKey,
      }),
    );
  }

  /**
   * The gateway forwards the provider's notifications as itself: nobody is signed in, and the
   * signature, checked by escrow on the raw bytes, is the authentication.
   */
  @PublicRoute()
  @Post('api/webhooks/payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "The payment provider's signed notifications (Stripe, or the built-in test provider)",
  })
  @ApiHeader({ name: 'stripe-signature', required: false })
  @ApiHeader({ name: 'tradematch-signature', required: false })
  @ApiBody({ schema: { type: 'object', description: "the provider's event, as it sent it" } })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors(
    ErrorCode.WEBHOOK_SIGNATURE_INVALID,
    ErrorCode.WEBHOOK_TIMESTAMP_STALE,
    ErrorCode.WEBHOOK_PAYLOAD_INVALID,
  )
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
