import { once } from 'node:events';
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build/build.js';
import { BuildSession } from '../build/session.js';
import { viewOfError } from './build-error.js';
import { statusLines } from './status-strings.js';
import { startPreviewServer } from '../io/preview-server.js';
import { loadConfig } from '../io/project.js';
import { watchProject, type WatchCallbacks } from '../watch/watch.js';

export interface PreviewOptions extends WatchCallbacks<BuildResult> {
  build: Omit<BuildOptions, 'signal'>;
  port?: number;
  /** false: build once and serve, without rebuilding on save. */
  watch: boolean;
  onListening(url: string): void;
}

/**
 * `broadside preview`: serves the output on 127.0.0.1, builds, and with `watch` rebuilds after every
 * save, telling open pages to reload after each build: a rebuild that prints shows the new pages
 * first and reloads them again once the PDFs are made. Resolves when `signal` aborts.
 */
export async function preview(options: PreviewOptions): Promise<void> {
  const { signal } = options;
  const dir = resolve(options.build.root, options.build.out ?? (await loadConfig(options.build.root)).output);
  const server = await startPreviewServer({ dir, port: options.port });
  const session = new BuildSession();
  let rebuilds = 0;
  const showBuilt = async (result: BuildResult, durationMs: number, pdfPending: boolean): Promise<void> => {
    const number = ++rebuilds;
    const finishedAt = new Date();
    // Without a status line if the files changed again meanwhile so that they cannot be read now.
    const lines = await session
      .readProject(options.build.root)
      .then((project) => statusLines(project, result, { finishedAt, durationMs, pdfPending, number }))
      .catch(() => undefined);
    // A later build was shown meanwhile.
    if (number !== rebuilds) return;
    server.showError(undefined);
    server.showStatus(lines && ((file) => lines.get(file)));
    server.reload();
  };
  try {
    options.onListening(server.url);
    const onResult: PreviewOptions['onResult'] = (result, rebuild) => {
      void showBuilt(result, rebuild.durationMs, false).then(() => options.onResult(result, rebuild));
    };
    const onError: PreviewOptions['onError'] = (error, rebuild) => {
      server.showError(viewOfError(error));
      server.reload();
      options.onError(error, rebuild);
    };
    if (options.watch) {
      await watchProject({
        root: options.build.root,
        signal,
        onResult,
        onError,
        onAbandoned: options.onAbandoned,
        rebuild: (buildSignal) => {
          const started = performance.now();
          return session.build({ ...options.build, signal: buildSignal }, (pages) => void showBuilt(pages, performance.now() - started, true));
        },
      });
      return;
    }
    const started = performance.now();
    onResult(await build({ ...options.build, signal }), { changed: [], durationMs: performance.now() - started });
    if (!signal.aborted) await once(signal, 'abort');
  } finally {
    await Promise.all([server.close(), session.close()]);
  }
}

