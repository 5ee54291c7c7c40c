import { Module } from '@nestjs/common';
import { DASHBOARD_CONFIG, loadDashboardConfig } from './dashboard.config.js';
import { DashboardController } from './dashboard.controller.js';

@Module({
  controllers: [DashboardController],
  providers: [{ provide: DASHBOARD_CONFIG, useFactory: loadDashboardConfig }],
})
export class DashboardModule {}
