import { RegexSyntaxError, type CompiledRegex } from './java-regex.js';

/**
 * Translates a Java replacement string (`$1`, `${name}`, `\$` for a literal dollar) into a
 * JavaScript one, checking group references against the regex as Java's Matcher does.
 *
 * @throws RegexSyntaxError for a reference to a group the regex lacks or a dangling `$` or `\`.
 */
export function translateJavaReplacement(replacement: string, regex: CompiledRegex): string {
  let out = '';
  let i = 0;
  while (i < replacement.length) {
    const char = replacement.charAt(i);
    if (char === '\\') {
      if (i + 1 >= replacement.length) {
        throw new RegexSyntaxError(`replacement '${replacement}' ends with a lone backslash`);
      }
      out += escapeDollar(replacement.charAt(i + 1));
      i += 2;
      continue;
    }
    if (char !== '$') {
      out += escapeDollar(char);
      i++;
      continue;
    }
    const next = replacement.charAt(i + 1);
    if (next === '{') {
      const end = replacement.indexOf('}', i + 2);
      const name = end === -1 ? '' : replacement.slice(i + 2, end);
      if (!regex.groupNames.has(name)) {
        throw new RegexSyntaxError(
          `replacement '${replacement}' refers to a group named '${name}' the regex lacks`,
        );
      }
      out += `$<${name}>`;
      i = end + 1;
      continue;
    }
    if (!/\d/.test(next)) {
      throw new RegexSyntaxError(
        `replacement '${replacement}' has '$' without a group number; write '\\$' for a literal dollar`,
      );
    }
    // Java reads as many digits as still name an existing group: with 3 groups, '$12' is $1 then '2'.
    let group = Number(next);
    let end = i + 2;
    while (end < replacement.length && /\d/.test(replacement.charAt(end))) {
      const longer = group * 10 + Number(replacement.charAt(end));
      if (longer > regex.groupCount) break;
      group = longer;
      end++;
    }
    if (group > regex.groupCount) {
      throw new RegexSyntaxError(
        `replacement '${replacement}' refers to group ${group} but the regex has ${regex.groupCount}`,
      );
    }
    if (group > 99)
      throw new RegexSyntaxError(
        `group references above 99 are not supported, in '${replacement}'`,
      );
    out += group === 0 ? '$&' : `$${String(group).padStart(2, '0')}`;
    i = end;
  }
  return out;
}

function escapeDollar(char: string): string {
  return char === '$' ? '$$' : char;
}
