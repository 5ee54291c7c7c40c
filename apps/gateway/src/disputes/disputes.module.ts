import { Module } from '@nestjs/common';
import { AdminDisputesController } from './admin-disputes.controller.js';
import { DisputesController } from './disputes.controller.js';

@Module({ controllers: [DisputesController, AdminDisputesController] })
export class DisputesModule {}
