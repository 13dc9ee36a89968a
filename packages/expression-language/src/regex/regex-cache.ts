import { compileJavaFullMatch, compileJavaRegex, type CompiledRegex } from './java-regex.js';

/** How a compiled pattern will be used: first match, every match, or the whole subject. */
export type RegexMode = 'find' | 'global' | 'full';

const MAX_CACHED = 512;
const cache = new Map<string, CompiledRegex>();

/**
 * Compiles a Java regex for the given use, cached, so that a pattern arriving in an attribute is
 * compiled once, not per flowfile. Safe to share because every mode is used through `test` or
 * `String.replace`, which do not depend on the `lastIndex` a previous use left behind.
 *
 * @throws RegexSyntaxError when the pattern is invalid or uses what JavaScript lacks.
 */
export function cachedJavaRegex(pattern: string, mode: RegexMode): CompiledRegex {
  const key = `${mode}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const compiled =
    mode === 'full'
      ? compileJavaFullMatch(pattern)
      : compileJavaRegex(pattern, mode === 'global' ? 'g' : '');
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, compiled);
  return compiled;
}
