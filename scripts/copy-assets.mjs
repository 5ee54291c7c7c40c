/**
 * Part of `npm run build`: tsc emits JavaScript only, so the apps' other source files (the
 * gateway's /stream-demo page: HTML, CSS and its browser script) are copied to the same place
 * under dist/, where the built app reads them.
 */
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

const entries = await readdir(path.join(ROOT, 'apps'), { recursive: true, withFileTypes: true });
const assets = entries
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
  .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
  .filter((file) => file.split(path.sep).includes('src'));
await Promise.all(
  assets.map((file) => cp(path.join(ROOT, file), path.join(ROOT, 'dist', file), { force: true })),
);
