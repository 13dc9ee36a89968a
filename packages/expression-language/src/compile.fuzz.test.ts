import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../../../fuzz.shared.js';
import { compile } from './compile.js';
import { ExpressionError, describeLocation, type ExpressionErrorCode } from './errors.js';
import { listFunctions } from './function-docs.js';
import { anyText, expression, literalOf } from './test-support/arbitraries.js';
import { contextOf } from './test-support/evaluate.js';

// Fuzzing of the expression language (issue 8): compiling any text gives a template or an
// ExpressionError that says what is wrong and where; evaluating what compiles throws nothing
// else. fast-check prints the seed and path of a failure; FC_SEED=<seed> FC_PATH=<path>
// replays it.

const functionNames = listFunctions().map((fn) => fn.name);

/** Pieces of the language, and of near-misses of it, that random joining turns into templates. */
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...functionNames) },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '${',
      '}',
      ':',
      '(',
      ')',
      ',',
      '#{',
      '$',
      '$$',
      '$${',
      '##{',
      '#',
      "'",
      '"',
      "\\'",
      '\\"',
      '\\\\',
      '\\n',
      '\\u0041',
      '\\',
      ' ',
      '\n',
      'a',
      'b',
      'filename',
      "'a b'",
      '"x:y"',
      '0',
      '-1',
      '3.5',
      '1e3',
      '2147483647',
      '99999999999999999999',
      'true',
      'false',
      'null',
      "'yyyy-MM-dd HH:mm:ss.SSS Z'",
      "'(a+)+$'",
      "'['",
      "'$1'",
      "'$.a[*]'",
      "'UTC'",
      "'Mars/Base'",
      '😀',
      '\ud800',
      '\u0000',
    ),
  },
);
const soup = fc.array(token, { maxLength: 20 }).map((tokens) => tokens.join(''));

/** Well-formed calls nested in each other's arguments: `${a:equals(${b:toUpper()})}`. */
const nested = fc
  .tuple(
    fc.array(fc.constantFrom(...functionNames), { minLength: 1, maxLength: 4 }),
    fc.array(
      fc.oneof(
        anyText.map((text) => literalOf(text, "'", true)),
        soup,
      ),
      { maxLength: 4 },
    ),
  )
  .map(([names, args]) =>
    names.reduceRight(
      (inner, name, index) =>
        `\${${index % 2 === 0 ? 'a' : 'b'}:${name}(${[inner, ...args.slice(index, index + 1)].filter((x) => x !== '').join(', ')})}`,
      '',
    ),
  );

const template = fc.oneof(soup, nested, expression, anyText);

const EVALUATION_CODES: readonly ExpressionErrorCode[] = [
  'type-mismatch',
  'undefined-parameter',
  'evaluation',
  'invalid-argument',
];

/** The error names the fault and points inside the template. */
function expectLocated(error: unknown, text: string): asserts error is ExpressionError {
  if (!(error instanceof ExpressionError)) throw error;
  expect(error.template).toBe(text);
  expect(error.message.trim()).not.toBe('');
  expect(error.position).toBeGreaterThanOrEqual(0);
  expect(error.position).toBeLessThanOrEqual(text.length);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeGreaterThanOrEqual(1);
}

const attributes = fc.dictionary(
  fc.constantFrom('a', 'b', 'filename', 'x'),
  fc.oneof(
    anyText,
    fc.constantFrom(
      '',
      '0',
      '-1',
      '12',
      '3.5',
      '1e400',
      'true',
      '{"a":[1,2]}',
      '2024-01-15',
      'NaN',
    ),
  ),
);

describe('expression language fuzzing', () => {
  it(
    'compiles any text or refuses it with an ExpressionError at a place in it (10,000 cases)',
    () => {
      fc.assert(
        fc.property(template, (text) => {
          try {
            compile(text);
          } catch (error) {
            expectLocated(error, text);
            // Compile errors say where in words too, for a message shown without the template.
            if (!error.message.includes('(at ')) {
              expect(error.message).toContain(describeLocation(text, error.position));
            }
          }
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'evaluating what compiles throws nothing but a located ExpressionError (10,000 cases)',
    () => {
      fc.assert(
        fc.property(template, attributes, (text, values) => {
          let compiled;
          try {
            compiled = compile(text);
          } catch {
            return;
          }
          try {
            const result = compiled.evaluate(contextOf(values, { parameters: { p: 'v' } }));
            expect(typeof result).toBe('string');
          } catch (error) {
            expectLocated(error, text);
            expect(EVALUATION_CODES).toContain(error.code);
          }
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
