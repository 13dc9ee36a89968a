import { fail, type CallSite } from '../call-site.js';
import { toText, toTextOrNull } from '../conversions.js';
import { RegexSyntaxError, type CompiledRegex } from '../regex/java-regex.js';
import { cachedJavaRegex, type RegexMode } from '../regex/regex-cache.js';
import { translateJavaReplacement } from '../regex/java-replacement.js';
import type { EvaluationContext } from '../evaluation-context.js';
import { CONSTANT_CONTEXT, argumentAt, literalSite, prepareArgument } from './arguments.js';
import type { CompiledArgument, Evaluator, FunctionDef } from './function-def.js';

/** Functions that match or replace with Java regular expressions. */
export const REGEX_FUNCTIONS: readonly FunctionDef[] = [
  replacing('replaceAll', 'global', 'every match'),
  replacing('replaceFirst', 'find', 'the first match'),
  matching('find', 'find', 'Whether the regex matches somewhere in the subject.'),
  matching('matches', 'full', 'Whether the regex matches the whole subject.'),
];

function matching(name: string, mode: RegexMode, description: string): FunctionDef {
  return {
    name,
    signature: `${name}(regex)`,
    description,
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const regexOf = regexArgument(argumentAt(args, 0), site, mode);
      return (ctx) => {
        const text = toTextOrNull(subject(ctx), ctx);
        return text !== null && regexOf(ctx).regex.test(text);
      };
    },
  };
}

function replacing(name: string, mode: RegexMode, what: string): FunctionDef {
  return {
    name,
    signature: `${name}(regex, replacement)`,
    description: `The subject with ${what} of the Java regex replaced; '$1' in the replacement is group 1.`,
    takesSubject: true,
    minArgs: 2,
    maxArgs: 2,
    build: ({ subject, args, site }) => {
      const regexArg = argumentAt(args, 0);
      const replacementArg = argumentAt(args, 1);
      const regexOf = regexArgument(regexArg, site, mode);
      let replacementOf: (regex: CompiledRegex, ctx: EvaluationContext) => string;
      if (regexArg.constant !== undefined && replacementArg.constant !== undefined) {
        // Both literal: check the group references and translate once, at compile time.
        const regex = regexOf(CONSTANT_CONTEXT);
        const replacement = toText(replacementArg.constant.value, CONSTANT_CONTEXT);
        const translated = translate(replacement, regex, literalSite(site, replacementArg));
        replacementOf = () => translated;
      } else {
        const raw = replacementArg.evaluate;
        replacementOf = (regex, ctx) => translate(toText(raw(ctx), ctx), regex, site);
      }
      return (ctx) => {
        const text = toText(subject(ctx), ctx);
        const regex = regexOf(ctx);
        return text.replace(regex.regex, replacementOf(regex, ctx));
      };
    },
  };
}

/** A regex argument: a literal is compiled once at compile time, anything else via the cache. */
function regexArgument(
  arg: CompiledArgument,
  site: CallSite,
  mode: RegexMode,
): Evaluator<CompiledRegex> {
  return prepareArgument(arg, site, (value, at, ctx) => {
    try {
      return cachedJavaRegex(toText(value, ctx), mode);
    } catch (error) {
      if (error instanceof RegexSyntaxError) return fail(at, error.message, 'invalid-argument');
      throw error;
    }
  });
}

function translate(replacement: string, regex: CompiledRegex, site: CallSite): string {
  try {
    return translateJavaReplacement(replacement, regex);
  } catch (error) {
    if (error instanceof RegexSyntaxError) return fail(site, error.message, 'invalid-argument');
    throw error;
  }
}
