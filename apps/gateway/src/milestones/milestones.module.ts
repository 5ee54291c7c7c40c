import { Module } from '@nestjs/common';
import { MilestonesController } from './milestones.controller.js';

@Module({ controllers: [MilestonesController] })
export class MilestonesModule {}
