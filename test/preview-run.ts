/** A `preview` of a project started in-process, as the preview tests need it. */
import type { BuildResult } from '../src/build/build.js';
import type { Format } from '../src/writers/paths.js';
import { preview } from '../src/preview/preview.js';
import type { Rebuild } from '../src/watch/watch.js';

export type PreviewOutcome = { result: BuildResult; rebuild: Rebuild } | { error: unknown; rebuild: Rebuild };

export interface RunningPreview {
  /** The address it serves at, ending in `/`. */
  base: string;
  /** Every build's outcome so far, in order. */
  outcomes: PreviewOutcome[];
  /** Resolves with the next outcome after the `seen`-th. */
  outcome(seen: number): Promise<PreviewOutcome>;
  /** Stops watching and serving, and waits until the preview has ended. */
  stop(): Promise<void>;
}

/**
 * Starts a watching preview on any free port; resolves once its first build ended (well or not).
 * It builds HTML and text only, unless `pdf`.
 */
export async function startPreview(root: string, { pdf = false } = {}): Promise<RunningPreview> {
  const formats: Format[] | undefined = pdf ? undefined : ['html', 'txt'];
  const controller = new AbortController();
  const outcomes: PreviewOutcome[] = [];
  const waiting = new Set<() => void>();
  const push = (outcome: PreviewOutcome): void => {
    outcomes.push(outcome);
    for (const wake of waiting) wake();
  };
  let listening!: (url: string) => void;
  const address = new Promise<string>((resolve) => (listening = resolve));
  const previewing = preview({
    build: { root, env: process.env, ...(formats && { formats }) },
    port: 0,
    watch: true,
    signal: controller.signal,
    onListening: listening,
    onResult: (result, rebuild) => push({ result, rebuild }),
    onError: (error, rebuild) => push({ error, rebuild }),
  });
  const outcome = (seen: number): Promise<PreviewOutcome> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (outcomes.length <= seen) return;
        waiting.delete(check);
        resolve(outcomes[seen]!);
      };
      waiting.add(check);
      check();
    });
  const base = await Promise.race([address, previewing.then(() => Promise.reject(new Error('the preview ended before it served')))]);
  await outcome(0);
  return {
    base,
    outcomes,
    outcome,
    async stop() {
      controller.abort();
      await previewing;
    },
  };
}
