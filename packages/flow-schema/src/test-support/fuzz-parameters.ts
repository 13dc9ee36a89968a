import type fc from 'fast-check';

/**
 * Parameters of a fuzz run: 10,000 cases (issue 8), replayable. fast-check prints the seed and
 * path of a failing case; `FC_SEED=<seed> FC_PATH=<path>` runs that case again.
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
