import { ERROR_CATALOGUE } from '#contracts';
import { PUBLIC_ROUTE } from '#platform';
import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CREDENTIAL_ROUTE } from '../abuse-limits/credential-route.decorator.js';
import { ROLES } from '../identity/roles.decorator.js';
import { API_ERRORS } from './api-errors.decorator.js';
import { completeApiDocument, type RouteFacts } from './api-document.js';
import { ErrorResponse } from './error.response.js';

export const API_DOCS_PATH = 'api/docs';

/** The OpenAPI document at /api/docs/openapi.json, and Swagger UI at /api/docs. */
export function setUpApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TradeMatch Connection Layer')
      .setDescription('REST API for the customer and vendor dashboards')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .build(),
    { extraModels: [ErrorResponse] },
  );
  const facts = routeFacts(app);
  completeApiDocument(
    document,
    (operationId) => {
      const found = facts.get(operationId);
      if (!found) throw new Error(`API document: no route behind operation ${operationId}`);
      return found;
    },
    ERROR_CATALOGUE,
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json`,
  });
}

/** Each controller method's facts, by the operation id swagger gives it (`Class_method`). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const metadata = <T>(key: string): T | undefined =>
          Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
        facts.set(`${controller.name}_${name}`, {
          public: metadata<boolean>(PUBLIC_ROUTE) === true,
          roles: metadata<string[]>(ROLES),
          credentialRoute: metadata<string>(CREDENTIAL_ROUTE) !== undefined,
          errors: metadata<string[]>(API_ERRORS) ?? [],
        });
      }
    }
  }
  return facts;
}
