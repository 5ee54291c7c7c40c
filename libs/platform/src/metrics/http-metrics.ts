import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics, startTimer } from './metrics.js';

/** The route label of requests answered before any route matched (unknown paths, bad bodies). */
export const UNROUTED = 'unrouted';

/**
 * Times every HTTP request by method, route template (`/api/connection/jobs/:jobId`, never the
 * raw URL, so ids stay out of the labels) and status code. Installed before the app's own
 * middleware, so it also sees requests refused by a body parser or a guard.
 */
export function installHttpMetrics(app: INestApplication): void {
  const duration = app.get(Metrics).histogram({
    name: 'tradematch_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'],
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const elapsed = startTimer();
    response.once('finish', () => {
      duration.observe(
        {
          method: request.method,
          route: routeTemplate(request),
          status_code: String(response.statusCode),
        },
        elapsed(),
      );
    });
    next();
  });
}

function routeTemplate(request: Request): string {
  const path: unknown = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNROUTED;
}
