import { DomainError } from '#contracts';
import {
  CheckConstraintViolationException,
  DriverException,
  UniqueConstraintViolationException,
} from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { BusErrorFilter } from './bus-error.filter.js';

function databaseError(Type: typeof DriverException, code: string): DriverException {
  return new Type(Object.assign(new Error(`database refused it (${code})`), { code }));
}

describe('BusErrorFilter', () => {
  const logged: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }),
  };
  const filter = new BusErrorFilter(logger as unknown as Logger);
  const answer = (exception: unknown) => lastValueFrom(filter.catch(exception)).catch((e) => e);

  beforeEach(() => logged.splice(0));

  it('sends a DomainError back as it is, without logging it', async () => {
    const error = new DomainError('JOB_NOT_FOUND', 404, 'Job not found');
    expect(await answer(error)).toEqual(error.toPayload());
    expect(logged).toEqual([]);
  });

  it.each([
    ['a CHECK constraint', CheckConstraintViolationException, '23514'],
    ['a value out of range', DriverException, '22003'],
    ['text the uuid type refuses', DriverException, '22P02'],
    ['NUL in text', DriverException, '22021'],
  ])(
    'answers %s as 400 VALIDATION_FAILED and logs it as a validation bug',
    async (_n, Type, code) => {
      expect(await answer(databaseError(Type, code))).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
      });
      expect(logged).toEqual([
        {
          fields: expect.objectContaining({ sql_state: code }),
          message: expect.stringContaining('validation bug'),
        },
      ]);
    },
  );

  it('answers any other failure, a unique violation included, as a bare 500', async () => {
    expect(await answer(databaseError(UniqueConstraintViolationException, '23505'))).toEqual({
      code: 'INTERNAL_ERROR',
      status: 500,
      message: 'Internal error',
    });
    expect(await answer(new Error('boom'))).toMatchObject({ status: 500 });
  });
});
