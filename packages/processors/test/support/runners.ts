import type { TestRunner } from '@sluice/engine';
import { afterEach } from 'vitest';

/**
 * Registers an `afterEach` that closes every runner the returned function was handed during the
 * test (closing disables the runner's services and stops its processor). Call once per test
 * file, at module level: `const track = closedAfterEach();` then `track(await TestRunner.create(…))`.
 */
export function closedAfterEach(): <R extends TestRunner>(runner: R) => R {
  const runners: TestRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.close()));
  });
  return (runner) => {
    runners.push(runner);
    return runner;
  };
}
