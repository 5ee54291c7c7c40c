import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads/leads.module.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

@Module({
  imports: [LeadsModule],
  controllers: [JobsController],
  providers: [JobsService],
})
export class JobsModule {}
