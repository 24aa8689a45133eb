import { once } from 'node:events';
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build/build.js';
import { viewOfError } from './build-error.js';
import { startPreviewServer } from '../io/preview-server.js';
import { loadConfig } from '../io/project.js';
import { watchBuild, type WatchCallbacks } from '../watch/watch.js';

export interface PreviewOptions extends WatchCallbacks<BuildResult> {
  build: Omit<BuildOptions, 'signal'>;
  port?: number;
  /** false: build once and serve, without rebuilding on save. */
  watch: boolean;
  onListening(url: string): void;
}

/**
 * `broadside preview`: serves the output on 127.0.0.1, builds, and with `watch` rebuilds after every
 * save, telling open pages to reload after each build. Resolves when `signal` aborts.
 */
export async function preview(options: PreviewOptions): Promise<void> {
  const { signal } = options;
  const dir = resolve(options.build.root, options.build.out ?? (await loadConfig(options.build.root)).output);
  const server = await startPreviewServer({ dir, port: options.port });
  try {
    options.onListening(server.url);
    const onResult: PreviewOptions['onResult'] = (result, rebuild) => {
      server.showError(undefined);
      server.reload();
      options.onResult(result, rebuild);
    };
    const onError: PreviewOptions['onError'] = (error, rebuild) => {
      server.showError(viewOfError(error));
      server.reload();
      options.onError(error, rebuild);
    };
    if (options.watch) {
      await watchBuild(options.build, { signal, onResult, onError });
      return;
    }
    const started = performance.now();
    onResult(await build({ ...options.build, signal }), { changed: [], durationMs: performance.now() - started });
    if (!signal.aborted) await once(signal, 'abort');
  } finally {
    await server.close();
  }
}
