import { Module } from '@nestjs/common';
import { LeadsController } from './leads.controller.js';

@Module({ controllers: [LeadsController] })
export class LeadsModule {}
