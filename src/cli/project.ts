import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE } from '../config/load.js';
import { ConfigError } from '../errors.js';
import type { CliProcess } from './io.js';

export const PROJECT_OPTION = ['-C, --project <dir>', `the project folder (the one with ${CONFIG_FILE}); default: the current folder or the nearest one above it with ${CONFIG_FILE}`] as const;

/**
 * Where a command runs: the current folder, against which every path typed on the command line is
 * read, and the project, found from there unless `--project` names it.
 */
export class ProjectLocator {
  /** The folder given with --project (or -C), as typed. */
  named?: string;
  private found?: Promise<string | undefined>;

  constructor(private readonly proc: CliProcess) {}

  get cwd(): string {
    return this.proc.cwd();
  }

  /** A path typed on the command line, made absolute from the current folder. */
  typed(path: string): string {
    return resolve(this.cwd, path);
  }

  /** The project folder, or undefined outside any project (for commands that also work there). */
  find(): Promise<string | undefined> {
    this.found ??= this.locate();
    return this.found;
  }

  /** The project folder; outside any project, an error saying how to start or name one. */
  async root(): Promise<string> {
    const root = await this.find();
    if (root !== undefined) return root;
    throw new ConfigError(
      `no ${CONFIG_FILE} in ${this.cwd} or any folder above it`,
      undefined,
      `run Broadside inside a project, name one with --project DIR, or start one with \`broadside init\`.`,
    );
  }

  /**
   * How to show a path to the person who ran the command: a path under a folder they typed starts
   * with what they typed (unless that is the current folder); any other is relative to the current folder.
   */
  shown(path: string, typed?: string): string {
    if (typed !== undefined && this.typed(typed) !== this.cwd) {
      const rest = relative(this.typed(typed), path);
      if (rest === '') return typed;
      if (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest)) return `${withoutTrailingSlashes(typed)}${sep}${rest}`;
    }
    return relative(this.cwd, path) || '.';
  }

  private async locate(): Promise<string | undefined> {
    const { findProjectRoot, hasConfig } = await import('../io/project-root.js');
    if (this.named === undefined) return findProjectRoot(this.cwd);
    const dir = this.typed(this.named);
    if (await hasConfig(dir)) return dir;
    throw new ConfigError(`no ${CONFIG_FILE} in ${this.named}, the folder given with --project`, undefined, `name the folder that holds ${CONFIG_FILE}, or start a project there with \`broadside init ${this.named}\`.`);
  }
}

/** `out/` and `out//` name the folder `out` (a regex would be quadratic on a long run of slashes). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && (path[end - 1] === '/' || path[end - 1] === '\\')) end--;
  return path.slice(0, end);
}
