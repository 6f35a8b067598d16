import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One Vitest project per test layer, so `npm test` can run each with its own
// environment: the core in plain Node, components in jsdom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Training tests are CPU-bound; a generous per-test limit avoids flakes on a
          // loaded 2-core machine. Speed is measured by `npm run bench`, not here.
          testTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          // Lazy routes and KaTeX load through dynamic imports on first use.
          testTimeout: 20_000,
        },
      },
    ],
  },
});
