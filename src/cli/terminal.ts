import type { CliProcess } from './io.js';

/** How to talk to the person at stderr: a live display only on an interactive terminal outside CI. */
export interface Terminal {
  live: boolean;
  /** Colour on a terminal unless NO_COLOR is set (https://no-color.org). */
  color: boolean;
  /** Inside GitHub Actions, findings become workflow annotations. */
  github: boolean;
}

export function terminalOf(proc: CliProcess, quiet = false): Terminal {
  const tty = proc.stderr.isTTY === true;
  return { live: tty && !quiet && !isCi(proc.env), color: tty && !proc.env.NO_COLOR, github: proc.env.GITHUB_ACTIONS === 'true' };
}

/** CI=true (or any value but false/0), as GitHub Actions, GitLab and most others set it. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
}

export function paint(color: boolean, code: 'yellow' | 'red' | 'green' | 'dim', text: string): string {
  const codes = { yellow: 33, red: 31, green: 32, dim: 2 } as const;
  return color ? `\x1b[${codes[code]}m${text}\x1b[0m` : text;
}
