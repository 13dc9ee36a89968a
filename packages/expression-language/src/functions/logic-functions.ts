import { toBoolean, toText } from '../conversions.js';
import { argumentAt } from './arguments.js';
import type { FunctionDef } from './function-def.js';
import { valuesEqual } from './value-equality.js';

/** Functions that test values and combine booleans. */
export const LOGIC_FUNCTIONS: readonly FunctionDef[] = [
  {
    name: 'isNull',
    signature: 'isNull()',
    description: 'Whether the subject is missing.',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject }) =>
      (ctx) =>
        subject(ctx) === null,
  },
  {
    name: 'notNull',
    signature: 'notNull()',
    description: 'Whether the subject is present.',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject }) =>
      (ctx) =>
        subject(ctx) !== null,
  },
  {
    name: 'isEmpty',
    signature: 'isEmpty()',
    description: 'Whether the subject is missing, empty or only whitespace.',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject }) =>
      (ctx) => {
        const value = subject(ctx);
        return value === null || toText(value, ctx).trim() === '';
      },
  },
  {
    name: 'equals',
    signature: 'equals(value)',
    description: 'Whether the subject equals the argument (false when either is missing).',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args }) => {
      const other = argumentAt(args, 0).evaluate;
      return (ctx) => valuesEqual(subject(ctx), other(ctx), ctx);
    },
  },
  {
    name: 'in',
    signature: 'in(value, ...)',
    description: 'Whether the subject equals any of the arguments.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: Infinity,
    build: ({ subject, args }) => {
      const candidates = args.map((arg) => arg.evaluate);
      return (ctx) => {
        const value = subject(ctx);
        return candidates.some((candidate) => valuesEqual(value, candidate(ctx), ctx));
      };
    },
  },
  {
    name: 'not',
    signature: 'not()',
    description: 'The opposite of a boolean subject (missing stays missing).',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject, site }) =>
      (ctx) => {
        const value = toBoolean(subject(ctx), site);
        return value === null ? null : !value;
      },
  },
  {
    name: 'and',
    signature: 'and(boolean)',
    description:
      'True when the subject and the argument are both true; the argument is not evaluated when the subject is false.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const other = argumentAt(args, 0).evaluate;
      return (ctx) => {
        if (toBoolean(subject(ctx), site) === false) return false;
        return toBoolean(other(ctx), site) === true;
      };
    },
  },
  {
    name: 'or',
    signature: 'or(boolean)',
    description:
      'True when the subject or the argument is true; the argument is not evaluated when the subject is true.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const other = argumentAt(args, 0).evaluate;
      return (ctx) => {
        if (toBoolean(subject(ctx), site) === true) return true;
        return toBoolean(other(ctx), site) === true;
      };
    },
  },
  {
    name: 'ifElse',
    signature: 'ifElse(whenTrue, whenFalse)',
    description:
      'The first argument when the boolean subject is true, else the second; only the one chosen is evaluated.',
    takesSubject: true,
    minArgs: 2,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const whenTrue = argumentAt(args, 0).evaluate;
      const whenFalse = argumentAt(args, 1).evaluate;
      return (ctx) => (toBoolean(subject(ctx), site) === true ? whenTrue(ctx) : whenFalse(ctx));
    },
  },
];
