import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../../../fuzz.shared.js';
import { canonicalizeFlowDocument } from './canonical.js';
import { FlowValidationError } from './errors.js';
import { parseFlowDocument } from './parse.js';
import { serializeFlowDocument } from './serialize.js';
import {
  mutatedDocumentArbitrary,
  mutatedText,
  parseJsonPath,
  related,
  valueAt,
  type Json,
  type JsonMutation,
} from './test-support/json-mutations.js';

// Fuzzing of flow import (issue 8): whatever the text, parsing gives a document or a
// FlowValidationError whose every issue says what is wrong and where. fast-check prints the
// seed and path of a failure; FC_SEED=<seed> FC_PATH=<path> replays it.

const examplesDir = path.resolve(import.meta.dirname, '../../../examples');
const exampleTexts = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => readFileSync(path.join(examplesDir, name), 'utf8'));
// Structural mutations use the two smallest examples: validating a flow costs about a millisecond
// per 5 KB here, and 10,000 cases of the 20 KB ones take longer than the damage is worth.
const examples = ['local-demo.json', 'seed-004-sftp-kafka-hdfs-es.json'].map(
  (name) => JSON.parse(readFileSync(path.join(examplesDir, name), 'utf8')) as Json,
);

/** Parses, returning the document or the error; anything but a FlowValidationError is thrown. */
function attempt(input: unknown) {
  try {
    return { ok: true as const, document: parseFlowDocument(input) };
  } catch (error) {
    if (error instanceof FlowValidationError) return { ok: false as const, error };
    throw error;
  }
}

/** Every issue has a message and a well-formed path that the error's own message repeats. */
function expectWellFormedIssues(error: FlowValidationError): void {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(issue.message.trim()).not.toBe('');
    expect(parseJsonPath(issue.path), `path ${issue.path}`).toBeDefined();
    expect(error.message).toContain(`${issue.path}: ${issue.message}`);
  }
}

/** A JSON syntax issue gives a line and column that exist in the text. */
function expectLocatedSyntaxIssue(error: FlowValidationError, text: string): void {
  const syntax = error.issues.find((issue) => issue.message.startsWith('invalid JSON'));
  if (syntax === undefined) return;
  expect(syntax.path).toBe('$');
  const where = /^invalid JSON at line (\d+), column (\d+): \S/.exec(syntax.message);
  expect(where, syntax.message).not.toBeNull();
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  const line = Number(where?.[1]);
  expect(line).toBeLessThanOrEqual(lines.length);
  expect(Number(where?.[2])).toBeLessThanOrEqual((lines[line - 1] ?? '').length + 1);
}

/** A parsed document survives writing and reading back unchanged. */
function expectRoundTrip(document: ReturnType<typeof parseFlowDocument>): void {
  expect(parseFlowDocument(serializeFlowDocument(document))).toEqual(
    canonicalizeFlowDocument(document),
  );
}

/** Issues from cross-references, which may sit far from the change that broke the reference. */
const REFERENCE_ISSUE = /^duplicate id |refers to unknown /;

/** Text edits that break JSON in the ways hand edits and bad transfers do. */
const garbage = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\\u12',
  'null',
  '1e999',
  '-',
  '\u0000',
  '\n',
  '\uFEFF',
  '"__proto__":{"polluted":true},',
  '"constructor":{"prototype":{}},',
  '😀',
  '\ud800',
  '[[[[[[[[',
);

const garbledExample = fc
  .tuple(
    fc.nat({ max: exampleTexts.length - 1 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('truncate', 'delete', 'insert'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat({ max: 40 }),
        garbage,
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([index, edits]) => {
    let text = exampleTexts[index] ?? '';
    for (const [kind, where, length, inserted] of edits) {
      const at = Math.floor(where * text.length);
      if (kind === 'truncate') text = text.slice(0, at);
      else if (kind === 'delete') text = text.slice(0, at) + text.slice(at + length + 1);
      else text = text.slice(0, at) + inserted + text.slice(at);
    }
    return text;
  });

/** Text of every kind: random JSON, JSON-ish noise and damaged example flows. */
const anyText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: fc.oneof(garbage, fc.string({ maxLength: 1 })), maxLength: 30 }),
  garbledExample,
);

const mutatedExample = fc
  .nat({ max: examples.length - 1 })
  .chain((index) => mutatedDocumentArbitrary(examples[index] ?? null));

describe('parseFlowDocument fuzzing', () => {
  it(
    'any text gives a document or a FlowValidationError locating each issue (10,000 cases)',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const result = attempt(text);
          if (result.ok) {
            expectRoundTrip(result.document);
          } else {
            expectWellFormedIssues(result.error);
            expectLocatedSyntaxIssue(result.error, text);
          }
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a mutated example flow is refused at the places changed, or round-trips (10,000 cases)',
    () => {
      fc.assert(
        fc.property(mutatedExample, fc.boolean(), (mutated, asText) => {
          const text = mutatedText(mutated);
          // JSON.parse, like an import, makes `__proto__` an own key rather than the prototype.
          const value: unknown = JSON.parse(text);
          const result = attempt(asText ? text : value);
          if (result.ok) {
            expectRoundTrip(result.document);
            return;
          }
          expectWellFormedIssues(result.error);
          for (const issue of result.error.issues) {
            const segments = parseJsonPath(issue.path) ?? [];
            // Where: the issue's place, or the object that lacks it, exists in the input.
            if (segments.length > 0) {
              expect(valueAt(value, segments.slice(0, -1)), issue.path).not.toBeUndefined();
            }
            if (REFERENCE_ISSUE.test(issue.message)) continue;
            // The issue is at, inside or beside a changed place, not somewhere unrelated.
            const near = (mutation: JsonMutation) => related(segments, mutation.path.slice(0, -1));
            expect(mutated.mutations.some(near), `${issue.path}: ${issue.message}`).toBe(true);
          }
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('parseFlowDocument on deep nesting', () => {
  it.each([10_000, 200_000])(
    'refuses %i nested arrays as the document or as a value, without a stack overflow',
    (depth) => {
      // Given arrays nested far deeper than any call stack, alone and inside a flow
      const deep = '['.repeat(depth) + ']'.repeat(depth);
      const inProperties = `{"schemaVersion":1,"flow":{"id":"f","name":"n","processors":[{"id":"p","type":"T","name":"p","position":{"x":0,"y":0},"properties":{"k":${deep}}}]}}`;
      const inUnknownKey = `{"schemaVersion":1,"flow":{"id":"f","name":"n","extra":${deep}}}`;

      // When each is parsed, as text and as a parsed value
      const inputs = [deep, inProperties, inUnknownKey].flatMap((text) => [text, JSON.parse(text)]);

      // Then each is refused with an issue at the place of the nesting
      const paths = inputs.map((input) => {
        const result = attempt(input);
        expect(result.ok).toBe(false);
        return result.ok ? [] : result.error.issues.map((issue) => issue.path);
      });
      expect(paths).toEqual([
        ['$'],
        ['$'],
        ['flow.processors[0].properties.k'],
        ['flow.processors[0].properties.k'],
        ['flow.extra'],
        ['flow.extra'],
      ]);
    },
  );

  it('locates an unclosed 200,000-deep array at the end of the text', () => {
    // Given 200,000 opening brackets and nothing else
    const text = '['.repeat(200_000);

    // When it is parsed
    const result = attempt(text);

    // Then the syntax error is at the end of the only line
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.issues).toEqual([
      {
        path: '$',
        message:
          "invalid JSON at line 1, column 200001: unexpected end of input, expected a value or ']'",
      },
    ]);
  });
});
