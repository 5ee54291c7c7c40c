import { Module } from '@nestjs/common';
import { EscrowController } from './escrow.controller.js';

@Module({ controllers: [EscrowController] })
export class EscrowModule {}
