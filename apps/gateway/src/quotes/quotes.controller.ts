import {
  AcceptQuoteRequest,
  ErrorCode,
  isSagaRunningReply,
  JobsApi,
  ListQuotesQuery,
  RejectQuoteRequest,
  SendQuoteRequest,
  UpdateQuoteRequest,
  type AcceptQuoteReply,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { SagaRunningResponse, toSagaRunningResponse } from '../sagas/saga.response.js';
import {
  AcceptQuoteResponse,
  QuoteChangeResponse,
  QuoteListResponse,
  QuoteResponse,
  SendQuoteResponse,
  toAcceptQuoteResponse,
  toQuoteChangeResponse,
  toQuoteListResponse,
  toQuoteResponse,
  toSendQuoteResponse,
} from './quote.response.js';

/** Vendors quote for the jobs whose leads they accepted; the job's customer accepts one. */
@ApiTags('quotes')
@ApiBearerAuth()
@Controller('api/connection/quotes')
export class QuotesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles('vendor')
  @ApiOperation({ summary: 'Quotes for a live job whose lead the vendor accepted' })
  @ApiCreatedResponse({ type: SendQuoteResponse })
  @ApiErrors(
    ErrorCode.JOB_NOT_FOUND,
    ErrorCode.LEAD_NOT_ACCEPTED,
    ErrorCode.JOB_NOT_LIVE,
    ErrorCode.QUOTE_ALREADY_PENDING,
  )
  async send(
    @CurrentPrincipal() principal: UserPrincipal,
    @Body() body: SendQuoteRequest,
  ): Promise<SendQuoteResponse> {
    return toSendQuoteResponse(await this.bus.sendAs(principal, JobsApi.sendQuote, body));
  }

  @Get()
  @Roles('customer', 'vendor')
  @ApiOperation({ summary: 'A customer: every quote on their job (job_id); a vendor: their own' })
  @ApiOkResponse({ type: QuoteListResponse })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: ListQuotesQuery,
  ): Promise<QuoteListResponse> {
    return toQuoteListResponse(await this.bus.sendAs(principal, JobsApi.listQuotes, query));
  }

  @Get(':quoteId')
  @Roles('customer', 'vendor')
  @ApiOperation({ summary: "A quote: its vendor, or its job's customer" })
  @ApiOkResponse({ type: QuoteResponse })
  @ApiErrors(ErrorCode.QUOTE_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('quoteId') quoteId: string,
  ): Promise<QuoteResponse> {
    return toQuoteResponse(
      await this.bus.sendAs(principal, JobsApi.getQuote, { quote_id: quoteId }),
    );
  }

  @Patch(':quoteId')
  @Roles('vendor')
  @ApiOperation({ summary: 'Changes a pending quote (its vendor)' })
  @ApiOkResponse({ type: QuoteResponse })
  @ApiErrors(ErrorCode.QUOTE_NOT_FOUND, ErrorCode.QUOTE_NOT_PENDING, ErrorCode.JOB_NOT_LIVE)
  async update(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('quoteId') quoteId: string,
    @Body() body: UpdateQuoteRequest,
  ): Promise<QuoteResponse> {
    return toQuoteResponse(
      await this.bus.sendAs(principal, JobsApi.updateQuote, { ...body, quote_id: quoteId }),
    );
  }

  @Post(':quoteId/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles('vendor')
  @ApiOperation({ summary: 'Withdraws a pending quote (its vendor); the lead stays active' })
  @ApiOkResponse({ type: QuoteChangeResponse })
  @ApiErrors(ErrorCode.QUOTE_NOT_FOUND, ErrorCode.QUOTE_NOT_PENDING, ErrorCode.JOB_NOT_LIVE)
  async withdraw(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('quoteId') quoteId: string,
  ): Promise<QuoteChangeResponse> {
    return toQuoteChangeResponse(
      await this.bus.sendAs(principal, JobsApi.withdrawQuote, { quote_id: quoteId }),
    );
  }

  @Patch(':quoteId/reject')
  @Roles('customer')
  @ApiOperation({
    summary: "Rejects a pending quote on the customer's job; the vendor may quote again",
  })
  @ApiOkResponse({ type: QuoteChangeResponse })
  @ApiErrors(ErrorCode.QUOTE_NOT_FOUND, ErrorCode.QUOTE_NOT_PENDING, ErrorCode.JOB_NOT_LIVE)
  async reject(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('quoteId') quoteId: string,
    @Body() body: RejectQuoteRequest,
  ): Promise<QuoteChangeResponse> {
    return toQuoteChangeResponse(
      await this.bus.sendAs(principal, JobsApi.rejectQuote, { ...body, quote_id: quoteId }),
    );
  }

  /**
   * Accepts a quote: the job is the vendor's and its amount moves from the customer's wallet into
   * the job's escrow. 200, or 202 with a `status_url` when funding takes longer than the wait.
   */
  @Patch(':quoteId/accept')
  @Roles('customer')
  @ApiOperation({
    summary: "Accepts a quote on the customer's job and funds its escrow from their wallet",
  })
  @ApiOkResponse({ type: AcceptQuoteResponse })
  @ApiAcceptedResponse({
    type: SagaRunningResponse,
    description: 'still running: follow status_url',
  })
  @ApiErrors(
    ErrorCode.QUOTE_NOT_FOUND,
    ErrorCode.QUOTE_NOT_PENDING,
    ErrorCode.JOB_NOT_LIVE,
    ErrorCode.JOB_ALREADY_AWARDED,
    ErrorCode.ESCROW_INSUFFICIENT_BALANCE,
  )
  async accept(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('quoteId') quoteId: string,
    @Body() body: AcceptQuoteRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('idempotency-key') headerKey?: string,
  ): Promise<AcceptQuoteReply | SagaRunningResponse> {
    const reply = await this.bus.sendAs(principal, JobsApi.acceptQuote, {
      quote_id: quoteId,
      idempotency_key: body.idempotency_key ?? headerKey,
    });
    if (!isSagaRunningReply(reply)) return toAcceptQuoteResponse(reply);
    response.status(HttpStatus.ACCEPTED);
    return toSagaRunningResponse(reply);
  }
}
