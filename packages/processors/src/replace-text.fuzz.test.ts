import { TestRunner, type FlowFile } from '@sluice/engine';
import {
  compile,
  containsExpression,
  javaRegexProblem,
  RegexSyntaxError,
} from '@sluice/expression-language';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from '../../../fuzz.shared.js';
import { REPLACE_TEXT_FAILURE_ATTRIBUTE, ReplaceText } from './replace-text.js';
import { ReplaceTextFailure, ReplaceTextPlan } from './text/replace-text-plan.js';

// Fuzzing of ReplaceText's Search Value (issue 8): a pattern is refused at validation with a
// message naming 'Search Value' and the problem, or it runs, sending each flowfile to success or
// to failure with a reason; nothing else is thrown. Contents stay short (at most 12 characters)
// because JavaScript regexes backtrack with no limit: `(a+)+$` over 28 a's and a b blocks the
// event loop for about 19 s (see the report of issue 8; ReplaceText has no guard against it).
// fast-check prints the seed and path of a failure; FC_SEED=<seed> FC_PATH=<path> replays it.

/** Java regex syntax, well and badly formed, built from a small grammar. */
const { pattern } = fc.letrec<{ pattern: string; atom: string; piece: string }>((tie) => ({
  atom: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('a', 'b', 'é', '한', '😀', ' ', '"', '.', '-', '/') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '\\d',
        '\\w',
        '\\s',
        '\\S',
        '\\b',
        '\\B',
        '\\A',
        '\\z',
        '\\Z',
        '\\G',
        '\\Q.*\\E',
        '\\n',
        '\\t',
        '\\x41',
        '\\u00e9',
        '\\x{1F600}',
        '\\0101',
        '\\p{L}',
        '\\p{Alpha}',
        '\\p{IsLatin}',
        '\\p{javaLowerCase}',
        '\\P{N}',
        '\\h',
        '\\R',
        '\\X',
        '\\1',
        '\\2',
        '\\k<g>',
        '\\$',
        '\\\\',
        '[abc]',
        '[^a-z]',
        '[a-]',
        '[]a]',
        '[[a]&&[b]]',
        '[\\d\\s]',
        '[z-a]',
        '[',
        ']',
        '^',
        '$',
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            '(',
            '(?:',
            '(?<g>',
            '(?=',
            '(?!',
            '(?<=',
            '(?<!',
            '(?>',
            '(?i:',
            '(?-s:',
          ),
          fc.array(tie('piece'), { maxLength: 3 }),
          fc.constantFrom(')', ')', ')', '|)', ''),
        )
        .map(([open, body, close]) => open + body.join('') + close),
    },
    // Anything at all, to reach the translator's error paths.
    { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
  ),
  piece: fc
    .tuple(
      tie('atom'),
      fc.constantFrom(
        '',
        '',
        '',
        '*',
        '+',
        '?',
        '*?',
        '+?',
        '??',
        '*+',
        '++',
        '{2}',
        '{1,3}',
        '{2,}',
        '{3,1}',
        '{',
        '{,2}',
        '{99999999999}',
      ),
    )
    .map(([atom, quantifier]) => atom + quantifier),
  pattern: fc
    .tuple(
      fc.constantFrom('', '', '(?s)', '(?i)', '(?m)', '(?x)', '(?u)', '(?d)', '(?is)', '(?q)'),
      fc.array(tie('piece'), { maxLength: 5 }),
      fc.constantFrom('', '', '|', '|a', ')'),
    )
    .map(([flags, pieces, tail]) => flags + pieces.join('') + tail),
}));

/** Short content, so that a backtracking pattern cannot run for long. */
const content = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'a', 'b', ' ', '\n', '\r\n', '"', 'é', '😀', '\ud800', '$', '{'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const replacement = fc.constantFrom(
  '',
  '$1',
  '$0',
  '$2',
  '\\$1',
  '${g}',
  'x',
  "${'$1':toUpper()}",
  "${'$1':escapeJson()}",
  '${filename}',
  '${missing:toNumber():plus(1)}',
  '$',
  '\\',
);

/** Replacement Values including a malformed expression, which validation refuses. */
const anyReplacement = fc.oneof(replacement, fc.constantFrom('${', '${a:nope()}'));

/** A flowfile without content, as ReplaceText's plan sees one. */
function flowFileWith(attributes: Record<string, string>): FlowFile {
  return {
    id: 'ff',
    attributes,
    claim: null,
    size: 0,
    entryDate: 0,
    lineageStartDate: 0,
    penalizedUntil: 0,
  };
}

/** ReplaceText's plan for a Regex Replace, as `onScheduled` makes it. */
function newPlan(searchValue: string, replacementValue: string): ReplaceTextPlan {
  return new ReplaceTextPlan(
    {
      strategy: 'Regex Replace',
      searchValue,
      replacementValue,
      prependText: '',
      appendText: '',
    },
    (template, flowFile) =>
      // Every parameter is defined: an undefined one is refused before the processor starts.
      compile(template).evaluate({
        attribute: (name) => flowFile?.attributes[name],
        parameter: () => 'p',
      }),
  );
}

/** The processor's own validation of a Search Value, as the engine runs it. */
function validateSearch(searchValue: string) {
  const raw: Record<string, string> = { searchValue, replacementStrategy: 'Regex Replace' };
  return (
    ReplaceText.validate?.({
      raw: (key: string) => raw[key],
      hasExpression: (key: string) => containsExpression(raw[key] ?? ''),
      dynamicPropertyNames: [],
    } as never) ?? []
  );
}

const runners: TestRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

describe('ReplaceText Search Value fuzzing', () => {
  it(
    'refuses a bad pattern naming Search Value, or replaces with it without throwing (10,000 cases)',
    () => {
      fc.assert(
        fc.property(pattern, content, replacement, (search, text, replacementValue) => {
          const issues = validateSearch(search);
          const problem = javaRegexProblem(search);
          if (problem !== undefined && !containsExpression(search) && search !== '.*') {
            // What and where: the property, and the translator's reason with its column.
            expect(issues).toEqual([
              { property: 'searchValue', message: `'Search Value': ${problem}` },
            ]);
            expect(problem).toMatch(/\S/);
            return;
          }
          expect(issues).toEqual([]);
          // A Search Value with a malformed expression is refused by the property's own check
          // (expression language), before the processor's; `\\${2,}` reads as one to NiFi too.
          if (containsExpression(search)) {
            try {
              compile(search);
            } catch {
              return;
            }
          }
          // A pattern that validates compiles when the processor starts, and each text either
          // changes or goes to failure with a reason.
          let plan: ReplaceTextPlan;
          try {
            plan = newPlan(search, replacementValue);
          } catch (error) {
            // A parameter can make the pattern invalid; validation cannot see its value, so the
            // processor refuses to start, with the pattern and the problem.
            if (!(error instanceof RegexSyntaxError) || !search.includes('#{')) throw error;
            expect(error.message).toMatch(
              /^'.*' (is not a valid regular expression|cannot be used): \S/s,
            );
            return;
          }
          try {
            const changed = plan.changeFor(flowFileWith({ filename: 'a.txt' }))(text);
            expect(changed === undefined || typeof changed === 'string').toBe(true);
          } catch (error) {
            if (!(error instanceof ReplaceTextFailure)) throw error;
            expect(error.message).toMatch(/^'(Search|Replacement) Value'/);
          }
        }),
        fuzzParameters(),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  // A TestRunner is a whole engine on disk (tens of milliseconds), so the end-to-end check runs
  // fewer cases than the plan-level one above, which exercises the same code per flowfile.
  it(
    'through the test runner: invalid, or every flowfile to success or failure with a reason (60 cases)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          pattern,
          content,
          anyReplacement,
          async (search, text, replacementValue) => {
            const runner = await TestRunner.create(ReplaceText, {
              properties: { searchValue: search, replacementValue },
            });
            runners.push(runner);
            const errors = runner.validationErrors();
            const problem = javaRegexProblem(search);
            if (errors.length > 0) {
              // Each refusal names its property; a bad pattern's names Search Value and the problem.
              for (const error of errors)
                expect(error).toMatch(/^(searchValue|replacementValue): /);
              // The processor's own check runs once every property is valid on its own.
              const replacementRefused = errors.some((error) =>
                error.startsWith('replacementValue'),
              );
              if (problem !== undefined && search !== '.*' && !containsExpression(search)) {
                if (!replacementRefused)
                  expect(errors).toContain(`searchValue: 'Search Value': ${problem}`);
              }
              return;
            }
            expect(problem === undefined || search === '.*' || containsExpression(search)).toBe(
              true,
            );
            await runner.enqueue(text, { filename: 'a.txt' });
            await runner.run();
            const succeeded = await runner.flowFiles('success');
            const failed = await runner.flowFiles('failure');
            expect(succeeded.length + failed.length).toBe(1);
            for (const flowFile of failed) {
              expect(flowFile.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(/\S/);
            }
            await runner.close();
            runners.splice(runners.indexOf(runner), 1);
          },
        ),
        fuzzParameters(60),
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
