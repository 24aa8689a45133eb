import { execFileSync } from 'node:child_process';

/** Tests that spawn `bin/broadside.cjs` need the bundled CLI to match the sources under test. */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit' });
}
