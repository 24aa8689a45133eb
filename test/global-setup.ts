import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the bundled CLI (tests that spawn `bin/broadside.cjs` need it to match the sources), and
 * gives this run a temporary folder of its own: the workers and every CLI they start inherit it as
 * TMPDIR, so two runs side by side never see each other's files. At the end the run fails when a
 * test left a `broadside-*` file or folder in it (tests make them with `tempDir()` from test/helpers.ts,
 * which cleans up), or a browser's `org.chromium.Chromium.*`; the whole folder is removed either way.
 */
export default function setup(): (() => void) | undefined {
  // Each vitest project runs this file; the first one does the work for the whole run.
  if (process.env.BROADSIDE_TEST_RUN) return undefined;
  execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit' });
  const runDir = mkdtempSync(join(tmpdir(), 'broadside-run-'));
  process.env.BROADSIDE_TEST_RUN = runDir;
  process.env.TMPDIR = runDir;
  return () => {
    // org.chromium.Chromium.*: the folder of a browser's singleton socket, which Broadside removes with the profile.
    const left = readdirSync(runDir).filter((name) => name.startsWith('broadside-') || name.startsWith('org.chromium.Chromium.'));
    rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
    if (left.length) {
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} file(s) in the temporary folder: ${left.slice(0, 10).join(', ')}; make them with tempDir() or makeProject() from test/helpers.ts`);
    }
  };
}
