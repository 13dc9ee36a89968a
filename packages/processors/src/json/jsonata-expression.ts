import { AsyncLocalStorage } from 'node:async_hooks';
import jsonata from 'jsonata';
import { describeLocation } from '@sluice/expression-language';

/** A compiled JSONata expression. */
export type JsonataExpression = jsonata.Expression;

/** How far one evaluation may go before it is stopped. */
export interface JsonataLimits {
  /** Wall-clock time for the whole evaluation, in ms. */
  readonly timeoutMs: number;
  /** Nested evaluation steps (recursion that is not a tail call nests). */
  readonly maxDepth: number;
}

/** Nesting allowed by default: deep enough for real recursion over a document, no runaway. */
export const JSONATA_MAX_DEPTH = 10_000;

/** The time checked every this many steps: a clock read per step would slow every evaluation. */
const STEPS_PER_CLOCK_CHECK = 128;

interface Guard {
  readonly limits: JsonataLimits;
  readonly deadline: number;
  depth: number;
  steps: number;
}

/** The running evaluation's guard: the hooks are per expression, evaluations may overlap. */
const guards = new AsyncLocalStorage<Guard>();

/** Why an evaluation was stopped. */
export class JsonataLimitError extends Error {
  override readonly name = 'JsonataLimitError';
}

/**
 * JSONata calls these around every evaluation step (its documented `__evaluate_entry` and
 * `__evaluate_exit` hooks, as its own test suite's time box). Without them a runaway expression
 * never settles: an endless tail recursion loops forever, and a deep one eats the heap.
 */
function guardSteps(expression: JsonataExpression): void {
  expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
    const guard = guards.getStore();
    if (!guard) return;
    guard.steps++;
    if (++guard.depth > guard.limits.maxDepth) {
      throw new JsonataLimitError(
        `the evaluation nested deeper than ${guard.limits.maxDepth} steps: a recursive function that never ends, or is not a tail call`,
      );
    }
    if (guard.steps % STEPS_PER_CLOCK_CHECK === 0 && performance.now() > guard.deadline) {
      throw new JsonataLimitError(
        `the evaluation took longer than the Evaluation Timeout of ${guard.limits.timeoutMs} ms (${guard.steps} steps): an endless loop or recursion, or too much work for one flowfile`,
      );
    }
  });
  expression.assign(Symbol.for('jsonata.__evaluate_exit') as unknown as string, () => {
    const guard = guards.getStore();
    if (guard) guard.depth--;
  });
}

/**
 * Compiles a JSONata expression, with the step hooks {@link evaluateJsonata} limits it through.
 *
 * @throws Error saying what is wrong and where (line and column), with JSONata's error code.
 */
export function compileJsonata(expression: string): JsonataExpression {
  let compiled: JsonataExpression;
  try {
    compiled = jsonata(expression);
  } catch (error) {
    throw new Error(describeJsonataError(expression, error), { cause: error });
  }
  guardSteps(compiled);
  return compiled;
}

/**
 * Evaluates a compiled expression within `limits`; an evaluation beyond them rejects with a
 * {@link JsonataLimitError}. A single step (a sort of a huge array) is not interrupted.
 */
export function evaluateJsonata(
  expression: JsonataExpression,
  input: unknown,
  bindings: Record<string, unknown>,
  limits: JsonataLimits,
): Promise<unknown> {
  const guard: Guard = {
    limits,
    deadline: performance.now() + limits.timeoutMs,
    depth: 0,
    steps: 0,
  };
  return guards.run(guard, () => expression.evaluate(input, bindings));
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
