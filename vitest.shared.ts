import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: workspace packages resolve to their TypeScript sources through the
 * `@sluice/source` export condition, so tests never need a prior build.
 */
export function sluiceVitestConfig(overrides: { testTimeout?: number } = {}) {
  const conditions = ['@sluice/source', 'node', 'import', 'module', 'default'];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@sluice/source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 60_000,
      pool: 'forks',
    },
  });
}
