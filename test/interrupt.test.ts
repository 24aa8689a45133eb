import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { makeProject, readText, REPO, runCli } from './helpers.js';

/**
 * Builds stopped part-way by real signals: the previous output stays byte for byte, no browser is
 * left running, and after the next build no temporary folder is left anywhere.
 */

const LEFTOVER = /^\.broadside-(staging|retired)-/;

/** Every file of a folder with its SHA-256. */
async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length + 1), createHash('sha256').update(await readFile(path)).digest('hex'));
  }
  return files;
}

interface Build {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startBuild(project: string, args: string[] = ['build']): Build {
  const child = spawn(process.execPath, [join(REPO, 'bin/broadside.cjs'), ...args], { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, exit };
}

interface Proc {
  pid: number;
  ppid: number;
  stat: string;
  args: string;
}

function processes(): Proc[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, pid, ppid, stat, args] = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line)!;
      return { pid: Number(pid), ppid: Number(ppid), stat: stat!, args: args! };
    });
}

/** Processes still running (zombies have exited) that descend from `root` or whose arguments name `marker`. */
function running(root: number, marker: string): Proc[] {
  const all = processes();
  const family = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (family.has(p.ppid) && !family.has(p.pid)) grew = Boolean(family.add(p.pid));
  }
  return all.filter((p) => !p.stat.startsWith('Z') && p.pid !== root && (family.has(p.pid) || p.args.includes(marker)));
}

/** Waits until the build's browser runs, then a little longer so that it is printing. */
async function waitUntilPrinting(build: Build): Promise<Proc[]> {
  const marker = profileMarker(build);
  for (let waited = 0; waited < 30_000; waited += 50) {
    const browser = running(build.child.pid!, marker).filter((p) => /chrom/i.test(p.args));
    if (browser.length) {
      await sleep(700);
      return running(build.child.pid!, marker);
    }
    await sleep(50);
  }
  throw new Error(`the browser never started: ${build.stderr()}`);
}

/** The build's own browser profile folder (src/io/browser-profile.ts) is named after its process. */
function profileMarker(build: Build): string {
  return `broadside-chromium-${build.child.pid}-`;
}

async function profiles(build: Build): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith(profileMarker(build)));
}

let project: string;
let previous: Map<string, string>;

beforeEach(async () => {
  const config = (await readText(join(REPO, 'broadside.yaml'))).replace('  paper: a4', '  paper: a4\n  concurrency: 1');
  project = await makeProject({ 'broadside.yaml': config });
  expect((await runCli(['build'], project, { PATH: process.env.PATH })).code).toBe(0);
  previous = await contents(join(project, 'dist'));
  expect(previous.size).toBeGreaterThan(15);
  // Change every edition, so that a build that got through would change every file.
  const statement = join(project, 'statements/mission-statement.md');
  await writeFile(statement, (await readText(statement)).replace('title: Mission Statement', 'title: Mission Statement, Revised'));
}, 120_000);

describe.each(['SIGINT', 'SIGTERM'] as const)('a build stopped by %s while printing PDFs', (signal) => {
  it('exits 130, leaves the previous output as it was, closes the browser and removes its profile', async () => {
    const build = startBuild(project);
    const family = await waitUntilPrinting(build);
    expect(family.some((p) => p.args.includes(profileMarker(build)))).toBe(true);
    build.child.kill(signal);
    const { code } = await build.exit;
    expect(code).toBe(ExitCode.interrupted);
    expect(build.stderr()).toMatch(/^error: the build was interrupted; the previous output is unchanged$/m);
    expect(build.stderr()).not.toMatch(/^\s+at /m);
    const alive = new Set(running(build.child.pid!, profileMarker(build)).map((p) => p.pid));
    expect(family.filter((p) => alive.has(p.pid))).toEqual([]);
    expect(await profiles(build)).toEqual([]);
    expect(await contents(join(project, 'dist'))).toEqual(previous);
    expect((await readdir(project)).filter((name) => LEFTOVER.test(name))).toEqual([]);
  });
});

describe('a build killed outright (SIGKILL)', () => {
  it('while printing PDFs leaves the previous output, and the next build leaves no temporary folder and no browser', async () => {
    const build = startBuild(project);
    await waitUntilPrinting(build);
    build.child.kill('SIGKILL');
    expect((await build.exit).signal).toBe('SIGKILL');
    expect(await contents(join(project, 'dist'))).toEqual(previous);
    expect(await profiles(build)).not.toEqual([]);

    // Chromium notices that its parent is gone (its pipe closes) and quits by itself.
    await expect.poll(() => running(build.child.pid!, profileMarker(build)), { timeout: 20_000, interval: 200 }).toEqual([]);
    const next = await runCli(['build'], project, { PATH: process.env.PATH });
    expect(next.code, next.stderr).toBe(0);
    expect(await profiles(build)).toEqual([]);
    expect((await readdir(project)).filter((name) => LEFTOVER.test(name))).toEqual([]);
    expect(await readText(join(project, 'dist/mission-statement/en/index.html'))).toContain('Mission Statement, Revised');
  }, 60_000);

  it('while writing the new output leaves the previous one, and the next build removes the half-written folder', async () => {
    // Many editions make the writing long enough to be caught part-way.
    const extra: Record<string, string> = {};
    const text = await readText(join(project, 'statements/mission-statement.md'));
    for (let i = 0; i < 60; i++) extra[`statements/copy-${i}.md`] = text;
    for (const [path, content] of Object.entries(extra)) await writeFile(join(project, path), content);
    const htmlAndText = ['build', '--format', 'html,txt', '--quiet'];
    expect((await runCli(htmlAndText, project)).code).toBe(0);
    const before = await contents(join(project, 'dist'));
    for (const path of Object.keys(extra)) await writeFile(join(project, path), text.replace('title: Mission Statement', 'title: Mission Statement, Again'));

    const build = startBuild(project, htmlAndText);
    let staging: string | undefined;
    while (!staging && build.child.exitCode === null) {
      staging = (await readdir(project)).find((name) => name.startsWith('.broadside-staging-'));
      if (!staging) await sleep(2);
    }
    build.child.kill('SIGKILL');
    expect(staging, 'the staging folder appeared before the build ended').toBeDefined();
    expect((await build.exit).signal).toBe('SIGKILL');
    expect(await contents(join(project, 'dist'))).toEqual(before);

    expect((await runCli(htmlAndText, project)).code).toBe(0);
    expect((await readdir(project)).filter((name) => LEFTOVER.test(name))).toEqual([]);
    expect(await readText(join(project, 'dist/copy-59/en/index.html'))).toContain('Mission Statement, Again');
  }, 60_000);
});

describe('a build that fails', () => {
  it('leaves the previous output as it was and no temporary folder', async () => {
    const he = join(project, 'translations/he.yaml');
    await writeFile(he, (await readText(he)).replace('language: he', 'language: "he'));
    const result = await runCli(['build'], project, { PATH: process.env.PATH });
    expect(result.code).toBe(ExitCode.input);
    expect(await contents(join(project, 'dist'))).toEqual(previous);
    expect((await readdir(project)).filter((name) => LEFTOVER.test(name))).toEqual([]);
  });
});
