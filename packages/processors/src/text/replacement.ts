import type { TemplatePart } from './template-parts.js';

/**
 * One piece of a compiled Regex Replace replacement: literal text, a back-reference to a capturing
 * group, or an expression evaluated against the flowfile.
 */
export type ReplacementPiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'group'; readonly index: number }
  | {
      readonly kind: 'expression';
      readonly source: string;
      /** True when it reads a capturing group (`${'$1':toUpper()}`), so it is evaluated per match. */
      readonly perMatch: boolean;
    };

/** Groups of one match: index 0 is the whole match; undefined for a group that did not take part. */
export type MatchGroups = readonly (string | undefined)[];

/** Evaluates an expression piece; `groups` is given only for per-match pieces. */
export type EvaluatePiece = (source: string, groups: MatchGroups | undefined) => string;

const GROUP_REFERENCE_IN_EXPRESSION = /\$\d/;

/**
 * Compiles a Replacement Value for Regex Replace with NiFi's rules. In the literal text, `$n` is a
 * back-reference, read as Java's `Matcher.appendReplacement` does (as many digits as still name an
 * existing group), and `\x` is a literal `x`; a `$n` naming no group at all stays literal text, as
 * NiFi documents. Expressions are never scanned for back-references: their values are inserted
 * as they are (NiFi escapes them for the same reason), and they reach the groups as the
 * attributes `$0`, `$1`... (`${'$1':escapeJson()}`).
 */
export function compileReplacement(
  parts: readonly TemplatePart[],
  groupCount: number,
): ReplacementPiece[] {
  const pieces: ReplacementPiece[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') pieces.push({ kind: 'text', text });
    text = '';
  };
  for (const part of parts) {
    if (part.kind !== 'literal') {
      flush();
      pieces.push({
        kind: 'expression',
        source: part.source,
        perMatch: GROUP_REFERENCE_IN_EXPRESSION.test(part.source),
      });
      continue;
    }
    const literal = part.text;
    let i = 0;
    while (i < literal.length) {
      const c = literal[i]!;
      if (c === '\\' && i + 1 < literal.length) {
        text += literal[i + 1];
        i += 2;
        continue;
      }
      const first = c === '$' ? digitAt(literal, i + 1) : undefined;
      if (first === undefined || first > groupCount) {
        text += c;
        i++;
        continue;
      }
      let index = first;
      let end = i + 2;
      for (;;) {
        const next = digitAt(literal, end);
        if (next === undefined || index * 10 + next > groupCount) break;
        index = index * 10 + next;
        end++;
      }
      flush();
      pieces.push({ kind: 'group', index });
      i = end;
    }
  }
  flush();
  return pieces;
}

/** Builds the replacement of one match. */
export function buildReplacement(
  pieces: readonly ReplacementPiece[],
  groups: MatchGroups,
  evaluate: EvaluatePiece,
): string {
  let out = '';
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'text':
        out += piece.text;
        break;
      case 'group':
        out += groups[piece.index] ?? '';
        break;
      case 'expression':
        out += evaluate(piece.source, piece.perMatch ? groups : undefined);
        break;
      default: {
        const exhaustive: never = piece;
        throw new Error(`Unknown replacement piece ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  return out;
}

/**
 * Replaces every match of `regex` (which must have the `g` flag) in `text`. Returns undefined
 * when nothing matched, so the caller can leave the content untouched, as NiFi does.
 */
export function replaceAll(
  text: string,
  regex: RegExp,
  groupCount: number,
  pieces: readonly ReplacementPiece[],
  evaluate: EvaluatePiece,
): string | undefined {
  let matched = false;
  const result = text.replace(regex, (...args: unknown[]) => {
    matched = true;
    return buildReplacement(pieces, args.slice(0, groupCount + 1) as MatchGroups, evaluate);
  });
  return matched ? result : undefined;
}

function digitAt(text: string, index: number): number | undefined {
  const code = text.charCodeAt(index);
  return code >= 48 && code <= 57 ? code - 48 : undefined;
}
