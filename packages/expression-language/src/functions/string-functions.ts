import { fail } from '../call-site.js';
import { toText, toTextOrNull } from '../conversions.js';
import { argumentAt, integerArgument, optionalTextArgument } from './arguments.js';
import { textFunction, textFunction1, textFunction2 } from './define.js';
import type { Evaluator, FunctionDef } from './function-def.js';

/** Functions that reshape text: case, trimming, cutting, joining, padding. */
export const STRING_FUNCTIONS: readonly FunctionDef[] = [
  textFunction(
    { name: 'toUpper', signature: 'toUpper()', description: 'The subject in upper case.' },
    (text) => text.toUpperCase(),
  ),
  textFunction(
    { name: 'toLower', signature: 'toLower()', description: 'The subject in lower case.' },
    (text) => text.toLowerCase(),
  ),
  textFunction(
    {
      name: 'trim',
      signature: 'trim()',
      description: 'The subject without leading and trailing whitespace.',
    },
    (text) => text.trim(),
  ),
  textFunction(
    {
      name: 'length',
      signature: 'length()',
      description: 'The number of characters (UTF-16 units) of the subject.',
    },
    (text) => BigInt(text.length),
  ),
  textFunction1(
    {
      name: 'append',
      signature: 'append(text)',
      description: 'The subject followed by the argument.',
    },
    (text, suffix) => text + suffix,
  ),
  textFunction1(
    {
      name: 'prepend',
      signature: 'prepend(text)',
      description: 'The argument followed by the subject.',
    },
    (text, prefix) => prefix + text,
  ),
  textFunction2(
    {
      name: 'replace',
      signature: 'replace(search, replacement)',
      description: 'The subject with every occurrence of the literal search text replaced.',
    },
    (text, search, replacement) => text.replaceAll(search, () => replacement),
  ),
  {
    name: 'substring',
    signature: 'substring(start[, end])',
    description:
      'The characters from start (inclusive) to end (exclusive, default the end), counted from 0.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const startOf = integerArgument(argumentAt(args, 0), site);
      const endOf = args.length > 1 ? integerArgument(argumentAt(args, 1), site) : undefined;
      return (ctx) => {
        const text = toText(subject(ctx), ctx);
        const start = startOf(ctx) ?? 0;
        const end = endOf === undefined ? text.length : (endOf(ctx) ?? text.length);
        // Java's substring refuses out-of-range indexes rather than clamping them.
        if (start < 0 || end > text.length || start > end) {
          return fail(
            site,
            `range ${start} to ${end} is outside a text of length ${text.length}`,
            'evaluation',
          );
        }
        return text.slice(start, end);
      };
    },
  },
  padFunction('padLeft', 'left', (text, length, pad) => text.padStart(length, pad)),
  padFunction('padRight', 'right', (text, length, pad) => text.padEnd(length, pad)),
  {
    name: 'replaceNull',
    signature: 'replaceNull(value)',
    description: 'The argument when the subject is missing, else the subject.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args }) => {
      const replacement = argumentAt(args, 0).evaluate;
      return (ctx) => subject(ctx) ?? replacement(ctx);
    },
  },
  {
    name: 'replaceEmpty',
    signature: 'replaceEmpty(value)',
    description:
      'The argument when the subject is missing, empty or only whitespace, else the subject.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args }) => {
      const replacement = argumentAt(args, 0).evaluate;
      return (ctx) => {
        const value = subject(ctx);
        return value === null || toText(value, ctx).trim() === '' ? replacement(ctx) : value;
      };
    },
  },
  {
    name: 'toString',
    signature: 'toString()',
    description: 'The subject as text (a missing subject stays missing).',
    takesSubject: true,
    minArgs: 0,
    maxArgs: 0,
    build:
      ({ subject }) =>
      (ctx) =>
        toTextOrNull(subject(ctx), ctx),
  },
];

function padFunction(
  name: string,
  side: string,
  pad: (text: string, length: number, padding: string) => string,
): FunctionDef {
  return {
    name,
    signature: `${name}(length[, padding])`,
    description: `The subject padded on the ${side} to the given length with the padding text (default '_').`,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const lengthOf = integerArgument(argumentAt(args, 0), site);
      const paddingOf: Evaluator<string | null> =
        args.length > 1 ? optionalTextArgument(argumentAt(args, 1), site) : () => '_';
      return (ctx) => {
        const text = toTextOrNull(subject(ctx), ctx);
        if (text === null) return null;
        const length = lengthOf(ctx);
        if (length === null || length <= 0) return text;
        // Like Apache Commons' leftPad, empty padding pads with spaces.
        const padding = paddingOf(ctx);
        return pad(text, length, padding === null || padding === '' ? ' ' : padding);
      };
    },
  };
}
