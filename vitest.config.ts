import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Two cores: keep parallelism modest so servers started by tests stay responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', 'electron/**/*.test.ts'],
        },
      },
      {
        // The renderer's stores and components, in jsdom with Svelte's browser build.
        extends: true,
        plugins: [svelte({ configFile: false, emitCss: false }), svelteTesting()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.svelte.ts'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
