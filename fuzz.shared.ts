import type fc from 'fast-check';

/**
 * The time limit of a fuzz test. 10,000 cases are CPU work: on 2 cores shared with the rest of
 * `npm test` (JVMs, a browser) they can take minutes, so the limit only catches a hang, not a slow
 * machine.
 */
export const FUZZ_TIMEOUT_MS = 15 * 60_000;

/**
 * Parameters of a fuzz run: 10,000 cases by default (issue 8), replayable. fast-check prints the
 * seed and path of a failing case; `FC_SEED=<seed> FC_PATH=<path>` runs that case again.
 */
export function fuzzParameters<T>(numRuns = 10_000): fc.Parameters<T> {
  const seed = process.env['FC_SEED'];
  const replayPath = process.env['FC_PATH'];
  return {
    numRuns,
    ...(seed === undefined ? {} : { seed: Number(seed) }),
    ...(replayPath === undefined ? {} : { path: replayPath }),
  };
}
