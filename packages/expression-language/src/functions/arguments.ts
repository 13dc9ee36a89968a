import type { CallSite } from '../call-site.js';
import { toInteger, toNumeric, toText, toTextOrNull } from '../conversions.js';
import type { EvaluationContext } from '../evaluation-context.js';
import type { Numeric, Value } from '../values.js';
import type { CompiledArgument, Evaluator } from './function-def.js';

/** Converts an argument value, reporting failures at `site`. */
export type Conversion<T> = (value: Value, site: CallSite, ctx: EvaluationContext) => T;

/** Context for converting literals at compile time; literals never need attributes or a zone. */
export const CONSTANT_CONTEXT: EvaluationContext = { attribute: () => undefined };

/** The argument at `index`; the compiler has checked arity, so a miss is a bug in a function. */
export function argumentAt(args: readonly CompiledArgument[], index: number): CompiledArgument {
  const arg = args[index];
  if (arg === undefined) throw new Error(`internal error: argument ${index + 1} is missing`);
  return arg;
}

/**
 * Prepares an argument: a literal is converted once, now, so a bad literal is a compile error
 * pointing at it; any other argument is converted at each evaluation.
 */
export function prepareArgument<T>(
  arg: CompiledArgument,
  site: CallSite,
  convert: Conversion<T>,
): Evaluator<T> {
  if (arg.constant !== undefined) {
    const value = convert(arg.constant.value, literalSite(site, arg), CONSTANT_CONTEXT);
    return () => value;
  }
  const evaluate = arg.evaluate;
  return (ctx) => convert(evaluate(ctx), site, ctx);
}

/** The site of a literal argument, checked at compile time. */
export function literalSite(site: CallSite, arg: CompiledArgument): CallSite {
  return { ...site, position: arg.node.start, atCompile: true };
}

/** An argument as text; missing values read as empty text. */
export function textArgument(arg: CompiledArgument, site: CallSite): Evaluator<string> {
  return prepareArgument(arg, site, (value, _site, ctx) => toText(value, ctx));
}

/** An argument as text, or null when missing. */
export function optionalTextArgument(
  arg: CompiledArgument,
  site: CallSite,
): Evaluator<string | null> {
  return prepareArgument(arg, site, (value, _site, ctx) => toTextOrNull(value, ctx));
}

/** An argument as an integer (index, length), or null when missing. */
export function integerArgument(arg: CompiledArgument, site: CallSite): Evaluator<number | null> {
  return prepareArgument(arg, site, toInteger);
}

/** An argument as a number of either kind, or null when missing. */
export function numericArgument(arg: CompiledArgument, site: CallSite): Evaluator<Numeric | null> {
  return prepareArgument(arg, site, toNumeric);
}
