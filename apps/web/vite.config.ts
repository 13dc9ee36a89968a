import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The editor is served by the Sluice server from `dist/`; in development `vite` proxies the API
 * to a server started with `npm start` on 8080.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@sluice/source'] },
  server: { proxy: { '/trpc': 'http://127.0.0.1:8080', '/api': 'http://127.0.0.1:8080' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1000 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // Generous for a loaded CI machine (see src/test-setup.ts); a hang still fails.
    testTimeout: 60_000,
  },
});
