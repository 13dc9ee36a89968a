import fc from 'fast-check';

/**
 * Random inputs for an API procedure, derived from the JSON Schema of its zod input: values that
 * fit the schema, values that almost fit (a string one past its maximum length, a number one
 * below its minimum), values of the wrong type, and keys that break naive object handling.
 */

/** The part of JSON Schema that `z.toJSONSchema` writes for Sluice's inputs. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** Options of {@link inputArbitrary}. */
export interface InputArbitraryOptions {
  /** Strings that name things that exist (flow and component ids), so that calls get past NOT_FOUND. */
  readonly knownStrings: readonly string[];
  /** Values for fields of a given name, used most of the time: `flowId` → the fixture's id. */
  readonly byField?: Readonly<Record<string, readonly string[]>>;
}

/** JSON values that are wrong almost anywhere. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    '',
    ' ',
    '\u0000',
    '../../etc/passwd',
    '__proto__',
    -1,
    0,
    1.5,
    -0.5,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', 'x');

/** Values that fit `schema`, as far as JSON Schema says. */
function fitting(
  schema: JsonSchema,
  options: InputArbitraryOptions,
  depth: number,
  field?: string,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) {
    return fc.oneof(...schema.anyOf.map((part) => fitting(part, options, depth, field)));
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => fitting({ ...schema, type }, options, depth, field)));
  }
  switch (types[0]) {
    case 'string':
      return fittingString(schema, options, field);
    case 'integer':
    case 'number': {
      const min = Math.max(schema.minimum ?? -1e6, -1e6);
      const max = Math.min(schema.maximum ?? 1e6, 1e6);
      const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      return types[0] === 'integer'
        ? fc.oneof(whole, fc.constantFrom(min, max).map(Math.ceil))
        : fc.oneof(whole, fc.double({ min, max, noNaN: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? any(schema.items, options, depth + 1, field) : hostile, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object':
      return fittingObject(schema, options, depth);
    default:
      return hostile;
  }
}

function fittingString(
  schema: JsonSchema,
  options: InputArbitraryOptions,
  field: string | undefined,
): fc.Arbitrary<string> {
  if (schema.pattern !== undefined && /0-9a-fA-F/.test(schema.pattern)) {
    // Commit hashes: a short one, a full-length one that no commit has, and a valid-looking word.
    return fc.constantFrom('abcd', 'deadbeef', '0123456789abcdef0123456789abcdef01234567');
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 16, 16);
  const usual = field === undefined ? undefined : options.byField?.[field];
  return fc.oneof(
    ...(usual ? [{ weight: 20, arbitrary: fc.constantFrom(...usual) }] : []),
    { weight: 3, arbitrary: fc.constantFrom(...options.knownStrings) },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, max) }) },
    fc.constantFrom('0 sec', '1 GB', '* * * * *', '#{p}', '${filename}', 'viewer', 'admin'),
  );
}

function fittingObject(
  schema: JsonSchema,
  options: InputArbitraryOptions,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 3) return fc.constant({});
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {}).map(([key, property]) =>
    // A required key is left out one time in thirty, an optional one half the time.
    fc
      .option(any(property, options, depth + 1, key), { freq: required.has(key) ? 30 : 2 })
      .map((value) => [key, value] as const),
  );
  const extra =
    typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          fc.oneof(hostileKey, fc.string({ maxLength: 8 })),
          any(schema.additionalProperties, options, depth + 1),
          { maxKeys: 3 },
        )
      : fc.constant({});
  return fc
    .tuple(fc.tuple(...entries), extra, fc.option(hostileKey, { freq: 8 }))
    .map(([pairs, additional, strayKey]) => {
      const value: Record<string, unknown> = {};
      // defineProperty, as JSON.parse does, so that a `__proto__` key is data and not a prototype.
      const set = (key: string, item: unknown) =>
        Object.defineProperty(value, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      for (const [key, item] of Object.entries(additional)) set(key, item);
      for (const [key, item] of pairs) if (item !== null) set(key, item);
      if (strayKey !== null) set(strayKey, 'stray');
      return value;
    });
}

/** Values just outside the schema's bounds. */
function almost(schema: JsonSchema): unknown[] {
  const near: unknown[] = [];
  if (schema.maxLength !== undefined && schema.maxLength < 100_000)
    near.push('x'.repeat(schema.maxLength + 1));
  if (schema.minLength !== undefined && schema.minLength > 0)
    near.push('x'.repeat(schema.minLength - 1));
  if (schema.minimum !== undefined) near.push(schema.minimum - 1);
  if (schema.maximum !== undefined) near.push(schema.maximum + 1);
  if (schema.maxItems !== undefined && schema.maxItems <= 10_000)
    near.push(new Array(schema.maxItems + 1).fill('x'));
  if (schema.minItems !== undefined && schema.minItems > 0) near.push([]);
  return near;
}

/** Mostly fitting values, sometimes almost fitting or hostile ones. */
function any(
  schema: JsonSchema,
  options: InputArbitraryOptions,
  depth: number,
  field?: string,
): fc.Arbitrary<unknown> {
  const near = almost(schema);
  // Mostly fitting, so that a case often breaks one field and reaches the handler with the rest.
  return fc.oneof(
    { weight: 28, arbitrary: fitting(schema, options, depth, field) },
    { weight: 1, arbitrary: hostile },
    ...(near.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...near) }] : []),
  );
}

/** Inputs for a procedure whose input has this JSON Schema; undefined when it takes none. */
export function inputArbitrary(
  schema: JsonSchema | undefined,
  options: InputArbitraryOptions,
): fc.Arbitrary<unknown> {
  if (schema === undefined) return fc.oneof(fc.constant(undefined), hostile);
  return fc.oneof(
    { weight: 19, arbitrary: fitting(schema, options, 0) },
    { weight: 1, arbitrary: hostile },
  );
}
