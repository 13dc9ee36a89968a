/**
 * Compares strings by UTF-16 code units. Unlike `localeCompare` it gives the same order on
 * every machine and locale, which byte-identical output depends on.
 */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Writes a JSON value with object keys sorted at every level, formatted like
 * `JSON.stringify(value, null, indent)` (compact when `indent` is 0).
 *
 * `JSON.stringify` cannot be given sorted keys reliably: JavaScript orders integer-like keys
 * ("2", "10") before all others whatever the insertion order. Keys whose value is undefined are
 * left out, as `JSON.stringify` does.
 *
 * @throws TypeError for values JSON cannot hold (non-finite numbers, functions, bigints).
 */
export function stringifyStable(value: unknown, indent = 2): string {
  const text = write(value, '', ' '.repeat(indent));
  if (text === undefined) throw new TypeError('cannot serialize undefined as JSON');
  return text;
}

function write(value: unknown, margin: string, step: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot serialize ${value} as JSON`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value)
        ? writeArray(value, margin, step)
        : writeObject(value as Record<string, unknown>, margin, step);
    default:
      throw new TypeError(`cannot serialize a ${typeof value} as JSON`);
  }
}

function writeArray(items: readonly unknown[], margin: string, step: string): string {
  if (items.length === 0) return '[]';
  const inner = margin + step;
  const parts = items.map((item) => write(item, inner, step) ?? 'null');
  return step === ''
    ? `[${parts.join(',')}]`
    : `[\n${inner}${parts.join(`,\n${inner}`)}\n${margin}]`;
}

function writeObject(object: Record<string, unknown>, margin: string, step: string): string {
  const inner = margin + step;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort(compareStrings)) {
    const text = write(object[key], inner, step);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${step === '' ? '' : ' '}${text}`);
  }
  if (parts.length === 0) return '{}';
  return step === ''
    ? `{${parts.join(',')}}`
    : `{\n${inner}${parts.join(`,\n${inner}`)}\n${margin}}`;
}
