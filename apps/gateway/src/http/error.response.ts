import { ERROR_CATALOGUE } from '#contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ example: 'budget_min' }) field!: string;
  @ApiProperty({ type: [String] }) errors!: string[];
}

/**
 * The one shape of every error. Codes may add details of their own (`fields`, `retry_after`,
 * `required` and `available`, `status`, `upstream`, ...), so other properties may appear.
 */
export class ErrorResponse {
  @ApiProperty({ example: 'Bad Request', description: 'the HTTP status text' }) error!: string;
  @ApiProperty({ enum: Object.keys(ERROR_CATALOGUE) }) code!: string;
  @ApiProperty({ description: 'for humans; codes are stable, messages are not' }) message!: string;
  @ApiProperty({ description: 'quote it when reporting a problem' }) correlation_id!: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'VALIDATION_FAILED' })
  fields?: FieldErrorResponse[];
  @ApiPropertyOptional({
    description: 'seconds to wait before retrying (RATE_LIMITED, IDEMPOTENCY_KEY_IN_USE)',
  })
  retry_after?: number;
}
