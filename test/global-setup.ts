import { execFileSync } from 'node:child_process';

/** Tests that spawn `bin/broadside.js` need the compiled CLI to match the sources under test. */
export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
