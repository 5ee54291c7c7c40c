import { ROOT_LOGGER, validationError, VALIDATOR_OPTIONS } from '#platform';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { IdempotencyKeyFieldPipe } from '../idempotency/idempotency-key-field.pipe.js';
import { useStreamDemo } from '../stream/stream-demo.setup.js';
import { setUpApiDocs } from './api-docs.setup.js';
import { RequestContextMiddleware } from './request-context.middleware.js';
import { useSecurityHeaders } from './security-headers.setup.js';

export const MAX_BODY_SIZE = '100kb';

export interface RawBodyRequest extends IncomingMessage {
  rawBody?: Buffer;
}

export function configureGatewayHttp(app: INestApplication): void {
  const expressApp = app as NestExpressApplication;
  const config = app.get<GatewayConfig>(GATEWAY_CONFIG);
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', config.trustProxy);
  // Before the body parser, so that even a malformed body gets a correlation id and a log line.
  const requestContext = new RequestContextMiddleware(app.get(ROOT_LOGGER));
  expressApp.use(requestContext.use.bind(requestContext));
  useSecurityHeaders(expressApp, config.corsOrigins);
  useStreamDemo(expressApp);
  // The app is created with rawBody on, so this parser also keeps the exact bytes received:
  // webhook signatures are computed over them, not over re-serialised JSON.
  expressApp.useBodyParser('json', { limit: MAX_BODY_SIZE, strict: true });
  app.useGlobalPipes(
    new IdempotencyKeyFieldPipe(),
    new ValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: validationError,
    }),
  );
  setUpApiDocs(app);
}
