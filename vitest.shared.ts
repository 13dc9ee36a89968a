import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript sources through the
 * `@sluice/source` export condition, so tests never need a prior build.
 */
export function sluiceVitestConfig(
  overrides: {
    testTimeout?: number;
    globalSetup?: readonly string[];
    /** False runs the test files one after another (each starting heavy servers of its own). */
    fileParallelism?: boolean;
  } = {},
) {
  // Few conditions on purpose: vitest passes them to the worker's Node as `--conditions`, and with
  // `import` among them Node >= 20.19 makes `require()` of a dual package return its ES module
  // namespace (express's router then gets `{ default }` for `is-promise`). Vite adds `import` or
  // `require` by itself for the modules it resolves.
  const conditions = ['@sluice/source', 'node'];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@sluice/source'] } },
    // A global setup runs in vitest's own module runner, which takes its conditions from here.
    environments: {
      __vitest__: { resolve: { conditions, externalConditions: ['@sluice/source'] } },
    },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      pool: 'forks',
      ...(overrides.globalSetup ? { globalSetup: [...overrides.globalSetup] } : {}),
      ...(overrides.fileParallelism !== undefined
        ? { fileParallelism: overrides.fileParallelism }
        : {}),
    },
  });
}
