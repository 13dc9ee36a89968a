/** Escapes that match a position, not a character: nothing to repeat after them. */
const ANCHOR_ESCAPES = new Set([...'bBAzZG']);
/** What may follow `(?` to open a group that is not a plain capturing one. */
const GROUP_PREFIX = /^\(\?(?:[:=!]|<[=!]|<[a-zA-Z][a-zA-Z0-9]*>)/;
/** A group that only sets flags, `(?i)` or `(?i-s)`: it opens nothing. */
const FLAG_GROUP = /^\(\?[a-zA-Z]*(?:-[a-zA-Z]*)?\)/;
const BRACE_QUANTIFIER = /^\{\d+(?:,\d*)?\}/;

/** The places a structural scan of a pattern finds wrong, as 0-based offsets. */
interface StructuralFaults {
  /** Every `(` still open at the end, outermost first. */
  readonly unclosed: number[];
  readonly unmatchedClose?: number;
  readonly nothingToRepeat?: number;
}

function scan(pattern: string): StructuralFaults {
  const open: number[] = [];
  let unmatchedClose: number | undefined;
  let nothingToRepeat: number | undefined;
  // Whether the token before the cursor is something a quantifier may repeat.
  let repeatable = false;
  // Whether the token before the cursor is a quantifier, which a `?` makes lazy.
  let quantified = false;
  let i = 0;
  const atom = (next: number) => {
    repeatable = true;
    quantified = false;
    i = next;
  };
  const boundary = (next: number) => {
    repeatable = false;
    quantified = false;
    i = next;
  };
  const quantifier = (length: number) => {
    const lazy = pattern[i] === '?' && quantified;
    if (!repeatable && !lazy) nothingToRepeat ??= i;
    repeatable = false;
    quantified = !lazy;
    i += length;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    const rest = pattern.slice(i);
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        atom(end === -1 ? pattern.length : end + 2);
      } else if (next !== undefined && ANCHOR_ESCAPES.has(next)) boundary(i + 2);
      else atom(i + 2);
    } else if (c === '[') {
      atom(classEnd(pattern, i));
    } else if (c === '(') {
      const flags = FLAG_GROUP.exec(rest);
      if (flags) {
        boundary(i + flags[0].length);
        continue;
      }
      open.push(i);
      boundary(i + (GROUP_PREFIX.exec(rest)?.[0].length ?? 1));
    } else if (c === ')') {
      if (open.pop() === undefined) unmatchedClose ??= i;
      atom(i + 1);
    } else if (c === '|' || c === '^' || c === '$') {
      boundary(i + 1);
    } else if (c === '*' || c === '+' || c === '?') {
      quantifier(1);
    } else if (c === '{' && BRACE_QUANTIFIER.test(rest)) {
      quantifier(BRACE_QUANTIFIER.exec(rest)![0].length);
    } else {
      atom(i + 1);
    }
  }
  return {
    unclosed: open,
    ...(unmatchedClose !== undefined ? { unmatchedClose } : {}),
    ...(nothingToRepeat !== undefined ? { nothingToRepeat } : {}),
  };
}

/** The offset just past the character class that starts at `start` (or the end of the pattern). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  // Java takes a `]` right after `[` or `[^` literally.
  if (pattern[i] === ']') i++;
  while (i < pattern.length) {
    if (pattern[i] === '\\') i += 2;
    else if (pattern[i] === ']') return i + 1;
    else i++;
  }
  return pattern.length;
}

/**
 * Where in a Java pattern the error JavaScript's RegExp reports lies, as a 0-based offset.
 * V8 names the reason ("Unterminated group") but not the place; for the structural reasons a
 * person most often meets, a scan of the pattern finds it: the innermost `(` never closed, the
 * `)` that closes nothing, the quantifier with nothing to repeat. Undefined for other reasons.
 */
export function regexErrorPosition(pattern: string, reason: string): number | undefined {
  const faults = scan(pattern);
  if (reason.includes('Unterminated group')) return faults.unclosed.at(-1);
  if (reason.includes("Unmatched ')'")) return faults.unmatchedClose;
  if (reason.includes('Nothing to repeat')) return faults.nothingToRepeat;
  return undefined;
}
