import jsonata from 'jsonata';
import { describeLocation } from '@sluice/expression-language';

/** A compiled JSONata expression. */
export type JsonataExpression = jsonata.Expression;

/**
 * Compiles a JSONata expression.
 *
 * @throws Error saying what is wrong and where (line and column), with JSONata's error code.
 */
export function compileJsonata(expression: string): JsonataExpression {
  try {
    return jsonata(expression);
  } catch (error) {
    throw new Error(describeJsonataError(expression, error), { cause: error });
  }
}

/** A property check: undefined when `expression` compiles, else why not and where. */
export function jsonataProblem(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    return `is not valid JSONata: ${describeJsonataError(expression, error)}`;
  }
}

/**
 * A JSONata error in words: its message, code and place. JSONata throws plain objects with
 * `code`, `position` (the offset just past the token at fault) and `message`, or an Error of
 * the runtime (a stack overflow from runaway recursion).
 */
export function describeJsonataError(expression: string, error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { message, code, position } = error as {
    message?: unknown;
    code?: unknown;
    position?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  const codeText = typeof code === 'string' ? ` (${code})` : '';
  if (typeof position !== 'number') return `${text}${codeText}`;
  const where = describeLocation(expression, Math.max(0, position - 1));
  return `${text}${codeText} at ${where}`;
}
