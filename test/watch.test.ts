import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build/build.js';
import { InputError } from '../src/errors.js';
import { watchBuild, watchProject, type Rebuild } from '../src/watch/watch.js';
import { makeProject } from './helpers.js';

type Outcome<T> = { result: T; rebuild: Rebuild } | { error: unknown; rebuild: Rebuild };

/** The watcher's callbacks as a queue the test awaits, one outcome at a time, with a time limit. */
class Outcomes<T> {
  private readonly queue: Outcome<T>[] = [];
  private wake?: () => void;

  readonly onResult = (result: T, rebuild: Rebuild): void => this.push({ result, rebuild });
  readonly onError = (error: unknown, rebuild: Rebuild): void => this.push({ error, rebuild });

  get count(): number {
    return this.queue.length;
  }

  async next(timeoutMs = 15_000): Promise<Outcome<T>> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (Date.now() > deadline) throw new Error(`no build within ${timeoutMs} ms`);
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), sleep(100)]);
    }
    return this.queue.shift()!;
  }

  private push(outcome: Outcome<T>): void {
    this.queue.push(outcome);
    this.wake?.();
  }
}

function resultOf<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

const SPANISH = 'translations/es.yaml';
const SPANISH_PAGE = 'dist/mission-statement/es/index.html';

let controller: AbortController;
let watching: Promise<void> | undefined;

afterEach(async () => {
  controller.abort();
  await watching;
  watching = undefined;
});

async function retitle(project: string, title: string): Promise<void> {
  const text = await readFile(join(project, SPANISH), 'utf8');
  await writeFile(join(project, SPANISH), text.replace(/Declaración de misión|Título \d+/, title));
}

describe('watchBuild', () => {
  it('rebuilds the HTML after a translation is saved', async () => {
    const project = await makeProject();
    const outcomes = new Outcomes<BuildResult>();
    controller = new AbortController();
    watching = watchBuild({ root: project, formats: ['html', 'txt'] }, { ...outcomes, signal: controller.signal });

    const first = await outcomes.next();
    expect(resultOf(first).artifacts.length).toBeGreaterThan(0);
    expect(first.rebuild.changed).toEqual([]);
    expect(await readFile(join(project, SPANISH_PAGE), 'utf8')).toContain('Declaración de misión');

    await retitle(project, 'Título 1');
    const second = await outcomes.next();
    resultOf(second);
    expect(second.rebuild.changed).toEqual([SPANISH]);
    const page = await readFile(join(project, SPANISH_PAGE), 'utf8');
    expect(page).toContain('Título 1');
    expect(page).not.toContain('Declaración de misión');
  });

  it('reports a broken save, keeps the previous output and rebuilds on the next good save', async () => {
    const project = await makeProject();
    const good = await readFile(join(project, SPANISH), 'utf8');
    const outcomes = new Outcomes<BuildResult>();
    controller = new AbortController();
    watching = watchBuild({ root: project, formats: ['html', 'txt'] }, { ...outcomes, signal: controller.signal });
    resultOf(await outcomes.next());
    const before = await readFile(join(project, SPANISH_PAGE), 'utf8');

    await writeFile(join(project, SPANISH), `${good}\nstatements: [unclosed\n`);
    const broken = await outcomes.next();
    expect('error' in broken && broken.error).toBeInstanceOf(InputError);
    expect(await readFile(join(project, SPANISH_PAGE), 'utf8')).toBe(before);

    await writeFile(join(project, SPANISH), good.replace('Declaración de misión', 'Título 2'));
    resultOf(await outcomes.next());
    expect(await readFile(join(project, SPANISH_PAGE), 'utf8')).toContain('Título 2');
  });
});

describe('watchProject', () => {
  async function countingWatch(project: string, quietMs?: number): Promise<{ builds: () => number; outcomes: Outcomes<number> }> {
    let builds = 0;
    const outcomes = new Outcomes<number>();
    controller = new AbortController();
    watching = watchProject({ root: project, rebuild: async () => ++builds, ...outcomes, signal: controller.signal, quietMs });
    await outcomes.next();
    return { builds: () => builds, outcomes };
  }

  // Saves 20 ms apart are one burst only while this process keeps time: a stall of over 130 ms
  // (a loaded CI machine starting browsers for other tests) splits it, so the test may run again.
  // The quiet period is the test's own, 150 ms, so that a stall must be long to split the burst.
  it('turns a burst of saves into one build and ignores the build output', { retry: 2 }, async () => {
    const project = await makeProject();
    const { builds, outcomes } = await countingWatch(project, 150);
    await mkdir(join(project, 'dist'));
    await writeFile(join(project, 'dist/index.html'), 'build output\n');
    for (let i = 1; i <= 5; i++) {
      await retitle(project, `Título ${i}`);
      await sleep(20);
    }
    await writeFile(join(project, 'statements/.mission-statement.md.swp'), 'editor swap file\n');
    const burst = await outcomes.next();
    expect(burst.rebuild.changed).toEqual([SPANISH]);
    await sleep(600);
    expect(builds()).toBe(2);
    expect(outcomes.count).toBe(0);
  });

  it('sees statements, broadside.yaml, terms.yaml and saves made by renaming a new file over the old one', async () => {
    const project = await makeProject();
    const { outcomes } = await countingWatch(project);
    const statement = join(project, 'statements/mission-statement.md');
    await writeFile(`${statement}.new`, await readFile(statement, 'utf8'));
    await rename(`${statement}.new`, statement);
    expect((await outcomes.next()).rebuild.changed).toEqual(['statements/mission-statement.md']);

    await writeFile(join(project, 'broadside.yaml'), await readFile(join(project, 'broadside.yaml'), 'utf8'));
    expect((await outcomes.next()).rebuild.changed).toEqual(['broadside.yaml']);

    await writeFile(join(project, 'terms.yaml'), 'terms:\n');
    expect((await outcomes.next()).rebuild.changed).toEqual(['terms.yaml']);
  });

  it('abandons a build overtaken by a save, and builds its changes with the next', async () => {
    const project = await makeProject();
    const outcomes = new Outcomes<number>();
    const abandoned: Rebuild[] = [];
    const started: AbortSignal[] = [];
    controller = new AbortController();
    // Every build but the third waits until it is abandoned.
    const rebuild = (signal: AbortSignal): Promise<number> => {
      started.push(signal);
      const n = started.length;
      if (n === 3) return Promise.resolve(n);
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error(`build ${n} abandoned`)), { once: true }));
    };
    watching = watchProject({ root: project, rebuild, ...outcomes, onAbandoned: (r) => abandoned.push(r), signal: controller.signal });
    await expect.poll(() => started.length, { timeout: 15_000 }).toBe(1);
    await retitle(project, 'Título 1');
    await expect.poll(() => started.length, { timeout: 15_000 }).toBe(2);
    expect(started[0]!.aborted).toBe(true);
    await writeFile(join(project, 'terms.yaml'), 'terms:\n');
    const third = await outcomes.next();
    expect(resultOf(third)).toBe(3);
    // The second build was abandoned too: the third has the changes of both.
    expect(third.rebuild.changed).toEqual(['terms.yaml', SPANISH]);
    expect(abandoned.map((r) => r.changed)).toEqual([[], [SPANISH]]);
    expect(outcomes.count).toBe(0);
  });

  it('stops on abort and builds no more', async () => {
    const project = await makeProject();
    const { builds } = await countingWatch(project);
    controller.abort();
    await expect(watching).resolves.toBeUndefined();
    await retitle(project, 'Título 3');
    await sleep(400);
    expect(builds()).toBe(1);
  });
});
