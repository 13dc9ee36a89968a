import type { ExpressionNode, TemplatePart } from './ast.js';
import { asExpressionError } from './call-site.js';
import { compileExpression, compileParameter, type CompileState } from './compile-expression.js';
import { toText } from './conversions.js';
import { ExpressionError } from './errors.js';
import type { EvaluationContext } from './evaluation-context.js';
import type { Evaluator } from './functions/function-def.js';
import { parse } from './parser.js';

/** A template parsed and compiled once, ready to evaluate per flowfile. */
export interface CompiledTemplate {
  /** The template text it was compiled from. */
  readonly source: string;
  /** True when it has no `${}` and no `#{}`: evaluate returns the text (with `$$` unescaped). */
  readonly isLiteral: boolean;
  /** Attributes it reads, in order of first use. */
  readonly attributeNames: readonly string[];
  /** Parameters it reads, in order of first use. */
  readonly parameterNames: readonly string[];
  /**
   * Computes the text for one flowfile. Missing attributes print as empty text.
   *
   * @throws ExpressionError when a function fails (such as `toNumber()` of `'abc'`) or a
   *   parameter is not defined, with the position of the failing call.
   */
  evaluate(ctx: EvaluationContext): string;
}

/**
 * Parses and compiles a property value into a tree of closures: no re-parsing, no `eval`, and
 * literal regexes and date patterns prepared once.
 *
 * @throws ExpressionError for syntax errors, unknown functions, wrong argument counts and
 *   literal arguments that can never work (bad regex, date pattern, time zone).
 */
export function compile(template: string): CompiledTemplate {
  const ast = parse(template);
  const state: CompileState = { template, attributes: new Set(), parameters: new Set() };
  const parts = ast.parts.map((part) => compilePart(part, state));
  const isLiteral = parts.every((part) => typeof part === 'string');
  return Object.freeze({
    source: template,
    isLiteral,
    attributeNames: Object.freeze([...state.attributes]),
    parameterNames: Object.freeze([...state.parameters]),
    evaluate: joinParts(parts),
  });
}

/** The first error of a template, or undefined when it compiles; for validating config forms. */
export function validate(template: string): ExpressionError | undefined {
  try {
    compile(template);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
}

const EXPRESSION_START = /(?:^|[^$])(?:\$\$)*\$\{|(?:^|[^#])(?:##)*#\{/;

/**
 * Whether text holds an expression or parameter reference (an unescaped `${` or `#{`), without
 * checking that it is well formed; for telling templates from plain values cheaply.
 */
export function containsExpression(text: string): boolean {
  return EXPRESSION_START.test(text);
}

function compilePart(part: TemplatePart, state: CompileState): string | Evaluator<string> {
  switch (part.kind) {
    case 'literal':
      return part.text;
    case 'parameter':
      return compileParameter(part, state);
    case 'expression':
      return compileOutput(part, state);
    default: {
      const unreachable: never = part;
      return unreachable;
    }
  }
}

/** An expression's value as the text it contributes to the template. */
function compileOutput(node: ExpressionNode, state: CompileState): Evaluator<string> {
  if (node.subject.kind === 'attribute' && node.calls.length === 0) {
    // The most common template, `${filename}`, reads one attribute and nothing else.
    const { name } = node.subject;
    state.attributes.add(name);
    return (ctx) => ctx.attribute(name) ?? '';
  }
  const evaluate = compileExpression(node, state);
  const site = {
    fn: 'expression',
    template: state.template,
    position: node.start,
    atCompile: false,
  };
  return (ctx) => {
    const value = evaluate(ctx);
    if (typeof value === 'string') return value;
    try {
      return toText(value, ctx);
    } catch (error) {
      throw asExpressionError(error, site);
    }
  };
}

function joinParts(
  parts: readonly (string | Evaluator<string>)[],
): (ctx: EvaluationContext) => string {
  const [only, ...rest] = parts;
  if (only === undefined) return () => '';
  if (rest.length === 0) return typeof only === 'string' ? () => only : only;
  if (parts.every((part) => typeof part === 'string')) {
    const text = parts.join('');
    return () => text;
  }
  return (ctx) => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : part(ctx);
    return out;
  };
}
