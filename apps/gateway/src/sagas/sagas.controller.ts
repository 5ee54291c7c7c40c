import {
  ErrorCode,
  JobsApi,
  SagaListQuery,
  type SagaListView,
  type SagaView,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import {
  SagaListResponse,
  SagaResponse,
  toSagaListResponse,
  toSagaResponse,
} from './saga.response.js';

/** Cross-service actions that outlast a request (202 with a status_url), and the admins' list. */
@ApiTags('sagas')
@ApiBearerAuth()
@Controller()
export class SagasController {
  constructor(private readonly bus: BusClient) {}

  /** The outcome of an action the caller started: running, completed with its result, or undone. */
  @Get('api/connection/sagas/:sagaId')
  @ApiOperation({ summary: 'An action the caller started that outlasted its request' })
  @ApiOkResponse({ type: SagaResponse })
  @ApiErrors(ErrorCode.SAGA_NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('sagaId') sagaId: string,
  ): Promise<SagaView> {
    return toSagaResponse(await this.bus.sendAs(principal, JobsApi.getSaga, { saga_id: sagaId }));
  }

  /** Runs in one status, oldest first; `failed` ones (the default) need a person. */
  @Get('api/admin/sagas')
  @Roles('admin')
  @ApiOperation({ summary: 'Saga runs in one status, oldest first (failed by default)' })
  @ApiOkResponse({ type: SagaListResponse })
  async list(
    @CurrentPrincipal() principal: UserPrincipal,
    @Query() query: SagaListQuery,
  ): Promise<SagaListView> {
    return toSagaListResponse(await this.bus.sendAs(principal, JobsApi.listSagas, query));
  }

  /** Compensates a failed run again, once what blocked its compensation is fixed. */
  @Post('api/admin/sagas/:sagaId/retry')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiOperation({ summary: 'Compensates a failed run again' })
  @ApiOkResponse({ type: SagaResponse })
  @ApiErrors(ErrorCode.SAGA_NOT_FOUND, ErrorCode.SAGA_NOT_FAILED)
  async retry(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('sagaId') sagaId: string,
  ): Promise<SagaView> {
    return toSagaResponse(await this.bus.sendAs(principal, JobsApi.retrySaga, { saga_id: sagaId }));
  }
}
