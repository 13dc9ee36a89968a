import type { CallSite } from '../call-site.js';
import { toText, toTextOrNull } from '../conversions.js';
import type { Value } from '../values.js';
import { argumentAt, textArgument } from './arguments.js';
import type { FunctionDef } from './function-def.js';

/** The documentation every function declares. */
export interface FunctionInfo {
  readonly name: string;
  readonly signature: string;
  readonly description: string;
}

/**
 * A function of a text subject without arguments. A missing subject reads as empty text, as in
 * NiFi (`${missing:toUpper()}` is empty).
 */
export function textFunction(
  info: FunctionInfo,
  apply: (text: string, site: CallSite) => Value,
): FunctionDef {
  return {
    ...info,
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject, site }) =>
      (ctx) =>
        apply(toText(subject(ctx), ctx), site),
  };
}

/** A function of a text subject and one text argument; a missing subject reads as empty text. */
export function textFunction1(
  info: FunctionInfo,
  apply: (text: string, arg: string, site: CallSite) => Value,
): FunctionDef {
  return {
    ...info,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const arg = textArgument(argumentAt(args, 0), site);
      return (ctx) => apply(toText(subject(ctx), ctx), arg(ctx), site);
    },
  };
}

/** A function of a text subject and two text arguments; a missing subject reads as empty text. */
export function textFunction2(
  info: FunctionInfo,
  apply: (text: string, first: string, second: string, site: CallSite) => Value,
): FunctionDef {
  return {
    ...info,
    takesSubject: true,
    minArgs: 2,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const first = textArgument(argumentAt(args, 0), site);
      const second = textArgument(argumentAt(args, 1), site);
      return (ctx) => apply(toText(subject(ctx), ctx), first(ctx), second(ctx), site);
    },
  };
}

/** A test of a text subject against one text argument; false when the subject is missing. */
export function textPredicate1(
  info: FunctionInfo,
  test: (text: string, arg: string) => boolean,
): FunctionDef {
  return {
    ...info,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const arg = textArgument(argumentAt(args, 0), site);
      return (ctx) => {
        const text = toTextOrNull(subject(ctx), ctx);
        return text !== null && test(text, arg(ctx));
      };
    },
  };
}
