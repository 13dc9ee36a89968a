/**
 * The line protocol between a workload child and the runner: the child prints exactly one line
 * starting with {@link RESULT_PREFIX} followed by JSON; everything else on stdout is noise
 * (Node-RED, for instance, may log) and is ignored.
 */

/** Marks the one stdout line that carries a workload's JSON result. */
export const RESULT_PREFIX = '@@sluice-bench-result ';

/** Writes a result line for the runner to pick up. */
export function emitResult(result: object): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** Finds the result line in a child's stdout and parses it, or returns undefined. */
export function parseResultLine(line: string): unknown {
  if (!line.startsWith(RESULT_PREFIX)) return undefined;
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as unknown;
}

/** Narrows an unknown parsed result to a record with a given `workload` tag, or throws. */
export function expectResult<T extends { readonly workload: string }>(
  value: unknown,
  workload: T['workload'],
): T {
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { workload?: unknown }).workload !== workload
  ) {
    throw new Error(`expected a ${workload} result, got ${JSON.stringify(value)}`);
  }
  return value as T;
}
