import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000100Identity extends Migration {
  override up(): void {
    this.addSql(`
      create table "user" (
        id uuid primary key,
        email text not null unique check (email = lower(email)),
        password_hash text not null,
        name text not null,
        phone text not null,
        role text not null check (role in ('customer', 'vendor', 'admin')),
        created_at timestamptz not null
      );`);
    this.addSql(`
      create table refresh_token (
        id uuid primary key,
        family_id uuid not null,
        user_id uuid not null references "user" (id),
        secret_hash text not null,
        expires_at timestamptz not null,
        created_at timestamptz not null,
        used_at timestamptz null,
        revoked_at timestamptz null
      );`);
    this.addSql(`create index refresh_token_family_id_index on refresh_token (family_id);`);
  }
}
