/**
 * Machine-readable kind of an {@link ExpressionError}, so callers can route or translate errors
 * without parsing messages.
 */
export type ExpressionErrorCode =
  /** Malformed template text: an unexpected character or token. */
  | 'syntax'
  /** An expression, parameter reference or string literal that is never closed. */
  | 'unterminated'
  /** A function name that does not exist. */
  | 'unknown-function'
  /** A function called with too few or too many arguments. */
  | 'wrong-arity'
  /** A subjectless function used with a subject, or a subject function used without one. */
  | 'misplaced-function'
  /** A literal argument that can never work: a bad regex, date pattern, time zone or JSON path. */
  | 'invalid-argument'
  /** A value of the wrong type met while evaluating, such as `plus()` on `'abc'`. */
  | 'type-mismatch'
  /** A `#{name}` reference to a parameter the evaluation context does not define. */
  | 'undefined-parameter'
  /** Any other failure while evaluating. */
  | 'evaluation';

/** Fields of a new {@link ExpressionError}. */
export interface ExpressionErrorInit {
  readonly code: ExpressionErrorCode;
  readonly message: string;
  /** The whole template the error was found in. */
  readonly template: string;
  /** 0-based offset into `template` of the text at fault. */
  readonly position: number;
  readonly cause?: unknown;
}

/**
 * The one error type of the expression language: thrown by `compile` for parse and compile
 * errors and by `evaluate` for evaluation errors, always with the place in the template at fault,
 * so a config form can underline it.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  /** The template the error was found in. */
  readonly template: string;
  /** 0-based offset into the template. */
  readonly position: number;
  /** 1-based line of {@link position}. */
  readonly line: number;
  /** 1-based column of {@link position} within its line. */
  readonly column: number;

  constructor(init: ExpressionErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.template = init.template;
    this.position = init.position;
    const { line, column } = locate(init.template, init.position);
    this.line = line;
    this.column = column;
  }
}

/** The 1-based line and column of a 0-based offset into `text`. */
export function locate(text: string, position: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(position, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/**
 * Where an offset is, in words for a message: `column 8` in a one-line template,
 * `line 2, column 8` in a multi-line one.
 */
export function describeLocation(text: string, position: number): string {
  const { line, column } = locate(text, position);
  return text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}

/** Shows a piece of user text in a message: quoted, and cut short if long. */
export function quote(text: string, max = 40): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return `'${shown}'`;
}
