import { ROOT_LOGGER, validationError, VALIDATOR_OPTIONS } from '#platform';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config.js';
import { RequestContextMiddleware } from './request-context.middleware.js';

export const MAX_BODY_SIZE = '100kb';

export interface RawBodyRequest extends IncomingMessage {
  rawBody?: Buffer;
}

export function configureGatewayHttp(app: INestApplication): void {
  const expressApp = app as NestExpressApplication;
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', app.get<GatewayConfig>(GATEWAY_CONFIG).trustProxy);
  // Before the body parser, so that even a malformed body gets a correlation id and a log line.
  const requestContext = new RequestContextMiddleware(app.get(ROOT_LOGGER));
  expressApp.use(requestContext.use.bind(requestContext));
  // The app is created with rawBody on, so this parser also keeps the exact bytes received:
  // webhook signatures are computed over them, not over re-serialised JSON.
  expressApp.useBodyParser('json', { limit: MAX_BODY_SIZE, strict: true });
  app.useGlobalPipes(
    new ValidationPipe({
      ...VALIDATOR_OPTIONS,
      transform: true,
      exceptionFactory: validationError,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TradeMatch Connection Layer')
      .setDescription('REST API for the customer and vendor dashboards')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
