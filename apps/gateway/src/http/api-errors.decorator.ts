import type { ErrorCode } from '#contracts';
import { SetMetadata } from '@nestjs/common';

export const API_ERRORS = 'tradematch:api-errors';

/**
 * The error codes a route answers besides those every route of its kind does (authentication,
 * roles, validation, idempotency, rate limits, which the API document adds by itself). Each
 * becomes a response of the route's OpenAPI operation, under its status from ERROR_CATALOGUE.
 */
export const ApiErrors = (...codes: ErrorCode[]): MethodDecorator => SetMetadata(API_ERRORS, codes);
