import {
  JobsApi,
  SagaListQuery,
  type SagaListView,
  type SagaView,
  type UserPrincipal,
} from '#contracts';
import { BusClient } from '#platform';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/current-principal.decorator.js';
import { Roles } from '../identity/roles.decorator.js';
import { toSagaListResponse, toSagaResponse } from './saga.response.js';

/** Cross-service actions that outlast a request (202 with a status_url), and the admins' list. */
@ApiTags('sagas')
@ApiBearerAuth()
@Controller()
export class SagasController {
  constructor(private readonly bus: BusClient) {}

  /** The outcome of an action the caller started: running, completed with its result, or undone. */
  @Get('api/connection/sagas/:sagaId')
  async get(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('sagaId') sagaId: string,
  ): Promise<SagaView> {
    return toSagaResponse(await this.bus.sendAs(principal, JobsApi.getSaga, { saga_id: sagaId }));
  }

  /** Runs in one status, oldest first; `failed` ones (the default) need a person. */
  @Get('api/admin/sagas')
  @Roles('admin')
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
  async retry(
    @CurrentPrincipal() principal: UserPrincipal,
    @Param('sagaId') sagaId: string,
  ): Promise<SagaView> {
    return toSagaResponse(await this.bus.sendAs(principal, JobsApi.retrySaga, { saga_id: sagaId }));
  }
}
