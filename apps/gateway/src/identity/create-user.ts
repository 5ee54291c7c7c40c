import { DomainError, ErrorCode } from '#contracts';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { User, type NewUser } from './user.entity.js';

/** The one way accounts are created: by registration, and by the operator CLI for admins. */
export async function createUser(em: EntityManager, input: NewUser): Promise<User> {
  const user = User.create(input);
  try {
    await em.persist(user).flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new DomainError(
        ErrorCode.EMAIL_TAKEN,
        409,
        'An account with this email already exists',
      );
    }
    throw error;
  }
  return user;
}
