import { fail, type CallSite } from '../call-site.js';
import { toNumeric, toWhole } from '../conversions.js';
import type { Numeric } from '../values.js';
import { argumentAt, numericArgument } from './arguments.js';
import type { FunctionDef } from './function-def.js';

/** Conversions, arithmetic and comparisons of numbers. */
export const NUMBER_FUNCTIONS: readonly FunctionDef[] = [
  {
    name: 'toNumber',
    signature: 'toNumber()',
    description:
      'The subject as a whole number: text is parsed (decimals truncated), a date gives epoch milliseconds.',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject, site }) =>
      (ctx) =>
        toWhole(subject(ctx), site),
  },
  {
    name: 'toDecimal',
    signature: 'toDecimal()',
    description: 'The subject as a decimal number.',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject, site }) =>
      (ctx) => {
        const value = toNumeric(subject(ctx), site);
        return value === null ? null : Number(value);
      },
  },
  arithmetic(
    'plus',
    'The subject plus the argument.',
    (a, b) => a + b,
    (a, b) => a + b,
  ),
  arithmetic(
    'minus',
    'The subject minus the argument.',
    (a, b) => a - b,
    (a, b) => a - b,
  ),
  arithmetic(
    'multiply',
    'The subject times the argument.',
    (a, b) => a * b,
    (a, b) => a * b,
  ),
  arithmetic(
    'divide',
    'The subject divided by the argument; whole numbers divide to a whole number, truncated, as in NiFi.',
    (a, b, site) => (b === 0n ? fail(site, 'division by zero', 'evaluation') : a / b),
    (a, b) => a / b,
  ),
  arithmetic(
    'mod',
    'The remainder of the subject divided by the argument (with the sign of the subject).',
    (a, b, site) => (b === 0n ? fail(site, 'division by zero', 'evaluation') : a % b),
    (a, b) => a % b,
  ),
  comparison('gt', 'greater than', (a, b) => a > b),
  comparison('ge', 'greater than or equal to', (a, b) => a >= b),
  comparison('lt', 'less than', (a, b) => a < b),
  comparison('le', 'less than or equal to', (a, b) => a <= b),
];

/**
 * An operation on two numbers: two whole numbers give a whole number wrapped to 64 bits like
 * Java's long; a decimal on either side gives a decimal. A missing operand gives a missing result.
 */
function arithmetic(
  name: string,
  description: string,
  whole: (a: bigint, b: bigint, site: CallSite) => bigint,
  decimal: (a: number, b: number) => number,
): FunctionDef {
  return {
    name,
    signature: `${name}(number)`,
    description,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const operand = numericArgument(argumentAt(args, 0), site);
      return (ctx) => {
        const a = toNumeric(subject(ctx), site);
        if (a === null) return null;
        const b = operand(ctx);
        if (b === null) return null;
        if (typeof a === 'bigint' && typeof b === 'bigint')
          return BigInt.asIntN(64, whole(a, b, site));
        return decimal(Number(a), Number(b));
      };
    },
  };
}

/** A numeric comparison; false when either side is missing, as in NiFi. */
function comparison(
  name: string,
  relation: string,
  compare: (a: Numeric, b: Numeric) => boolean,
): FunctionDef {
  return {
    name,
    signature: `${name}(number)`,
    description: `Whether the subject is ${relation} the argument.`,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const operand = numericArgument(argumentAt(args, 0), site);
      return (ctx) => {
        const a = toNumeric(subject(ctx), site);
        if (a === null) return false;
        const b = operand(ctx);
        return b !== null && compare(a, b);
      };
    },
  };
}
