import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { SagaStatus } from './saga.views.js';

export const SAGA_STATUSES: readonly SagaStatus[] = [
  'running',
  'compensating',
  'completed',
  'compensated',
  'failed',
];

/** Any string: an id that is no saga of the caller's answers 404 like an unknown one. */
export class SagaIdInput {
  @IsString()
  @Length(1, 64)
  saga_id!: string;
}

/** `GET /api/admin/sagas`: runs in one status, oldest first. */
export class SagaListQuery {
  @ApiPropertyOptional({ enum: SAGA_STATUSES, default: 'failed' })
  @IsOptional()
  @IsIn(SAGA_STATUSES)
  status?: SagaStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
