import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { STREAM_DEMO_PATH } from '../stream/stream-demo.setup.js';
import { API_DOCS_PATH } from './api-docs.setup.js';

/** Headers a browser reads, so a dashboard on another origin may call the API. */
const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'idempotency-key',
  'x-correlation-id',
  // Sent by a browser's EventSource when it reconnects to the stream.
  'last-event-id',
];
const CORS_EXPOSED_HEADERS = ['x-correlation-id', 'retry-after'];
const CORS_MAX_AGE_SECONDS = 600;

/**
 * helmet's headers on every answer. The API answers JSON only, so its policy forbids every
 * kind of content; the API docs (Swagger UI: its own scripts and styles, inline styles, data:
 * images) get helmet's default policy, without `upgrade-insecure-requests`, which would send a
 * browser to https:// for the assets of a gateway served over plain HTTP (local runs). The
 * stream demo may run its own script and style files and call this origin, nothing else: no
 * inline script, no other origin.
 */
export function useSecurityHeaders(app: NestExpressApplication, corsOrigins: string[]): void {
  const apiHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
  const docsHeaders = helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  const demoHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const headers = isDocsPath(request.path)
      ? docsHeaders
      : isUnder(request.path, STREAM_DEMO_PATH)
        ? demoHeaders
        : apiHeaders;
    headers(request, response, next);
  });
  // Bearer tokens, not cookies: no credentials mode. An origin off the list gets no CORS
  // headers at all, so the browser refuses the call.
  app.enableCors({
    origin: corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
  });
}

function isDocsPath(path: string): boolean {
  return isUnder(path, `/${API_DOCS_PATH}`);
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
