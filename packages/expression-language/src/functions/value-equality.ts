import { toText } from '../conversions.js';
import type { EvaluationContext } from '../evaluation-context.js';
import { isNumeric, type Value } from '../values.js';

/**
 * NiFi's `equals`: false when either side is missing; values of one type compare directly,
 * numbers compare by value, and anything else compares as text (a date as its epoch millis).
 */
export function valuesEqual(a: Value, b: Value, ctx: EvaluationContext): boolean {
  if (a === null || b === null) return false;
  if (typeof a === typeof b && !(a instanceof Date)) return a === b;
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  return normalize(a, ctx) === normalize(b, ctx);
}

function normalize(value: Value, ctx: EvaluationContext): string {
  return value instanceof Date ? String(value.getTime()) : toText(value, ctx);
}
