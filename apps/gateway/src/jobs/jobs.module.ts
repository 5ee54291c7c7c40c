import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { JobsController } from './jobs.controller.js';

@Module({ imports: [IdentityModule], controllers: [JobsController] })
export class JobsModule {}
