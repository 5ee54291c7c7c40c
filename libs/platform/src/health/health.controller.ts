import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../http/public-route.decorator.js';
import { Readiness, type ReadinessReport } from './readiness.js';

class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class ReadinessChecksResponse {
  @ApiProperty() database!: boolean;
  @ApiProperty() nats!: boolean;
  @ApiProperty({ description: 'false once the app is shutting down' }) accepting!: boolean;
}

class ReadinessResponse implements ReadinessReport {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: ReadinessChecksResponse }) checks!: ReadinessChecksResponse;
}

/** Kubernetes probes: liveness says the process runs, readiness that it can do its work. */
@ApiTags('operations')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness probe: the process runs' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe: database and NATS answer, not shutting down' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'not ready' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessResponse> {
    const report = await this.readiness.report();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
