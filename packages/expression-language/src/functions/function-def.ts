import type { ArgumentNode } from '../ast.js';
import type { CallSite } from '../call-site.js';
import type { EvaluationContext } from '../evaluation-context.js';
import type { Value } from '../values.js';

/** A compiled piece of an expression: computes a value for one evaluation context. */
export type Evaluator<T = Value> = (ctx: EvaluationContext) => T;

/** A function argument, compiled. */
export interface CompiledArgument {
  readonly node: ArgumentNode;
  readonly evaluate: Evaluator;
  /** Set when the argument is a literal, so a function can check and prepare it once. */
  readonly constant: { readonly value: Value } | undefined;
}

/** What a function gets when an expression using it is compiled. */
export interface BuildRequest {
  /** The value the function is applied to; yields null for a subjectless function. */
  readonly subject: Evaluator;
  /** Arguments, already checked against the function's arity. */
  readonly args: readonly CompiledArgument[];
  /** The call, for evaluation errors. */
  readonly site: CallSite;
}

/**
 * An expression-language function: its name, arity and documentation, and how to build the
 * evaluator of one call. Literal arguments are prepared in `build` (a regex compiled, a date
 * pattern split) so per-flowfile evaluation does no parsing.
 */
export interface FunctionDef {
  readonly name: string;
  /** True for `${subject:fn()}` functions, false for subjectless ones such as `now()`. */
  readonly takesSubject: boolean;
  readonly minArgs: number;
  /** `Infinity` for variadic functions such as `in`. */
  readonly maxArgs: number;
  /** How it is called, for messages and docs: `substring(start[, end])`. */
  readonly signature: string;
  /** One sentence on what it returns. */
  readonly description: string;
  build(request: BuildRequest): Evaluator;
}
