import { Module } from '@nestjs/common';
import { SagasController } from './sagas.controller.js';

@Module({ controllers: [SagasController] })
export class SagasModule {}
