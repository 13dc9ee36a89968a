import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { ExpressionError } from './errors.js';
import { anyText, expression, grammarSoup, literalOf } from './test-support/arbitraries.js';
import { contextOf, evaluate } from './test-support/evaluate.js';

describe('properties', () => {
  it('text without ${ or #{ is a literal that evaluates to itself', () => {
    fc.assert(
      fc.property(
        anyText.filter((text) => !/[$#]\{/.test(text)),
        (text) => {
          const template = compile(text);
          expect(template.isLiteral).toBe(true);
          expect(template.evaluate(contextOf())).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('${a:append(x)} is a followed by x for any strings', () => {
    fc.assert(
      fc.property(
        anyText,
        anyText,
        fc.constantFrom("'", '"'),
        fc.boolean(),
        (a, x, quote, escapeControls) => {
          const template = `\${a:append(${literalOf(x, quote, escapeControls)})}`;
          expect(evaluate(template, { a })).toBe(a + x);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('escapeJson output inside quotes parses back to the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = evaluate('${body:escapeJson()}', { body: text });
        expect(JSON.parse(`"${escaped}"`)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('compiling arbitrary input throws nothing but ExpressionError', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, grammarSoup), (text) => {
        try {
          compile(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('evaluating whatever compiles throws nothing but ExpressionError', () => {
    fc.assert(
      fc.property(fc.oneof(expression, grammarSoup), anyText, (text, value) => {
        let template;
        try {
          template = compile(text);
        } catch {
          return;
        }
        try {
          template.evaluate({ ...contextOf(), attribute: () => value });
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
