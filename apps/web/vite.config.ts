import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    // The api serves this folder at / (WEB_DIR).
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'web-unit',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web-browser',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          // One browser at a time: the api, Meilisearch and Chromium share two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // A page settles in a few hundred milliseconds, more on a busy two-core machine.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
