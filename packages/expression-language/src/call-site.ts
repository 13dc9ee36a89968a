import { ExpressionError, describeLocation, type ExpressionErrorCode } from './errors.js';

/**
 * Where a function is called, for its errors: a function's checks fail with the name and
 * offset of the call, or of the literal argument when a constant is checked at compile time.
 */
export interface CallSite {
  /** The function's name, which prefixes its messages (`toNumber: ...`). */
  readonly fn: string;
  readonly template: string;
  readonly position: number;
  /** True while compiling: the message then says where, since no value is at hand yet. */
  readonly atCompile: boolean;
}

/** Throws an {@link ExpressionError} for a call: `fn: message`. */
export function fail(
  site: CallSite,
  message: string,
  code: ExpressionErrorCode = 'type-mismatch',
): never {
  const where = site.atCompile ? ` (at ${describeLocation(site.template, site.position)})` : '';
  throw new ExpressionError({
    code,
    template: site.template,
    position: site.position,
    message: `${site.fn}: ${message}${where}`,
  });
}

/**
 * Turns anything a function threw into an {@link ExpressionError} at its call site, so that
 * `evaluate` only ever throws ExpressionError (a RangeError from a huge padLeft, for one).
 */
export function asExpressionError(error: unknown, site: CallSite): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ExpressionError({
    code: 'evaluation',
    template: site.template,
    position: site.position,
    message: `${site.fn}: ${reason}`,
    cause: error,
  });
}
