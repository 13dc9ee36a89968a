/** One step of a JSON path: an object key or an array index (negative counts from the end). */
export type JsonPathStep = string | number;

const DOT_NAME = /^\.([^.[\]\s'"*]+)/;
const BRACKET_INDEX = /^\[\s*(-?\d+)\s*\]/;
const BRACKET_NAME = /^\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]/;

/**
 * Compiles the simple JSON paths Sluice supports: `$`, `$.a.b`, `$['a b']`, `$.list[0]`,
 * `$.list[-1]`. Wildcards, filters, slices and deep scans (`..`) are refused.
 *
 * @throws Error naming what is not supported.
 */
export function compileJsonPath(path: string): readonly JsonPathStep[] {
  const trimmed = path.trim();
  if (!trimmed.startsWith('$')) throw new Error(`JSON path '${path}' must start with '$'`);
  const steps: JsonPathStep[] = [];
  let rest = trimmed.slice(1);
  while (rest !== '') {
    const dot = DOT_NAME.exec(rest);
    const index = dot === null ? BRACKET_INDEX.exec(rest) : null;
    const name = dot === null && index === null ? BRACKET_NAME.exec(rest) : null;
    if (dot !== null) steps.push(dot[1] ?? '');
    else if (index !== null) steps.push(Number(index[1]));
    else if (name !== null) steps.push((name[1] ?? name[2] ?? '').replace(/\\(.)/g, '$1'));
    else {
      throw new Error(
        `JSON path '${path}' is not supported at '${rest}'; use $.a.b, $['a b'] or $.list[0] (no wildcards, filters or '..')`,
      );
    }
    rest = rest.slice((dot ?? index ?? name)?.[0].length ?? rest.length);
  }
  return steps;
}

/** Follows a compiled path through parsed JSON; undefined when it leads nowhere. */
export function readJsonPath(document: unknown, steps: readonly JsonPathStep[]): unknown {
  let current = document;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step < 0 ? current.length + step : step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current))
        return undefined;
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/**
 * Prints what a path found as NiFi does: scalars as text, nothing or null as empty text, a
 * one-element array as its element, other arrays and objects as JSON.
 */
export function jsonPathResultToText(result: unknown): string {
  if (result === undefined || result === null) return '';
  if (Array.isArray(result) && result.length === 1) return jsonPathResultToText(result[0]);
  if (typeof result === 'object') return JSON.stringify(result);
  return String(result);
}
