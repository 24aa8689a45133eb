import { loadProject } from '../io/project.js';
import type { Project } from '../model/project.js';
import { ReadCache } from '../readers/read-cache.js';
import { FORMATS } from '../writers/paths.js';
import { WRITERS } from '../writers/registry.js';
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
   * page shows the edit before its PDF is printed; then everything. Aborting `options.signal`
   * abandons it (between the two steps, between PDFs, or by closing the tab printing one).
   */
  async build(options: BuildOptions, onPages?: (result: BuildResult) => void, events?: BuildEvents): Promise<BuildResult> {
    const formats = options.formats ?? FORMATS;
    const pages = formats.filter((f) => !WRITERS[f].needsBrowser);
    if (pages.length === 0 || pages.length === formats.length) return build(options, events, this.state);
    const first = await build({ ...options, formats: pages }, {}, this.state);
    onPages?.(first);
    checkAborted(options.signal);
    const result = await build(options, events, this.state);
    // Reported as one build: what the first step made counts as made by this rebuild.
    const madeFirst = new Set(first.artifacts.filter((a) => a.status === 'built').map((a) => a.path));
    const artifacts = result.artifacts.map((a) => (a.status === 'reused' && madeFirst.has(a.path) ? { ...a, status: 'built' as const } : a));
    return { ...result, changed: result.changed || first.changed, artifacts };
  }

  /** The project as its files are now; those unchanged since the last build are not parsed again. */
  readProject(root: string): Promise<Project> {
    return loadProject(root, undefined, this.state.reads);
  }

  close(): Promise<void> {
    return this.state.printer.close();
  }
}
