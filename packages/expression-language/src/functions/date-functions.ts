import { fail, type CallSite } from '../call-site.js';
import { nowMs, toDateValue, toText, toTextOrNull, zoneOf } from '../conversions.js';
import { DateFormatError, compileDatePattern, type DatePattern } from '../date/date-pattern.js';
import { formatDate } from '../date/format-date.js';
import { parseDate } from '../date/parse-date.js';
import { resolveTimeZone, type TimeZone } from '../date/time-zone.js';
import { argumentAt, prepareArgument } from './arguments.js';
import type { CompiledArgument, Evaluator, FunctionDef } from './function-def.js';

/** Functions that format and parse dates with Java SimpleDateFormat patterns. */
export const DATE_FUNCTIONS: readonly FunctionDef[] = [
  {
    name: 'format',
    signature: "format('yyyy-MM-dd'[, timeZone])",
    description:
      'The date (or epoch milliseconds) subject formatted with a Java SimpleDateFormat pattern, in the given zone or the default one.',
    takesSubject: true,
    minArgs: 1,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const patternOf = patternArgument(argumentAt(args, 0), site);
      const zoneFor = zoneArgument(args[1], site);
      return (ctx) => {
        const date = toDateValue(subject(ctx), site, ctx);
        return date === null ? null : formatDate(date.getTime(), patternOf(ctx), zoneFor(ctx));
      };
    },
  },
  {
    name: 'toDate',
    signature: "toDate(['yyyy-MM-dd'[, timeZone]])",
    description:
      "The subject parsed as a date with a Java SimpleDateFormat pattern; without one, epoch milliseconds or NiFi's default date text.",
    takesSubject: true,
    minArgs: 0,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const first = args[0];
      if (first === undefined) return (ctx) => toDateValue(subject(ctx), site, ctx);
      const patternOf = patternArgument(first, site);
      const zoneFor = zoneArgument(args[1], site);
      return (ctx) => {
        const value = subject(ctx);
        if (value instanceof Date) return value;
        const text = toTextOrNull(value, ctx);
        if (text === null || text.trim() === '') return null;
        try {
          return new Date(parseDate(text, patternOf(ctx), zoneFor(ctx), nowMs(ctx)));
        } catch (error) {
          if (error instanceof DateFormatError) return fail(site, error.message, 'evaluation');
          throw error;
        }
      };
    },
  },
];

/** A date pattern argument; a literal one is compiled (and checked) at compile time. */
function patternArgument(arg: CompiledArgument, site: CallSite): Evaluator<DatePattern> {
  return prepareArgument(arg, site, (value, at, ctx) => {
    try {
      return compileDatePattern(toText(value, ctx));
    } catch (error) {
      if (error instanceof DateFormatError) return fail(at, error.message, 'invalid-argument');
      throw error;
    }
  });
}

/** An optional time zone argument; without one, the context's zone. */
function zoneArgument(arg: CompiledArgument | undefined, site: CallSite): Evaluator<TimeZone> {
  if (arg === undefined) return zoneOf;
  return prepareArgument(arg, site, (value, at, ctx) => {
    const id = toText(value, ctx);
    return (
      resolveTimeZone(id) ??
      fail(
        at,
        `unknown time zone '${id}'; use UTC, an offset such as +09:00, or a name such as Asia/Seoul`,
        'invalid-argument',
      )
    );
  });
}
