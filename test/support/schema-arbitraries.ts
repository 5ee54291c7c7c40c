import fc from 'fast-check';

type Schema = Record<string, any>;

/** Values that broke or could break a validator, a cast or a column. */
const NASTY_VALUES: unknown[] = [
  null,
  '',
  '   ',
  '\u0000',
  'Fix\u0000tap',
  '\u0007bell',
  '\uD800',
  'ab\uDFFFcd',
  'a\uFE0F'.repeat(100),
  'a\uFE0F'.repeat(3000),
  '🔧'.repeat(121),
  'x'.repeat(6000),
  '  ab  ',
  '0',
  '-1',
  '1e-7',
  '9999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  `${'-'.repeat(36)}.x`,
  "'; drop table job; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  0,
  -1,
  1e-7,
  0.005,
  12.345,
  1e21,
  1e19,
  Number.MAX_SAFE_INTEGER + 2,
  2147483648,
  -0.01,
  true,
  false,
  [],
  [null],
  {},
  { $gt: '' },
  JSON.parse('{"__proto__": {"role": "admin"}}'),
];

export const nastyValue = (): fc.Arbitrary<unknown> => fc.constantFrom(...NASTY_VALUES);

/** Any JSON value, strings from every code point, lone surrogates included. */
export const anyJson = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { depthSize: 'small' },
    nastyValue(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
    }),
    fc.double({ noNaN: true }),
    fc.integer(),
    fc.json().map((text) => JSON.parse(text) as unknown),
  );

/**
 * Arbitraries from an OpenAPI document's schemas: `valid` follows the schema (examples, enums,
 * lengths and ranges), `invalid` breaks it one way or another.
 */
export class SchemaArbitraries {
  constructor(private readonly components: Record<string, Schema>) {}

  private resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.components[String(schema.$ref).split('/').pop()!]);
    if (schema.allOf?.length === 1) return this.resolve(schema.allOf[0]);
    return schema;
  }

  valid(input: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    // Mostly the documented example, so that valid requests get past validation often.
    const example =
      schema.example !== undefined ? [{ arbitrary: fc.constant(schema.example), weight: 4 }] : [];
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return fc.oneof(
          ...example,
          fc.string({
            minLength: schema.minLength ?? 0,
            maxLength: Math.min(schema.maxLength ?? 40, 60),
            unit: 'grapheme',
          }),
        );
      case 'integer':
        return fc.oneof(
          ...example,
          fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 }),
        );
      case 'number':
        return fc.oneof(
          ...example,
          fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 10_000 }),
          fc.integer({ min: 0, max: 1_000_000 }).map((pence) => pence / 100),
        );
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = schema.items?.enum
          ? fc.uniqueArray(fc.constantFrom(...schema.items.enum), { minLength: 1, maxLength: 3 })
          : fc.array(this.valid(schema.items ?? {}, depth + 1), { minLength: 1, maxLength: 3 });
        return fc.oneof(...example, items);
      }
      default:
        if (!schema.properties || depth > 3) return fc.constant({});
        return fc.record(
          Object.fromEntries(
            Object.entries(schema.properties as Record<string, Schema>).map(([name, property]) => [
              name,
              this.valid(property, depth + 1),
            ]),
          ),
          { requiredKeys: schema.required ?? [] },
        );
    }
  }

  /** A value of the schema with one thing wrong: a field, a missing one, an extra one, or all. */
  invalid(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const properties = Object.keys(schema.properties ?? {});
    const broken: fc.Arbitrary<unknown>[] = [anyJson()];
    if (properties.length > 0) {
      const base = this.valid(schema) as fc.Arbitrary<Record<string, unknown>>;
      broken.push(
        fc
          .tuple(base, fc.constantFrom(...properties), fc.oneof(nastyValue(), anyJson()))
          .map(([value, name, replacement]) => ({ ...value, [name]: replacement })),
        fc.tuple(base, fc.constantFrom(...properties)).map(([value, name]) => {
          const copy = { ...value };
          delete copy[name];
          return copy;
        }),
        fc
          .tuple(base, fc.string({ minLength: 1, maxLength: 12 }), anyJson())
          .map(([value, name, extra]) => ({ ...value, [name]: extra })),
      );
    }
    return fc.oneof(...broken);
  }
}
