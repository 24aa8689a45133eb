import { loadConfig, loadProject } from '../io/project.js';
import type { Project } from '../model/project.js';
import { ReadCache } from '../readers/read-cache.js';
import { FORMATS, WRITERS } from '../writers/registry.js';
import { build, checkAborted, type BuildEvents, type BuildOptions, type BuildResult, type BuildState } from './build.js';
import { KeptPrinter } from './printing.js';

/**
 * Builds again and again (`preview`, `build --watch`) with what one build can leave the next: the
 * browser stays up between builds, and files whose text did not change are not parsed again.
 * Whatever is unchanged in the output is taken over as in any build. `close` ends the browser.
 */
export class BuildSession {
  private readonly state: BuildState = { printer: new KeptPrinter(), reads: new ReadCache() };

  /**
   * One rebuild: when it makes PDFs, the HTML and text are made first and `onPages` is told, so a
   * page shows the edit before its PDF is printed; then the single-language editions' PDFs, and
   * `onPages` is told again; then everything (the parallel editions' PDFs, which take longest).
   * Aborting `options.signal` abandons it (between steps, between PDFs, or by closing the tab
   * printing one).
   */
  async build(options: BuildOptions, onPages?: (result: BuildResult) => void, events?: BuildEvents): Promise<BuildResult> {
    const formats = options.formats ?? FORMATS;
    const pages = formats.filter((f) => !WRITERS[f].needsBrowser);
    if (pages.length === 0 || pages.length === formats.length) return build(options, events, this.state);
    const steps = [await build({ ...options, formats: pages }, {}, this.state)];
    onPages?.(steps[0]!);
    checkAborted(options.signal);
    if (await this.singleEditionsFirst(options)) {
      steps.push(await build({ ...options, withoutParallel: true }, {}, this.state));
      onPages?.(asOneRebuild(steps.at(-1)!, steps));
      checkAborted(options.signal);
    }
    return asOneRebuild(await build(options, events, this.state), steps);
  }

  /** True when the selection holds parallel editions and single-language ones. */
  private async singleEditionsFirst(options: BuildOptions): Promise<boolean> {
    const { editions } = await loadConfig(options.root);
    const ids = new Set(editions.map((e) => e.id));
    return editions.length > 0 && (!options.langs?.length || options.langs.some((code) => !ids.has(code)));
  }

  /** The project as its files are now; those unchanged since the last build are not parsed again. */
  readProject(root: string): Promise<Project> {
    return loadProject(root, undefined, this.state.reads);
  }

  close(): Promise<void> {
    return this.state.printer.close();
  }
}

/** A step's result reported as the whole rebuild so far: what an earlier step made counts as made by it. */
function asOneRebuild(result: BuildResult, earlier: readonly BuildResult[]): BuildResult {
  const made = new Set(earlier.flatMap((step) => step.artifacts.filter((a) => a.status === 'built').map((a) => a.path)));
  const artifacts = result.artifacts.map((a) => (a.status !== 'built' && made.has(a.path) ? { ...a, status: 'built' as const } : a));
  return { ...result, changed: result.changed || earlier.some((step) => step.changed), artifacts };
}
