import { DomainError, NoData } from '#contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';

/** The validation rules of every input, on the HTTP edge and on the bus alike. */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
};

export function validationError(errors: ValidationError[]): DomainError {
  const fields = flatten(errors);
  return DomainError.validation('The request is not valid', { fields });
}

/** Validates bus command data against its contract class; unknown fields are refused. */
export function validateInput<T extends object>(type: ClassConstructor<T>, data: unknown): T {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw DomainError.validation('The request must be a JSON object');
  }
  if (type === NoData) {
    const fields = Object.keys(data);
    if (fields.length > 0) {
      throw DomainError.validation('The request takes no data', {
        fields: fields.map((field) => ({ field, errors: [`property ${field} should not exist`] })),
      });
    }
    return new type();
  }
  const instance = plainToInstance(type, data);
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationError(errors);
  return instance;
}

function flatten(errors: ValidationError[], parent = ''): { field: string; errors: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
