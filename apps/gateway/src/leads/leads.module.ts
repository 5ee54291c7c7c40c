import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { LeadsController } from './leads.controller.js';

@Module({ imports: [IdentityModule], controllers: [LeadsController] })
export class LeadsModule {}
