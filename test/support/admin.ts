import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { api } from './http-client.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** An admin made the only way there is, the operator CLI from dist/, and signed in. */
export async function createAdmin(baseUrl: string): Promise<{ token: string }> {
  const email = `admin-${randomUUID()}@example.com`;
  const password = 'an admin passphrase';
  const cli = path.join(ROOT, 'dist/apps/gateway/src/identity/create-admin.cli.js');
  const created = spawnSync(
    process.execPath,
    [cli, '--email', email, '--name', 'Ops', '--phone', '07911 123456'],
    { env: { ...process.env, ADMIN_PASSWORD: password }, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`admin:create failed: ${created.stderr}`);
  const login = await api(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
  return { token: login.body.access_token };
}
