import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';

export const STREAM_DEMO_PATH = '/stream-demo';

/** The demo's files, as `npm run build` copies them next to this module. */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/stream-demo.js': { file: 'stream-demo.js', type: 'text/javascript; charset=utf-8' },
  '/stream-demo.css': { file: 'stream-demo.css', type: 'text/css; charset=utf-8' },
};

/**
 * `/stream-demo`: a page that signs in, opens the caller's stream with a ticket and shows its
 * events, for dashboard authors to read (plain HTML, one script, no build step). Its files are
 * read once, at startup; it is middleware, not an API route, so the API document leaves it out.
 */
export function useStreamDemo(app: NestExpressApplication): void {
  const contents = Object.fromEntries(
    Object.entries(FILES).map(([path, { file, type }]) => [
      path,
      { body: readFileSync(new URL(`./demo/${file}`, import.meta.url)), type },
    ]),
  );
  app.use(STREAM_DEMO_PATH, (request: Request, response: Response, next: NextFunction) => {
    const found = contents[request.path];
    if (!found || (request.method !== 'GET' && request.method !== 'HEAD')) {
      next();
      return;
    }
    response.setHeader('content-type', found.type);
    response.setHeader('cache-control', 'no-cache');
    response.end(request.method === 'HEAD' ? undefined : found.body);
  });
}
