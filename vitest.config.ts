import { defineConfig } from 'vitest/config';

/** Test files that start Chromium (PDFs, page layout, the preview in a browser). */
const BROWSER_TESTS = ['accessibility', 'code-identity', 'editions-pdf', 'incremental', 'interrupt', 'pdf', 'pdf-browser', 'pdf-timeout', 'preview', 'preview-errors', 'rebuild-session', 'review', 'rtl-layout', 'security', 'unshown-characters'].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: BROWSER_TESTS, testTimeout: 120_000, hookTimeout: 120_000, maxWorkers: 2 },
      },
      {
        // A browser prints with several tabs and takes both cores of a shared 2-core machine: one file
        // at a time, after the unit tests, with time to spare when another run shares the machine.
        extends: true,
        test: { name: 'browser', include: BROWSER_TESTS, testTimeout: 600_000, hookTimeout: 600_000, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
