import 'reflect-metadata';
import { DomainError } from '#contracts';
import {
  EventOutbox,
  loadPlatformConfig,
  migrateSchema,
  ormOptions,
  systemClock,
  validateInput,
} from '#platform';
import { MikroORM } from '@mikro-orm/postgresql';
import { OmitType } from '@nestjs/swagger';
import { parseArgs } from 'node:util';
import { GATEWAY } from '../gateway.definition.js';
import { RegisterRequest } from './dto/register.request.js';
import { hashPassword } from './password-hasher.js';
import { UsersRepository } from './users.repository.js';

class CreateAdminRequest extends OmitType(RegisterRequest, ['role'] as const) {}

const USAGE =
  'usage: ADMIN_PASSWORD=... npm run admin:create -- --email <email> --name <name> --phone <UK phone>\n' +
  'The password comes from the environment so that it stays out of shell history and `ps`.';

/** The only way to create an admin account: an operator runs this against the gateway's database. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' } },
  });
  let request: CreateAdminRequest;
  try {
    request = validateInput(CreateAdminRequest, {
      ...values,
      password: process.env.ADMIN_PASSWORD,
    });
  } catch (error) {
    console.error(
      `${USAGE}\n\n${JSON.stringify(error instanceof DomainError ? error.details : error, null, 2)}`,
    );
    process.exitCode = 2;
    return;
  }
  const config = loadPlatformConfig('gateway');
  const orm = await MikroORM.init(ormOptions(config, GATEWAY.persistence));
  try {
    await migrateSchema(orm, config.databaseUrl, GATEWAY.persistence.schema);
    // The running gateway's relay publishes its USER_REGISTERED.
    const users = new UsersRepository(orm.em.fork(), new EventOutbox(config, systemClock));
    const admin = await users.add(
      { ...request, passwordHash: await hashPassword(request.password), role: 'admin' },
      systemClock.now(),
    );
    console.error(`admin ${admin.email} created with id ${admin.id}`);
  } catch (error) {
    console.error(error instanceof DomainError ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await orm.close();
  }
}

await main();
