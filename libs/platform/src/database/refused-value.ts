import { DomainError } from '#contracts';
import { DriverException } from '@mikro-orm/postgresql';
import pg from 'pg';

/**
 * The database refused a value: SQLSTATE class 22 (data exception: out of range, invalid text
 * representation, NUL in text, ...) or 23514 (a CHECK constraint). The request classes are meant
 * to refuse such input first, so reaching this is a validation bug: it is answered as the 400 it
 * should have been, and logged so that someone fixes the request class.
 */
export function refusedValue(error: unknown): { sqlState: string; answer: DomainError } | null {
  if (!(error instanceof DriverException || error instanceof pg.DatabaseError)) return null;
  const sqlState = error.code ?? '';
  if (!sqlState.startsWith('22') && sqlState !== '23514') return null;
  return { sqlState, answer: DomainError.validation('The request is not valid') };
}

export const REFUSED_VALUE_LOG_MESSAGE =
  'the database refused a value that validation let through: a validation bug, answered 400';
