import { Module } from '@nestjs/common';
import { GetSagaHandler } from './get-saga/get-saga.handler.js';
import { ListSagasHandler } from './list-sagas/list-sagas.handler.js';
import { RetrySagaHandler } from './retry-saga/retry-saga.handler.js';
import { SagasController } from './sagas.controller.js';

/** The runs of jobs-leads' sagas, for their initiators and for the admins. */
@Module({
  controllers: [SagasController],
  providers: [GetSagaHandler, ListSagasHandler, RetrySagaHandler],
})
export class SagasModule {}
