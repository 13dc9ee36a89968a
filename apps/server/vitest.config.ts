import { defineConfig } from 'vitest/config';

/**
 * The shared settings (`vitest.shared.ts`) with fewer resolve conditions: vitest passes them to
 * the worker's Node as `--conditions`, and with `import` among them Node ≥ 20.19 makes
 * `require()` of a dual package return its ES module namespace. Express's router then gets
 * `{ default }` for `is-promise` and fails on every async handler (tRPC's middleware is one).
 * Vite adds `import` or `require` by itself for the modules it resolves.
 */
const conditions = ['@sluice/source', 'node'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@sluice/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
