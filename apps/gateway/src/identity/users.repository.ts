import { DomainError, IdentityErrors } from '#contracts';
import { EventOutbox } from '#platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { normaliseEmail, User, type NewUser } from './user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * The one way accounts are created: by registration, and by the operator CLI for admins. The
   * account and its USER_REGISTERED (how notifications learn who to address) commit together.
   */
  async add(input: NewUser, now: Date): Promise<User> {
    const user = User.create(input, now);
    this.outbox.record(
      this.em,
      {
        type: 'USER_REGISTERED',
        actor: { id: user.id, role: user.role },
        subjectId: user.id,
        jobId: null,
        payload: { user_id: user.id, role: user.role, name: user.name, email: user.email },
      },
      now,
    );
    try {
      await this.em.persist(user).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError(
          IdentityErrors.EMAIL_TAKEN,
          409,
          'An account with this email already exists',
        );
      }
      throw error;
    }
    return user;
  }

  /** Whatever the spelling the user typed: addresses are stored lower-cased. */
  findByEmail(email: string): Promise<User | null> {
    return this.em.findOne(User, { email: normaliseEmail(email) });
  }

  findById(id: string): Promise<User | null> {
    return this.em.findOne(User, { id });
  }
}
