#!/usr/bin/env node
// `npm run bench`: how fast is Broadside next to the tools people would otherwise script, and how does
// its cost grow with the size of a project (the scale series)?
//
// Every contender is a fresh process (or a chain of processes) started the way a user would start it,
// in a temporary copy of the project. Contenders of a section are interleaved round by round (the
// order rotates every round), the first round is a discarded warm-up, and the table reports medians.
// Interleaving keeps ratios fair when something else on the machine (another test run) steals CPU:
// both sides of a ratio see the same noise in the same round.
//
//   node test/bench/bench.js [--rounds N] [--warmup N] [--settle S] [--json FILE] [--only pdf,text,scale]
//                            [--scale-sizes 1,10,50] [--scale-rounds N] [--scale-budget S] [--no-memory] [--keep]
//                            [--no-snapshot] [--preview-rebuilds N]
//
// --only LIST (alias --sections): run only these sections; `peers` stands for pdf,text (the comparisons
// with chromium and pandoc). Default: every section. The scale series (`scale`) is the long one: cold
// and no-op builds of 1, 10 and 50 generated statements, with artifacts per second and peak memory;
// --scale-rounds N (3) rounds per size, fewer for a size whose cold build is estimated to take so long
// that N rounds would exceed --scale-budget S seconds (180) of cold builds (see sectionScale).
// --no-memory: no memory sampler during the scale builds (to see what sampling /proc costs them).
// The preview section (`preview`): a running `broadside preview` against cold builds, see
// sectionPreview; --preview-rebuilds N (100): the saves after its rounds, for its memory (0: none).
//
// --settle S: before each round, wait up to S seconds (default 20) for the machine to be mostly idle
// (< 15 % busy over a second, from /proc/stat); the busy share seen is printed with every round.
// --keep: leave the temporary directory. --no-snapshot: run bin/broadside.cjs in place instead of a
// copy of bin/, build/ and templates/ taken at the start (the copy shields the run from rebuilds of
// build/ by other people working in the same tree).
//
// Reported per contender: wall-clock median/min/max (the verdicts use these), CPU time of its whole
// process tree, and the share of the machine other processes used meanwhile; ratios are also given
// over the undisturbed rounds only. CPU figures need Linux and python3 (see REAPER_PY);
// BROADSIDE_BENCH_NO_REAPER=1 turns that off.
//
// Sections are functions (see SECTIONS at the bottom); each one returns its results and ratios (and
// may print a table of its own), so another series is one more function. Peak memory (scale series
// only) is sampled from /proc: see memorySampler.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml, parseDocument } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What a snapshot of the CLI needs: its entry point, compiled code, templates and package.json. */
const APP_FILES = ['package.json', 'bin', 'build', 'templates'];
const BUNDLE = 'build/bundle/broadside.cjs';
const PROJECT_FILES = ['broadside.yaml', 'statements', 'translations'];
const STATEMENT = 'mission-statement';
const RTL = new Set(['he', 'ar']);
const IS_ROOT = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const options = { rounds: 7, warmup: 1, settleSeconds: 20, json: undefined, sections: undefined, keep: false, snapshot: true, scaleSizes: [1, 10, 50], scaleRounds: 3, scaleBudgetSeconds: 180, memory: true, previewRebuilds: 100 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--rounds') options.rounds = positiveInt(value(), arg);
    else if (arg === '--warmup') options.warmup = positiveInt(value(), arg, true);
    else if (arg === '--settle') options.settleSeconds = positiveInt(value(), arg, true);
    else if (arg === '--json') options.json = resolve(value());
    else if (arg === '--sections' || arg === '--only') options.sections = value().split(',').map((s) => s.trim()).filter(Boolean).flatMap((s) => SECTION_GROUPS[s] ?? [s]);
    else if (arg === '--scale-sizes') options.scaleSizes = value().split(',').map((s) => positiveInt(s.trim(), arg));
    else if (arg === '--scale-rounds') options.scaleRounds = positiveInt(value(), arg);
    else if (arg === '--scale-budget') options.scaleBudgetSeconds = positiveInt(value(), arg);
    else if (arg === '--no-memory') options.memory = false;
    else if (arg === '--preview-rebuilds') options.previewRebuilds = positiveInt(value(), arg, true);
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--no-snapshot') options.snapshot = false;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node test/bench/bench.js [--rounds N (7)] [--warmup N (1)] [--settle SECONDS (20; 0 = off)] [--json FILE] [--only ' + [...Object.keys(SECTIONS), ...Object.keys(SECTION_GROUPS)].join(',') + ' (all)] [--scale-sizes 1,10,50] [--scale-rounds N (3)] [--scale-budget SECONDS (180)] [--no-memory] [--keep] [--no-snapshot] [--preview-rebuilds N (100)]');
      process.exit(0);
    } else fail(`unknown option ${arg}`);
  }
  for (const s of options.sections ?? []) if (!SECTIONS[s]) fail(`unknown section ${s}; choose from ${[...Object.keys(SECTIONS), ...Object.keys(SECTION_GROUPS)].join(', ')}`);
  if (options.sections) options.sections = [...new Set(options.sections)];
  return options;
}

function positiveInt(text, name, zeroOk = false) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) fail(`${name} must be a ${zeroOk ? 'non-negative' : 'positive'} integer`);
  return n;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// processes and timing

function have(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  // Debian's /usr/bin/chromium wrapper prints a shell warning on stderr; keep stdout's first line.
  return (r.stdout || r.stderr).split('\n').find((l) => l.trim())?.trim();
}

/** Runs one process to completion; rejects on a non-zero exit with the end of its stderr. */
function run(cmd, args, { cwd, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}:\n${stderr.trim()}`));
    });
  });
}

/** Runs jobs (functions returning promises) at most `width` at a time, like `xargs -P width`. */
async function pool(jobs, width) {
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
}

/**
 * CPU time of the contenders' whole process trees. The kernel adds a child's CPU time to its parent's
 * "children" counters (cutime + cstime in /proc/PID/stat) when the parent waits for it; but Chromium
 * leaves helper processes (zygotes, GPU and renderer processes) to be adopted by init, so measured from
 * here alone a Chromium print would show about half its real CPU time. So, on Linux with python3, the
 * benchmark runs itself under a tiny "child subreaper" (prctl PR_SET_CHILD_SUBREAPER) that adopts and
 * waits for those orphans: tree CPU = our children's counters + the subreaper's.
 */
const REAPER_ENV = 'BROADSIDE_BENCH_REAPER_PID';
const REAPER_PY = `
import ctypes, os, signal, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
signal.signal(signal.SIGINT, signal.SIG_IGN)  # the benchmark itself handles Ctrl-C
pid = os.fork()
if pid == 0:
    os.environ['${REAPER_ENV}'] = str(os.getppid())
    os.execv(sys.argv[1], sys.argv[1:])
code = 1
while True:
    try:
        done, status = os.wait()
    except ChildProcessError:
        break
    if done == pid:
        code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
`;
const REAPER_PID = Number(process.env[REAPER_ENV]) || undefined;
const CLOCK_TICK_MS = 1000 / (Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100);

/** cutime + cstime of a process, in ms (fields 16 and 17 of proc(5)'s stat). */
function childrenCpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return (Number(fields[13]) + Number(fields[14])) * CLOCK_TICK_MS;
}

/** CPU (ms) used so far by every finished process started from here, orphans included when possible. */
function treeCpuMs() {
  try {
    return childrenCpuOf('self') + (REAPER_PID ? childrenCpuOf(REAPER_PID) : 0);
  } catch {
    return undefined;
  }
}

/** After a contender: waits (up to 3 s) until its orphaned helpers have exited and been counted. */
async function orphansGone() {
  if (!REAPER_PID) return;
  const file = `/proc/${REAPER_PID}/task/${REAPER_PID}/children`;
  for (const deadline = performance.now() + 3000; performance.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
    try {
      if (readFileSync(file, 'utf8').trim().split(/\s+/).every((pid) => Number(pid) === process.pid)) return;
    } catch {
      return;
    }
  }
}

/** Machine-wide CPU counters (all cores, ms) from /proc/stat; undefined where /proc is missing. */
function machineCpu() {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0); // idle + iowait
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS };
  } catch {
    return undefined;
  }
}

/** Share of CPU time spent busy over `ms` (all cores); undefined where /proc is missing. */
async function busyShare(ms) {
  const a = machineCpu();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineCpu();
  if (!a || !b) return undefined;
  return b.total === a.total ? 0 : (b.busy - a.busy) / (b.total - a.total);
}

/**
 * Before a round, waits (up to `maxSeconds`) until the machine is mostly idle, so that other people's
 * test runs disturb fewer rounds. Returns the busy share seen last (0–1) for the record.
 */
async function settle(maxSeconds) {
  const deadline = performance.now() + maxSeconds * 1000;
  let busy = await busyShare(500);
  while (busy !== undefined && busy > QUIET_BUSY_SHARE && performance.now() < deadline) busy = await busyShare(1000);
  return busy;
}
const QUIET_BUSY_SHARE = 0.15;

/**
 * Wall-clock and CPU time of `fn`'s processes, and `foreign`: the share of the machine's CPU capacity
 * that *other* processes used meanwhile (machine busy time minus the contender's own CPU time, over
 * wall time × cores). A round where that is high was disturbed by someone else's work.
 */
async function timed(fn) {
  const machine = machineCpu();
  const cpu = treeCpuMs();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  await orphansGone(); // untimed: a shell script would not wait for them either
  const cpuAfter = treeCpuMs();
  const machineAfter = machineCpu();
  if (!REAPER_PID || cpu === undefined || cpuAfter === undefined) return { wall }; // partial CPU figures would mislead
  const own = cpuAfter - cpu;
  const capacity = machine && machineAfter ? machineAfter.total - machine.total : 0;
  const foreign = capacity <= 0 ? undefined : Math.min(1, Math.max(0, (machineAfter.busy - machine.busy - own) / capacity));
  return { wall, cpu: own, foreign };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summary(samples, cpuSamples) {
  const cpu = cpuSamples.length && cpuSamples.every((c) => c !== undefined) ? { cpuMedian: median(cpuSamples), cpuSamples } : {};
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples, ...cpu };
}

/**
 * A contender: `prepare(round)` (untimed: fresh output dirs, cache removal), `run(round)` (timed),
 * `check(round)` (untimed: the outputs exist, so a fast failure is never mistaken for speed). A
 * contender that times itself (a process that keeps running between rounds) has `measure(round)`,
 * returning { wall, cpu, foreign }, in place of `run`.
 */
async function interleave(contenders, { rounds, warmup, settleSeconds, label }) {
  const samples = new Map(contenders.map((c) => [c.id, []]));
  const cpuSamples = new Map(contenders.map((c) => [c.id, []]));
  const foreignSamples = new Map(contenders.map((c) => [c.id, []]));
  const busyBefore = [];
  const total = warmup + rounds;
  for (let round = 0; round < total; round++) {
    const isWarmup = round < warmup;
    const busy = settleSeconds > 0 ? await settle(settleSeconds) : undefined;
    if (!isWarmup) busyBefore.push(busy);
    // Rotate the order each round so no contender always runs first (or right after the heaviest one).
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    const line = [];
    for (const c of order) {
      await c.prepare?.(round);
      const { wall, cpu, foreign } = c.measure ? await c.measure(round) : await timed(() => c.run(round));
      await c.check?.(round);
      if (!isWarmup) {
        samples.get(c.id).push(wall);
        cpuSamples.get(c.id).push(cpu);
        foreignSamples.get(c.id).push(foreign);
      }
      const extra = [cpu !== undefined && `cpu ${Math.round(cpu)}`, foreign !== undefined && `others ${Math.round(foreign * 100)}%`].filter(Boolean).join(', ');
      line.push(`${c.id} ${Math.round(wall)}${extra ? ` (${extra})` : ''}`);
    }
    const load = busy === undefined ? '' : ` (machine ${Math.round(busy * 100)}% busy before)`;
    process.stderr.write(`  [${label}] ${isWarmup ? 'warm-up' : `round ${round - warmup + 1}/${rounds}`}${load}: ${line.join(', ')} ms\n`);
  }
  const results = Object.fromEntries(contenders.map((c) => [c.id, { label: c.label, ...summary(samples.get(c.id), cpuSamples.get(c.id)), foreignSamples: foreignSamples.get(c.id) }]));
  Object.defineProperty(results, 'busyBefore', { value: busyBefore, enumerable: false });
  return results;
}

/** Ratio of medians, plus the spread of the per-round (paired) ratios. */
function ratio(results, numerator, denominator, target, name, note) {
  const a = results[numerator];
  const b = results[denominator];
  const value = a.median / b.median;
  const paired = a.samples.map((x, i) => x / b.samples[i]);
  const result = {
    name,
    numerator,
    denominator,
    rounds: a.samples.length,
    value,
    cpuValue: a.cpuMedian === undefined || b.cpuMedian === undefined ? undefined : a.cpuMedian / b.cpuMedian,
    pairedMedian: median(paired),
    pairedMin: Math.min(...paired),
    pairedMax: Math.max(...paired),
    ...quietRatio(a, b),
    target,
    pass: target === undefined ? undefined : value <= target,
    note,
  };
  result.verdict = verdict(result);
  return result;
}

/**
 * The same ratio over the rounds in which other processes used less than QUIET_FOREIGN_SHARE of the
 * machine while either contender ran: the undisturbed comparison, when there are enough such rounds.
 */
function quietRatio(a, b) {
  if (![...a.foreignSamples, ...b.foreignSamples].every((f) => f !== undefined)) return {}; // no CPU figures: cannot tell
  const quiet = a.samples.map((_, i) => i).filter((i) => a.foreignSamples[i] !== undefined && b.foreignSamples[i] !== undefined && a.foreignSamples[i] < QUIET_FOREIGN_SHARE && b.foreignSamples[i] < QUIET_FOREIGN_SHARE);
  if (quiet.length < 3) return { quietRounds: quiet.length };
  return { quietRounds: quiet.length, quietValue: median(quiet.map((i) => a.samples[i])) / median(quiet.map((i) => b.samples[i])) };
}
const QUIET_FOREIGN_SHARE = 0.1;

function expectFiles(paths) {
  for (const p of paths) {
    if (!existsSync(p) || statSync(p).size === 0) throw new Error(`expected output missing or empty: ${p}`);
  }
}

// ---------------------------------------------------------------------------------------------
// peak memory of a process tree

/**
 * Peak memory of a build: `/usr/bin/time -f %M` (getrusage) would give the node process's own maximum
 * only, and Chromium's processes are not even its waited-for children. So, on Linux, a sampler polls
 * /proc every SAMPLE_MS while the build runs and sums the resident set size (VmRSS) of every process
 * of the build's tree: the node process, its descendants, the processes in any session one of them
 * opened (Puppeteer starts Chromium detached, in a session of its own) and orphans adopted by the
 * subreaper (see REAPER_PY). Reported: the largest sum seen (`treeKb`), node's own peak (`nodeKb`,
 * its kernel high-water mark VmHWM, read at every sample) and the largest sum of the other processes
 * (`othersKb`: Chromium's, in practice) with how many of them there were. RSS counts a page shared
 * by several processes (Chromium's libraries, shared memory) once per process, so the tree sum
 * overstates what the build takes from the machine; a spike shorter than SAMPLE_MS can be missed.
 * One poll reads /proc/<pid>/stat of every process on the machine (~1 ms for ~80 processes here).
 */
const SAMPLE_MS = 50;
const PAGE_KB = (Number(spawnSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).stdout) || 4096) / 1024;

/** pid → parent, session and RSS (kB) of every process, from /proc/<pid>/stat; undefined without /proc. */
function processTable() {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const table = new Map();
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
      table.set(Number(entry), { ppid: Number(f[1]), sid: Number(f[3]), rssKb: Number(f[21]) * PAGE_KB });
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

const OWN_SESSION = processTable()?.get(process.pid)?.sid;

/** The processes of the run started as `rootPid` (see the comment above SAMPLE_MS). */
function treeOf(table, rootPid) {
  const children = new Map();
  for (const [pid, p] of table) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  const members = new Set();
  const add = (pid) => {
    if (members.has(pid) || !table.has(pid)) return;
    members.add(pid);
    for (const child of children.get(pid) ?? []) add(child);
  };
  add(rootPid);
  if (REAPER_PID) for (const pid of children.get(REAPER_PID) ?? []) if (pid !== process.pid) add(pid);
  const sessions = new Set([...members].map((pid) => table.get(pid).sid).filter((sid) => sid !== OWN_SESSION && sid > 0));
  for (const [pid, p] of table) if (sessions.has(p.sid)) add(pid);
  return members;
}

function commandName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** Starts polling the tree of `rootPid`; `stop()` returns the peaks, or undefined where /proc is missing. */
function memorySampler(rootPid) {
  const peak = { treeKb: 0, nodeKb: 0, othersKb: 0, otherProcesses: 0, samples: 0 };
  const others = new Map(); // pid → command name
  let available = true;
  const sample = () => {
    const table = processTable();
    if (!table) return void (available = false);
    let tree = 0;
    let rest = 0;
    for (const pid of treeOf(table, rootPid)) {
      const kb = table.get(pid).rssKb;
      tree += kb;
      if (pid !== rootPid) {
        rest += kb;
        if (!others.has(pid)) others.set(pid, commandName(pid));
      }
    }
    let hwm = 0;
    try {
      hwm = Number(readFileSync(`/proc/${rootPid}/status`, 'utf8').match(/^VmHWM:\s*(\d+)/m)?.[1] ?? 0);
    } catch {
      // exited
    }
    peak.treeKb = Math.max(peak.treeKb, tree);
    peak.othersKb = Math.max(peak.othersKb, rest);
    peak.nodeKb = Math.max(peak.nodeKb, hwm, table.get(rootPid)?.rssKb ?? 0);
    peak.samples++;
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return available ? { ...peak, otherProcesses: others.size, otherNames: [...new Set(others.values())].sort() } : undefined;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the workspace: a temporary copy of the project, reference outputs, pandoc inputs

function setupWorkspace({ keep, snapshot }) {
  const base = mkdtempSync(join(tmpdir(), 'broadside-bench-'));
  // Other people rebuild build/ in this tree while the benchmark runs (minutes): measure one fixed
  // copy of the CLI instead, started exactly as a user starts it (node bin/broadside.cjs).
  let bin = join(ROOT, 'bin/broadside.cjs');
  if (snapshot) {
    const app = join(base, 'app');
    for (const f of APP_FILES) cpSync(join(ROOT, f), join(app, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    bin = join(app, 'bin/broadside.cjs');
  }
  const project = join(base, 'project');
  mkdirSync(project);
  for (const f of PROJECT_FILES) cpSync(join(ROOT, f), join(project, f), { recursive: true });
  // The comparisons with the peers are of the five single-language editions, as the peers make;
  // the shipped project's parallel editions are built by a contender of their own (projectEditions).
  const projectEditions = join(base, 'project-editions');
  cpSync(project, projectEditions, { recursive: true });
  const shipped = parseDocument(readFileSync(join(project, 'broadside.yaml'), 'utf8'));
  const editions = (shipped.toJS().editions ?? []).map((e) => e.id);
  shipped.delete('editions');
  writeFileSync(join(project, 'broadside.yaml'), shipped.toString());
  const runs = join(base, 'runs');
  mkdirSync(runs);
  const config = parseYaml(readFileSync(join(project, 'broadside.yaml'), 'utf8'));
  const langs = config.languages.map((l) => l.code);
  return {
    base,
    bin,
    project,
    projectEditions,
    editions,
    runs,
    langs,
    keep,
    /** A fresh, empty directory for one contender's outputs in one round. */
    freshDir(name) {
      const dir = join(runs, name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    /**
     * Removes anything a build left in the project copy besides its inputs (e.g. a future
     * `.broadside-cache/`), so that a "cold" build really is cold.
     */
    resetProject() {
      for (const dir of [project, projectEditions]) {
        for (const entry of readdirSync(dir)) {
          if (!PROJECT_FILES.includes(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
        }
      }
    },
    cleanup() {
      if (!keep) rmSync(base, { recursive: true, force: true });
    },
  };
}

function broadsideBuildFlags(ws) {
  const help = spawnSync(process.execPath, [ws.bin, 'build', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`\`broadside build --help\` failed; run \`npm run bundle\` (npm ci runs it) first.\n${help.stderr}`);
  const force = /(^|\s)--force\b/m.test(help.stdout);
  return { force, cacheMentioned: /cache/i.test(help.stdout) };
}

/** One Broadside build before the rounds: its HTML is what the chromium contender prints. */
async function referenceBuild(ws, ctx) {
  const out = join(ws.base, 'reference');
  await run(process.execPath, [ws.bin, 'build', '-q', ...(ctx.flags.force ? ['--force'] : []), '--out', out], { cwd: ws.project });
  ws.resetProject();
  const html = Object.fromEntries(ws.langs.map((l) => [l, join(out, STATEMENT, l, 'index.html')]));
  expectFiles(Object.values(html));
  return { out, html };
}

/**
 * Markdown inputs for pandoc, generated once (untimed): the English canonical statement as is, and
 * for every other language the translated title and paragraphs in the canonical order.
 */
function pandocInputs(ws) {
  const dir = join(ws.base, 'markdown');
  mkdirSync(dir);
  const canonical = join(ws.project, 'statements', `${STATEMENT}.md`);
  const english = readFileSync(canonical, 'utf8');
  const order = [...english.matchAll(/<!--\s*#([a-z0-9-]+)\s*-->/g)].map((m) => m[1]);
  const inputs = {};
  for (const lang of ws.langs) {
    if (lang === 'en') {
      inputs[lang] = canonical;
      continue;
    }
    const file = join(ws.project, 'translations', `${lang}.yaml`);
    const entries = parseYaml(readFileSync(file, 'utf8')).statements?.[STATEMENT];
    if (!entries) throw new Error(`${file} has no entries for ${STATEMENT}`);
    const text = (key) => entries[key]?.text?.trim();
    const paragraphs = order.map((key) => text(key)).filter(Boolean);
    const md = `---\ntitle: ${JSON.stringify(text('title') ?? STATEMENT)}\n---\n\n${paragraphs.join('\n\n')}\n`;
    inputs[lang] = join(dir, `${STATEMENT}.${lang}.md`);
    writeFileSync(inputs[lang], md);
  }
  return inputs;
}

function pandocLangArgs(lang) {
  return ['-M', `lang=${lang}`, ...(RTL.has(lang) ? ['-M', 'dir=rtl'] : [])];
}

// ---------------------------------------------------------------------------------------------
// contenders

function broadsideContender(ws, ctx, { id, label, formats, expected, env, withEditions = false }) {
  const extra = formats ? ['--format', formats] : [];
  let out;
  return {
    id,
    label,
    prepare(round) {
      ws.resetProject(); // cold: no cache left by an earlier round
      out = ws.freshDir(`${id}-${round}`);
    },
    run: () => run(process.execPath, [ws.bin, 'build', '-q', ...(ctx.flags.force ? ['--force'] : []), ...extra, '--out', out], { cwd: withEditions ? ws.projectEditions : ws.project, env }),
    check() {
      expectFiles(ws.langs.flatMap((l) => expected.map((ext) => (ext === 'html' ? join(out, STATEMENT, l, 'index.html') : join(out, STATEMENT, l, `${STATEMENT}.${l}.${ext}`)))));
      if (withEditions) expectFiles(ws.editions.flatMap((e) => [join(out, STATEMENT, e, 'index.html'), join(out, STATEMENT, e, `${STATEMENT}.${e}.pdf`)]));
    },
  };
}

function chromiumContender(ws, ctx, { id, label, width }) {
  let out;
  const args = (lang, profile) => [
    '--headless',
    ...(IS_ROOT ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${join(out, `${STATEMENT}.${lang}.pdf`)}`,
    pathToFileURL(ctx.reference.html[lang]).href,
  ];
  return {
    id,
    label,
    prepare(round) {
      out = ws.freshDir(`${id}-${round}`);
    },
    run: () =>
      pool(
        ws.langs.map((lang) => () => {
          const profile = mkdtempSync(join(out, `profile-${lang}-`)); // fresh profile, as a script would make
          return run('chromium', args(lang, profile));
        }),
        width,
      ),
    check() {
      expectFiles(ws.langs.map((l) => join(out, `${STATEMENT}.${l}.pdf`)));
    },
  };
}

function pandocPdfContender(ws, ctx) {
  let out;
  return {
    id: 'pandoc-weasyprint',
    label: '(b) pandoc + weasyprint, 5 PDFs, sequential',
    prepare(round) {
      out = ws.freshDir(`pandoc-pdf-${round}`);
    },
    run: () => pool(ws.langs.map((lang) => () => run('pandoc', [ctx.markdown[lang], '-o', join(out, `${STATEMENT}.${lang}.pdf`), '--pdf-engine=weasyprint', ...pandocLangArgs(lang)])), 1),
    check() {
      expectFiles(ws.langs.map((l) => join(out, `${STATEMENT}.${l}.pdf`)));
    },
  };
}

function pandocTextContender(ws, ctx) {
  let out;
  return {
    id: 'pandoc-html-txt',
    label: 'pandoc HTML + plain text, 10 processes, sequential',
    prepare(round) {
      out = ws.freshDir(`pandoc-text-${round}`);
    },
    run: () =>
      pool(
        ws.langs.flatMap((lang) => [
          () => run('pandoc', [ctx.markdown[lang], '-s', '-t', 'html5', ...pandocLangArgs(lang), '-o', join(out, `${STATEMENT}.${lang}.html`)]),
          () => run('pandoc', [ctx.markdown[lang], '-t', 'plain', '--columns', '72', ...pandocLangArgs(lang), '-o', join(out, `${STATEMENT}.${lang}.txt`)]),
        ]),
        1,
      ),
    check() {
      expectFiles(ws.langs.flatMap((l) => [join(out, `${STATEMENT}.${l}.html`), join(out, `${STATEMENT}.${l}.txt`)]));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// sections

/** Full build (HTML + text + PDF) against (a) chromium --print-to-pdf and (b) pandoc + weasyprint. */
async function sectionPdf(ws, ctx, options) {
  const contenders = [broadsideContender(ws, ctx, { id: 'broadside-full', label: `Broadside full build (html+txt+pdf, ${ws.langs.length} langs, 1 process${ctx.flags.force ? ', --force' : ''})`, expected: ['html', 'txt', 'pdf'] })];
  if (ws.editions.length) {
    contenders.push(broadsideContender(ws, ctx, { id: 'broadside-editions', label: `Broadside full build with the parallel editions (${ws.editions.join(', ')}) too`, expected: ['html', 'txt', 'pdf'], withEditions: true }));
  }
  const skipped = [];
  if (ctx.tools.chromium) {
    contenders.push(chromiumContender(ws, ctx, { id: 'chromium-seq', label: `(a) chromium --print-to-pdf, ${ws.langs.length} processes, sequential`, width: 1 }));
    contenders.push(chromiumContender(ws, ctx, { id: 'chromium-par2', label: `(a') chromium --print-to-pdf, ${ws.langs.length} processes, 2 at a time`, width: 2 }));
  } else skipped.push('(a) chromium --print-to-pdf: `chromium` is not installed');
  if (ctx.tools.pandoc && ctx.tools.weasyprint) contenders.push(pandocPdfContender(ws, ctx));
  else skipped.push(`(b) pandoc + weasyprint: ${[!ctx.tools.pandoc && 'pandoc', !ctx.tools.weasyprint && 'weasyprint'].filter(Boolean).join(' and ')} not installed`);

  const results = await interleave(contenders, { ...options, label: 'pdf' });
  const ratios = [];
  if (results['chromium-seq']) {
    ratios.push(ratio(results, 'broadside-full', 'chromium-seq', 0.4, 'full build / (a) chromium, sequential', 'this round\'s budget (issues 10, 11, 12; issue 3 set 0.35): one process per file, one after another, as a shell loop runs them'));
    ratios.push(ratio(results, 'broadside-full', 'chromium-par2', 0.4, 'full build / (a\') chromium, 2 at a time', 'fairness check, same target: the shell loop given both cores (xargs -P 2)'));
    ratios.push(ratio(results, 'chromium-par2', 'chromium-seq', undefined, '(a\') 2 at a time / (a) sequential', 'what running the chromium processes in parallel buys on 2 cores'));
    if (results['broadside-editions']) ratios.push(ratio(results, 'broadside-editions', 'chromium-seq', 0.45, 'full build with the parallel editions / (a) chromium, sequential', 'issue 18\'s target: the two parallel editions added, against the loop over the five single editions'));
  }
  if (results['pandoc-weasyprint']) ratios.push(ratio(results, 'broadside-full', 'pandoc-weasyprint', 0.55, 'full build / (b) pandoc + weasyprint', 'this round\'s budget (issue 3 set 0.5); Broadside also writes HTML and text in that time, (b) writes PDFs only'));
  return { results, ratios, skipped, busyBefore: results.busyBefore };
}

/** HTML + text build against pandoc writing HTML and plain text (10 processes). */
async function sectionText(ws, ctx, options) {
  const htmlText = { formats: 'html,txt', expected: ['html', 'txt'] };
  const contenders = [broadsideContender(ws, ctx, { id: 'broadside-html-txt', label: `Broadside build --format html,txt (${ws.langs.length} langs, 1 process)`, ...htmlText })];
  // Node 20 reads and parses the whole CA file named by NODE_EXTRA_CA_CERTS as it starts (~40 ms
  // here), a cost of the machine's environment that pandoc does not pay: shown beside, not instead.
  const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
  if (extraCaCerts) {
    const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
    contenders.push(broadsideContender(ws, ctx, { id: 'broadside-html-txt-no-extra-ca', label: 'the same, NODE_EXTRA_CA_CERTS unset (info)', ...htmlText, env }));
  }
  const skipped = [];
  if (ctx.tools.pandoc) contenders.push(pandocTextContender(ws, ctx));
  else skipped.push('pandoc HTML + text: `pandoc` is not installed');
  const results = await interleave(contenders, { ...options, label: 'text' });
  const ratios = results['pandoc-html-txt'] ? [ratio(results, 'broadside-html-txt', 'pandoc-html-txt', 0.6, 'html+txt / pandoc HTML + text', 'issue 3\'s target; issue 10 asks instead that the build\'s load + render stay within 10 % of 957b33c')] : [];
  if (results['pandoc-html-txt'] && extraCaCerts) {
    ratios.push(ratio(results, 'broadside-html-txt-no-extra-ca', 'pandoc-html-txt', undefined, 'html+txt, NODE_EXTRA_CA_CERTS unset / pandoc', 'this machine sets NODE_EXTRA_CA_CERTS for every process; Node 20 parses that CA file as it starts, pandoc does not'));
  }
  return { results, ratios, skipped, busyBefore: results.busyBefore };
}

/**
 * The scale series: N = 1, 10, 50 statements (copies of the shipped one) × every configured language ×
 * html, txt, pdf. Per size and round, untimed set-up (a fresh --out folder, nothing but the inputs in
 * the project), then two timed builds one after the other:
 *   cold:  `build -q --json --force --out <fresh dir>`  (everything made, a browser started)
 *   no-op: the same command without --force            (nothing changed: everything reused)
 * Both are checked (untimed): the cold build reports N × languages × 3 artifacts, all `built`, and
 * they exist on disk; the no-op build reports `changed: false`, every artifact `reused`, no process
 * besides node appeared (no browser was started), and no file in the output changed (path, inode,
 * size, mtime). The issue's target: no-op ≤ 0.2 × cold. Rounds: --scale-rounds (3) per size, sizes
 * interleaved within a round; a size whose cold build is estimated (linearly, from the largest
 * smaller size's first cold build) to take more than --scale-budget / --scale-rounds seconds gets
 * fewer rounds, at least one. The warm-up (--warmup, discarded) is a cold + no-op pair of the
 * smallest size. Generating the projects is not timed.
 */
async function sectionScale(ws, ctx, options) {
  const sizes = [...options.scaleSizes].sort((a, b) => a - b);
  const formats = ['html', 'txt', 'pdf'];
  const projects = new Map(sizes.map((n) => [n, makeScaleProject(ws, n)]));
  const perSize = new Map(sizes.map((n) => [n, { cold: [], noop: [], busy: [] }]));
  const plannedRounds = new Map();
  const notes = [];
  const pair = async (n, tag) => {
    const project = projects.get(n);
    const expected = n * ws.langs.length * formats.length;
    const busy = options.settleSeconds > 0 ? await settle(options.settleSeconds) : undefined;
    const out = join(ws.runs, `scale-${n}-${tag}`);
    rmSync(out, { recursive: true, force: true });
    resetScaleProject(project);
    const cold = await timedBuild(ws, project, out, ['--force'], options.memory);
    checkCold(cold, out, expected);
    const before = listing(out);
    const noop = await timedBuild(ws, project, out, [], options.memory);
    checkNoop(noop, out, expected, before);
    rmSync(out, { recursive: true, force: true });
    const mb = (m) => (m ? `, peak ${Math.round(m.treeKb / 1024)} MB` : '');
    const extra = (r) => [r.cpu !== undefined && `cpu ${Math.round(r.cpu)}`, r.foreign !== undefined && `others ${Math.round(r.foreign * 100)}%`].filter(Boolean).join(', ');
    const load = busy === undefined ? '' : ` (machine ${Math.round(busy * 100)}% busy before)`;
    process.stderr.write(`  [scale] N=${n} ${tag}${load}: cold ${Math.round(cold.wall)} ms (${extra(cold)}${mb(cold.memory)}), no-op ${Math.round(noop.wall)} ms (${extra(noop)}${mb(noop.memory)}), ratio ${(noop.wall / cold.wall).toFixed(3)}\n`);
    return { cold, noop, busy };
  };
  for (let w = 0; w < options.warmup; w++) await pair(sizes[0], `warm-up-${w + 1}`);
  const plan = (n) => {
    const smaller = sizes.filter((m) => m < n && perSize.get(m).cold.length);
    if (!smaller.length) return options.scaleRounds;
    const m = smaller.at(-1);
    const estimateMs = (perSize.get(m).cold[0].wall * n) / m;
    const rounds = Math.max(1, Math.min(options.scaleRounds, Math.floor((options.scaleBudgetSeconds * 1000) / estimateMs)));
    const note = `N=${n}: cold build estimated at ${(estimateMs / 1000).toFixed(0)} s (${m} statements took ${(perSize.get(m).cold[0].wall / 1000).toFixed(1)} s, × ${n / m}); ${rounds} round(s)${rounds < options.scaleRounds ? ` instead of ${options.scaleRounds} (budget ${options.scaleBudgetSeconds} s of cold builds per size)` : ''}`;
    notes.push(note);
    process.stderr.write(`  [scale] ${note}\n`);
    return rounds;
  };
  for (let round = 0; ; round++) {
    let ran = false;
    for (const n of sizes) {
      if (!plannedRounds.has(n)) plannedRounds.set(n, plan(n));
      if (round >= plannedRounds.get(n)) continue;
      ran = true;
      const r = await pair(n, `round ${round + 1}/${plannedRounds.get(n)}`);
      perSize.get(n).cold.push(r.cold);
      perSize.get(n).noop.push(r.noop);
      perSize.get(n).busy.push(r.busy);
    }
    if (!ran) break;
  }

  const results = {};
  const ratios = [];
  const rows = [];
  for (const n of sizes) {
    const { cold, noop, busy } = perSize.get(n);
    const artifacts = n * ws.langs.length * formats.length;
    const entry = (runs, kind) => ({
      label: `Broadside ${kind}, ${n} statement${n === 1 ? '' : 's'} × ${ws.langs.length} langs × ${formats.length} formats (${artifacts} artifacts)`,
      ...summary(runs.map((r) => r.wall), runs.map((r) => r.cpu)),
      foreignSamples: runs.map((r) => r.foreign),
    });
    results[`scale-cold-${n}`] = entry(cold, 'cold build (--force)');
    results[`scale-noop-${n}`] = entry(noop, 'no-op rebuild');
    const r = ratio(results, `scale-noop-${n}`, `scale-cold-${n}`, NOOP_TARGET, `no-op / cold, ${n} statement${n === 1 ? '' : 's'}`, n === sizes[0] ? 'the issue\'s target: a no-op rebuild takes ≤ 0.2× the time of the cold build' : undefined);
    ratios.push(r);
    const mem = (runs, key) => (runs.every((x) => x.memory) ? median(runs.map((x) => x.memory[key])) / 1024 : undefined);
    const perRun = (runs) => runs.map((x) => ({ wall: x.wall, cpu: x.cpu, foreign: x.foreign, memory: x.memory, timings: x.json.timings }));
    const names = (runs) => (runs.every((x) => x.memory) ? [...new Set(runs.flatMap((x) => x.memory.otherNames))].sort() : undefined);
    const phases = (runs) => Object.fromEntries(['loadMs', 'renderMs', 'printMs', 'writeMs', 'totalMs'].map((k) => [k, median(runs.map((x) => x.json.timings?.[k] ?? NaN))]));
    rows.push({
      statements: n,
      artifacts,
      rounds: cold.length,
      cold: { ...results[`scale-cold-${n}`], artifactsPerSecond: artifacts / (results[`scale-cold-${n}`].median / 1000), peakTreeMB: mem(cold, 'treeKb'), peakNodeMB: mem(cold, 'nodeKb'), peakOthersMB: mem(cold, 'othersKb'), otherProcesses: cold.every((x) => x.memory) ? median(cold.map((x) => x.memory.otherProcesses)) : undefined, otherNames: names(cold), phases: phases(cold), runs: perRun(cold) },
      noop: { ...results[`scale-noop-${n}`], artifactsPerSecond: artifacts / (results[`scale-noop-${n}`].median / 1000), peakTreeMB: mem(noop, 'treeKb'), peakNodeMB: mem(noop, 'nodeKb'), peakOthersMB: mem(noop, 'othersKb'), otherProcesses: noop.every((x) => x.memory) ? Math.max(...noop.map((x) => x.memory.otherProcesses)) : undefined, otherNames: names(noop), phases: phases(noop), runs: perRun(noop) },
      ratio: r,
      busyBefore: busy,
    });
  }
  const scale = { sizes, languages: ws.langs, formats, sampleMs: SAMPLE_MS, rows, notes };
  return { results, ratios, skipped: [], busyBefore: perSize.get(sizes[0]).busy, scale, print: () => printScale(scale) };
}
const NOOP_TARGET = 0.2;

/** A project of N statements: copies of the shipped one, and its translations duplicated under the new ids. */
function makeScaleProject(ws, n) {
  const dir = join(ws.base, `scale-${n}`);
  const ids = Array.from({ length: n }, (_, i) => (i === 0 ? STATEMENT : `${STATEMENT}-${i + 1}`));
  mkdirSync(join(dir, 'statements'), { recursive: true });
  mkdirSync(join(dir, 'translations'), { recursive: true });
  cpSync(join(ws.project, 'broadside.yaml'), join(dir, 'broadside.yaml'));
  const markdown = readFileSync(join(ws.project, 'statements', `${STATEMENT}.md`));
  for (const id of ids) writeFileSync(join(dir, 'statements', `${id}.md`), markdown);
  for (const name of readdirSync(join(ws.project, 'translations'))) {
    const from = join(ws.project, 'translations', name);
    if (!/\.ya?ml$/.test(name)) cpSync(from, join(dir, 'translations', name), { recursive: true });
    else writeFileSync(join(dir, 'translations', name), duplicateStatement(readFileSync(from, 'utf8'), ids, from));
  }
  return { dir, ids, inputs: PROJECT_FILES };
}

/**
 * Text-level copy of the `  mission-statement:` block of a translation file under each new id, so the
 * file keeps its layout (folded scalars, comments); checked by parsing the result.
 */
function duplicateStatement(text, ids, file) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s+${STATEMENT}:\\s*$`).test(l));
  if (start < 0) throw new Error(`${file}: no "${STATEMENT}:" entry under statements`);
  const indentOf = (l) => l.match(/^ */)[0].length;
  const indent = indentOf(lines[start]);
  let end = start + 1;
  while (end < lines.length && (lines[end].trim() === '' || indentOf(lines[end]) > indent)) end++;
  while (end > start + 1 && lines[end - 1].trim() === '') end--;
  const block = lines.slice(start, end);
  const copies = ids.filter((id) => id !== STATEMENT).flatMap((id) => [block[0].replace(`${STATEMENT}:`, `${id}:`), ...block.slice(1)]);
  const result = [...lines.slice(0, end), ...copies, ...lines.slice(end)].join('\n');
  const statements = parseYaml(result).statements ?? {};
  for (const id of ids) if (JSON.stringify(statements[id]) !== JSON.stringify(statements[STATEMENT])) throw new Error(`${file}: the generated entry for ${id} differs from ${STATEMENT}`);
  return result;
}

/** Leaves only the inputs in a scale project, so that a cold build finds nothing a build left there. */
function resetScaleProject(project) {
  for (const entry of readdirSync(project.dir)) if (!project.inputs.includes(entry)) rmSync(join(project.dir, entry), { recursive: true, force: true });
}

/** One timed `broadside build -q --json` in a scale project, with its tree's peak memory and its summary. */
async function timedBuild(ws, project, out, flags, memory = true) {
  let captured;
  const t = await timed(async () => {
    captured = await runSampled(process.execPath, [ws.bin, 'build', '-q', '--json', ...flags, '--out', out], { cwd: project.dir, memory });
  });
  let json;
  try {
    json = JSON.parse(captured.stdout);
  } catch {
    throw new Error(`broadside build ${flags.join(' ')} printed no JSON summary:\n${captured.stdout.slice(0, 500)}`);
  }
  return { ...t, memory: captured.memory, json };
}

/** Like run(), but keeps stdout and samples the memory of the process tree while it runs. */
function runSampled(cmd, args, { cwd, memory = true } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = child.pid && memory ? memorySampler(child.pid) : undefined;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', (error) => {
      sampler?.stop();
      reject(error);
    });
    child.on('close', (code, signal) => {
      const memory = sampler?.stop();
      if (code === 0) resolvePromise({ stdout, memory });
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}:\n${stderr.trim()}`));
    });
  });
}

function checkCold(run, out, expected) {
  const { json } = run;
  if (!json.ok || json.artifacts?.length !== expected) throw new Error(`cold build: expected ${expected} artifacts, the summary lists ${json.artifacts?.length} (ok: ${json.ok})`);
  const notBuilt = json.artifacts.filter((a) => a.status !== 'built');
  if (notBuilt.length) throw new Error(`cold build (--force) reused ${notBuilt.length} artifacts, e.g. ${notBuilt[0].path}`);
  expectFiles(json.artifacts.map((a) => join(out, a.path)));
}

function checkNoop(run, out, expected, before) {
  const { json, memory } = run;
  if (!json.ok || json.artifacts?.length !== expected) throw new Error(`no-op build: expected ${expected} artifacts, the summary lists ${json.artifacts?.length}`);
  if (json.changed !== false) throw new Error('no-op build: the summary says the output changed');
  const notReused = json.artifacts.filter((a) => a.status !== 'reused');
  if (notReused.length) throw new Error(`no-op build made ${notReused.length} artifacts again, e.g. ${notReused[0].path} (${notReused[0].status})`);
  const browser = memory?.otherNames.filter((name) => /chrom|headless/i.test(name)) ?? [];
  if (browser.length) throw new Error(`no-op build started a browser: ${browser.join(', ')}`);
  const after = listing(out);
  if (after !== before) throw new Error('no-op build: files in the output folder changed (path, inode, size or mtime)');
}

/** Every file under `dir` with inode, size and mtime, one a line, sorted: equal listings = nothing rewritten. */
function listing(dir) {
  const lines = [];
  const walk = (d, rel) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path, `${rel}${entry.name}/`);
      else {
        const st = statSync(path, { bigint: true });
        lines.push(`${rel}${entry.name} ${st.ino} ${st.size} ${st.mtimeNs}`);
      }
    }
  };
  walk(dir, '');
  return lines.sort().join('\n');
}

function printScale(scale) {
  const ms = (n) => Math.round(n).toLocaleString('en-US');
  const mb = (n) => (n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
  console.log(`\nScale series: N statements (copies of ${STATEMENT}) × ${scale.languages.length} languages (${scale.languages.join(', ')}) × ${scale.formats.join(', ')}; cold = --force into a fresh --out folder, no-op = the same command again without --force.`);
  console.log(`Medians over the rounds shown; peak memory = largest sum of RSS over the build's process tree (node + Chromium), sampled every ${scale.sampleMs} ms, median over rounds.`);
  const rows = [['N', 'artifacts', 'rounds', 'cold ms (min–max)', 'cold art./s', 'cold CPU ms', 'cold peak MB (node + Chromium)', 'processes besides node', 'no-op ms (min–max)', 'no-op peak MB', 'no-op / cold', 'verdict']];
  for (const r of scale.rows) {
    rows.push([
      r.statements,
      r.artifacts,
      r.rounds,
      `${ms(r.cold.median)} (${ms(r.cold.min)}–${ms(r.cold.max)})`,
      r.cold.artifactsPerSecond.toFixed(1),
      r.cold.cpuMedian === undefined ? 'n/a' : ms(r.cold.cpuMedian),
      `${mb(r.cold.peakTreeMB)} (${mb(r.cold.peakNodeMB)} + ${mb(r.cold.peakOthersMB)})`,
      r.cold.otherProcesses === undefined ? 'n/a' : `${r.cold.otherProcesses}`,
      `${ms(r.noop.median)} (${ms(r.noop.min)}–${ms(r.noop.max)})`,
      mb(r.noop.peakTreeMB),
      r.ratio.value.toFixed(3),
      `≤ ${NOOP_TARGET}: ${r.ratio.verdict}`,
    ]);
  }
  console.log(`\n${table(rows)}`);
  const phaseRows = [['N', 'build', 'load', 'render', 'print', 'write', 'in build()', 'process − build() (start-up, imports, exit)', 'ms per artifact']];
  for (const r of scale.rows) {
    for (const [kind, x] of [['cold', r.cold], ['no-op', r.noop]]) {
      phaseRows.push([r.statements, kind, ms(x.phases.loadMs), ms(x.phases.renderMs), ms(x.phases.printMs), ms(x.phases.writeMs), ms(x.phases.totalMs), ms(x.median - x.phases.totalMs), (x.median / r.artifacts).toFixed(1)]);
    }
  }
  console.log(`\nWhere the time goes (medians of \`build --json\` timings; the last column: wall ms / artifacts):\n${table(phaseRows)}`);
  for (let i = 1; i < scale.rows.length; i++) {
    const a = scale.rows[i - 1];
    const b = scale.rows[i];
    const marginal = (b.cold.median - a.cold.median) / (b.artifacts - a.artifacts);
    const marginalNoop = (b.noop.median - a.noop.median) / (b.artifacts - a.artifacts);
    console.log(`Marginal cost from N=${a.statements} to N=${b.statements}: cold ${marginal.toFixed(1)} ms per extra artifact, no-op ${marginalNoop.toFixed(2)} ms per extra artifact; ×${(b.cold.median / a.cold.median).toFixed(2)} cold time for ×${b.statements / a.statements} work.`);
  }
  for (const r of scale.rows) {
    if (!r.cold.otherNames || !r.noop.otherNames) console.log(`N=${r.statements}: processes not sampled (--no-memory, or no /proc): peak memory unknown, and that the no-op build started no browser is not checked.`);
    else console.log(`N=${r.statements}: processes besides node seen during cold builds: ${r.cold.otherNames.join(', ') || 'none'}; during no-op builds (checked: no browser): ${r.noop.otherNames.join(', ') || 'none'}.`);
  }
  for (const note of scale.notes) console.log(`  · ${note}`);
}

/**
 * The preview section: `broadside preview` runs in a copy of the project for the whole section, and
 * each round saves an edit and times, from just before the write to the moment the server serves it:
 *   preview-he-html  a Hebrew paragraph edited: the Hebrew page served with the edit;
 *   preview-he-pdf   the same save: the Hebrew PDF served anew (one contender times both, see below);
 *   preview-en-pdf   another paragraph of the English statement edited: every edition's PDF served anew.
 * The server is asked after every reload event it sends (and every 250 ms besides). Interleaved with
 * cold builds of the same work, each a fresh process: `build --format html,txt --lang he`,
 * `build --lang he` and `build` (all five editions). Targets (medians): html ≤ 1.0× the first, the
 * Hebrew PDF ≤ 0.6× the second, every PDF after the English save ≤ 1.5× the third. The preview's CPU
 * is the user + system time of its process tree (node and Chromium's live processes, from /proc),
 * before and after. Then --preview-rebuilds (100) more Hebrew saves, each awaited to its PDF, and the
 * resident memory of that tree after the 10th and after the last: growth over 10 % is a MISS.
 */
async function sectionPreview(ws, ctx, options) {
  const project = join(ws.base, 'preview-project');
  for (const f of PROJECT_FILES) cpSync(join(ROOT, f), join(project, f), { recursive: true });
  const out = join(project, 'dist');
  const preview = await startPreviewProcess(ws, project);
  const he = join(project, 'translations', 'he.yaml');
  const en = join(project, 'statements', `${STATEMENT}.md`);
  const heText = readFileSync(he, 'utf8');
  const enText = readFileSync(en, 'utf8');
  const HE_AT = 'מאגדת ארגונים';
  // Another paragraph than the Hebrew edit's: the English edit leaves its paragraph stale (shown in English) in every translation.
  const EN_AT = 'We believe in the deep values';
  if (!heText.includes(HE_AT) || !enText.includes(EN_AT)) throw new Error('the preview section edits a sentence the shipped project no longer has; update HE_AT and EN_AT');
  let saves = 0;
  /** A word no earlier save wrote, in Hebrew letters or Latin ones (no digits: a number a translation adds is a check finding). */
  const word = (letters) => {
    let n = ++saves;
    let w = '';
    for (; n > 0; n = Math.floor(n / letters.length)) w += letters[n % letters.length];
    return w;
  };
  /** Returns the edited sentence, which only the page of this save has. */
  const saveHebrew = () => {
    const edited = `מאגדת ${word([...'אבגדהוזחטיכלמנסעפצקרשת'])} ארגונים`;
    writeFileSync(he, heText.replace(HE_AT, edited));
    return edited;
  };
  const pdfPath = (lang) => `/${STATEMENT}/${lang}/${STATEMENT}.${lang}.pdf`;
  const heHtml = [];
  const contenders = [
    coldContender(ws, { id: 'cold-he-html-txt', label: 'cold `build --format html,txt --lang he` (1 process)', args: ['--format', 'html,txt', '--lang', 'he'], expected: [['he', 'html'], ['he', 'txt']] }),
    coldContender(ws, { id: 'cold-he', label: 'cold `build --lang he` (1 process)', args: ['--lang', 'he'], expected: [['he', 'html'], ['he', 'txt'], ['he', 'pdf']] }),
    coldContender(ws, { id: 'cold-all', label: `cold \`build\` (${ws.langs.length} editions, 1 process)`, args: [], expected: ws.langs.flatMap((l) => [[l, 'html'], [l, 'txt'], [l, 'pdf']]) }),
    {
      id: 'preview-he-pdf',
      label: 'preview: Hebrew save → new Hebrew PDF served',
      // Times the page too: (a) and (b) are two moments of the same save.
      async measure(round) {
        const before = await preview.sha(pdfPath('he'));
        const rebuilds = preview.rebuildsEnded();
        const cpu = preview.cpuMs();
        const start = performance.now();
        const edited = saveHebrew();
        let pageMs;
        await preview.until(async () => {
          if (pageMs === undefined && (await preview.text(`/${STATEMENT}/he/`)).includes(edited)) pageMs = performance.now() - start;
          return pageMs !== undefined && (await preview.sha(pdfPath('he'))) !== before;
        });
        if (round >= options.warmup) heHtml.push(pageMs);
        const measured = { wall: performance.now() - start, cpu: preview.cpuMs() - cpu };
        await preview.rebuiltAfter(rebuilds);
        return measured;
      },
      check: () => expectFiles([join(out, STATEMENT, 'he', `${STATEMENT}.he.pdf`)]),
    },
    {
      id: 'preview-en-pdf',
      label: `preview: English save → all ${ws.langs.length} PDFs served anew`,
      async measure() {
        const before = await Promise.all(ws.langs.map((l) => preview.sha(pdfPath(l))));
        const rebuilds = preview.rebuildsEnded();
        const cpu = preview.cpuMs();
        const start = performance.now();
        writeFileSync(en, enText.replace(EN_AT, `We ${word([...'abcdefghijklmnopqrstuvwxyz'])} believe in the deep values`));
        await preview.until(async () => (await Promise.all(ws.langs.map((l) => preview.sha(pdfPath(l))))).every((sha, i) => sha !== before[i]));
        const measured = { wall: performance.now() - start, cpu: preview.cpuMs() - cpu };
        await preview.rebuiltAfter(rebuilds);
        return measured;
      },
    },
  ];
  let results;
  let memory;
  try {
    results = await interleave(contenders, { ...options, label: 'preview' });
    results['preview-he-html'] = { label: 'preview: Hebrew save → new Hebrew page served (same saves)', ...summary(heHtml, []), foreignSamples: heHtml.map(() => undefined) };
    memory = await rebuildMemory(preview, options.previewRebuilds, saveHebrew, pdfPath('he'));
  } finally {
    await preview.stop();
    writeFileSync(he, heText);
    writeFileSync(en, enText);
  }
  const ratios = [
    ratio(results, 'preview-he-html', 'cold-he-html-txt', 1.0, 'preview Hebrew page / cold html,txt --lang he', 'from the write of the translation to the page served with the edit'),
    ratio(results, 'preview-he-pdf', 'cold-he', 0.6, 'preview Hebrew PDF / cold build --lang he', 'the same save, to the new Hebrew PDF served'),
    ratio(results, 'preview-en-pdf', 'cold-all', 1.5, 'preview all PDFs after an English save / cold build', 'every edition changes: the edited passage is stale in each translation and shown in English'),
  ];
  const print = () => {
    if (!memory) return;
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(`
Preview memory (resident, node + browser processes): after rebuild 1 ${mb(memory.first.treeKb)} (node ${mb(memory.first.nodeKb)}), after rebuild 10 ${mb(memory.tenth.treeKb)} (node ${mb(memory.tenth.nodeKb)}), after rebuild ${memory.rebuilds} ${mb(memory.last.treeKb)} (node ${mb(memory.last.nodeKb)}, ${memory.last.processes} processes): growth from the 10th ${(memory.growth * 100).toFixed(1)} % (target ≤ 10 %): ${memory.growth <= 0.1 ? 'PASS' : 'MISS'}; median rebuild to PDF ${Math.round(memory.medianMs)} ms.`);
  };
  return { results, ratios, skipped: [], busyBefore: results.busyBefore, memory, print };
}

/** A cold `broadside build ARGS` of the project copy into a fresh folder. */
function coldContender(ws, { id, label, args, expected }) {
  let out;
  return {
    id,
    label,
    prepare(round) {
      ws.resetProject();
      out = ws.freshDir(`${id}-${round}`);
    },
    run: () => run(process.execPath, [ws.bin, 'build', '-q', ...args, '--out', out], { cwd: ws.project }),
    check: () => expectFiles(expected.map(([l, ext]) => (ext === 'html' ? join(out, STATEMENT, l, 'index.html') : join(out, STATEMENT, l, `${STATEMENT}.${l}.${ext}`)))),
  };
}

/** `broadside preview --port 0` in `project`, once its first build is written, with ways to ask it and to wait for it. */
async function startPreviewProcess(ws, project) {
  const child = spawn(process.execPath, [ws.bin, 'preview', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Every rebuild ends with one line that starts with its time ("[12:34:56] Wrote …").
  let ended = 0;
  let partial = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    ended += lines.filter((line) => /^\[\d\d:\d\d:\d\d\] /.test(line)).length;
  });
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const deadline = performance.now() + 120_000;
  while (!/Wrote \d+ of \d+ files|build failed/.test(stderr)) {
    if (performance.now() > deadline || child.exitCode !== null) throw new Error(`preview did not start:\n${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!/Wrote \d+ of \d+ files/.test(stderr)) throw new Error(`preview's first build failed:\n${stderr}`);
  const base = /Previewing at (\S+)/.exec(stdout)[1];
  let wake;
  const events = await fetch(new URL('__broadside/events', base));
  const reader = events.body.getReader();
  (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) wake?.();
  })().catch(() => undefined);
  const get = async (path) => {
    const response = await fetch(new URL(path.slice(1), base));
    if (!response.ok) return undefined;
    return Buffer.from(await response.arrayBuffer());
  };
  return {
    pid: child.pid,
    text: async (path) => (await get(path))?.toString('utf8') ?? '',
    sha: async (path) => {
      const body = await get(path);
      return body && createHash('sha256').update(body).digest('hex');
    },
    /** Resolves once `done()` is true, asking after every reload event and every 250 ms; fails after 5 minutes. */
    async until(done) {
      const giveUp = performance.now() + 300_000;
      while (!(await done())) {
        if (performance.now() > giveUp) throw new Error(`the preview did not serve the edit within 5 minutes:\n${stderr.slice(-3000)}`);
        await new Promise((r) => {
          const timer = setTimeout(r, 250);
          wake = () => {
            clearTimeout(timer);
            r();
          };
        });
      }
    },
    /** How many rebuilds have ended so far. */
    rebuildsEnded: () => ended,
    /**
     * Resolves once more than `count` rebuilds have ended: a save's rebuild goes on after the file
     * measured is served (the parallel editions' PDFs come last), and must not run into what is
     * measured next.
     */
    async rebuiltAfter(count) {
      await this.until(async () => ended > count);
    },
    /** User + system CPU (ms) of the preview's live process tree. */
    cpuMs() {
      const table = processTable();
      if (!table) return undefined;
      let ms = 0;
      for (const pid of treeOf(table, child.pid)) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          ms += (Number(f[11]) + Number(f[12])) * CLOCK_TICK_MS;
        } catch {
          // exited meanwhile
        }
      }
      return ms;
    },
    /** Resident memory (kB) of the preview's process tree and of its node process. */
    memory() {
      const table = processTable();
      if (!table) return undefined;
      const tree = treeOf(table, child.pid);
      return { treeKb: [...tree].reduce((sum, pid) => sum + table.get(pid).rssKb, 0), nodeKb: table.get(child.pid)?.rssKb ?? 0, processes: tree.size };
    },
    async stop() {
      await reader.cancel().catch(() => undefined);
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** `rebuilds` Hebrew saves, each awaited until its PDF is served; the tree's memory after the 1st, 10th and last. */
async function rebuildMemory(preview, rebuilds, saveHebrew, pdf) {
  if (!rebuilds || !preview.memory()) return undefined;
  const taken = {};
  const times = [];
  for (let i = 1; i <= rebuilds; i++) {
    const before = await preview.sha(pdf);
    const rebuilds = preview.rebuildsEnded();
    const start = performance.now();
    saveHebrew();
    await preview.until(async () => (await preview.sha(pdf)) !== before);
    times.push(performance.now() - start);
    await preview.rebuiltAfter(rebuilds);
    if (i === 1) taken.first = preview.memory();
    if (i === Math.min(10, rebuilds)) taken.tenth = preview.memory();
    if (i % 25 === 0) process.stderr.write(`  [preview] ${i}/${rebuilds} rebuilds, ${Math.round(preview.memory().treeKb / 1024)} MB\n`);
  }
  taken.last = preview.memory();
  return { rebuilds, ...taken, growth: taken.last.treeKb / taken.tenth.treeKb - 1, medianMs: median(times) };
}

const SECTIONS = { pdf: sectionPdf, text: sectionText, scale: sectionScale, preview: sectionPreview };
/** Names for several sections at once (--only peers). */
const SECTION_GROUPS = { peers: ['pdf', 'text'] };

// ---------------------------------------------------------------------------------------------
// machine info and report

function machineInfo(tools) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  const memKb = Number(meminfo.match(/^MemTotal:\s*(\d+)/m)?.[1] ?? totalmem() / 1024);
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] : undefined;
  return {
    nproc: Number(firstLine('nproc', [])) || cpus().length,
    cpu: model,
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    os: osRelease ?? process.platform,
    user: IS_ROOT ? 'root (chromium needs --no-sandbox)' : 'unprivileged (chromium sandbox on)',
    node: process.version,
    chromium: tools.chromium ? firstLine('chromium', ['--version']) : 'not installed',
    pandoc: tools.pandoc ? firstLine('pandoc', ['--version']) : 'not installed',
    weasyprint: tools.weasyprint ? firstLine('weasyprint', ['--version']) : 'not installed',
    broadside: broadsideVersion(),
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

/** Version, commit, and whether build/ was compiled from a working tree with uncommitted changes. */
function broadsideVersion() {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const git = (args) => spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8' });
  const commit = git(['rev-parse', '--short', 'HEAD']).stdout?.trim();
  if (!commit) return version;
  const dirty = git(['status', '--porcelain', '--', 'src', 'templates']).stdout?.trim();
  return `${version} at ${commit}${dirty ? ' + uncommitted changes in src/ or templates/' : ''}`;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

/**
 * PASS or MISS on the all-rounds median; flagged when the quiet rounds say otherwise, or when too few
 * rounds were quiet to tell (load from other processes can move a ratio either way: it slows process-
 * per-file scripts more than one long-lived process, and a warm cache helps whoever runs second).
 */
function verdict(r) {
  if (r.pass === undefined) return '(info)';
  const word = (pass) => (pass ? 'PASS' : 'MISS');
  if (r.quietRounds === undefined) return word(r.pass);
  if (r.quietValue === undefined) return `${word(r.pass)} (disturbed)`;
  const quietPass = r.quietValue <= r.target;
  return quietPass === r.pass ? word(r.pass) : `${word(r.pass)} (quiet: ${word(quietPass)})`;
}

function report(info, sections, options, ctx) {
  const ms = (n) => Math.round(n).toLocaleString('en-US');
  console.log('\nMachine');
  for (const [k, v] of Object.entries(info)) console.log(`  ${k.padEnd(18)} ${Array.isArray(v) ? v.join(' ') : v}`);
  const peers = Object.keys(sections).some((name) => name !== 'scale');
  if (peers) {
    console.log(`\n${options.rounds} measured rounds after ${options.warmup} warm-up round(s) in pdf and text; contenders interleaved, order rotated each round; times are wall-clock ms per contender (all its processes).`);
    console.log(`Broadside: cold builds (${ctx.flags.force ? '--force, ' : ''}no cache dir left in the project, fresh --out each round), ${options.snapshot ? 'from a copy of bin/, build/ and templates/ taken at the start' : 'run in place'}.`);
    console.log('The chromium and pandoc contenders start one process per file; "sequential" means one after another, as a shell loop runs them.');
  }
  if (sections.scale) console.log(`\nScale: up to ${options.scaleRounds} rounds per size after ${options.warmup} warm-up pair(s) (see the notes below the scale table); ${options.snapshot ? 'CLI from a copy of bin/, build/ and templates/ taken at the start' : 'CLI run in place'}.`);
  const pct = (v) => (v === undefined ? 'n/a' : `${Math.round(v * 100)}%`);
  if (!REAPER_PID) console.log('CPU time is not shown: without python3 (or off Linux) the CPU of Chromium\'s orphaned helper processes cannot be counted.');
  const rows = [['contender', 'median ms', 'min', 'max', 'CPU ms (median)', 'others\' CPU (median)']];
  for (const s of Object.values(sections)) {
    for (const r of Object.values(s.results)) {
      const foreign = r.foreignSamples.length && r.foreignSamples.every((f) => f !== undefined) ? median(r.foreignSamples) : undefined;
      rows.push([r.label, ms(r.median), ms(r.min), ms(r.max), r.cpuMedian === undefined ? 'n/a' : ms(r.cpuMedian), pct(foreign)]);
    }
  }
  console.log(`\n${table(rows)}`);
  const ratioRows = [['ratio (wall, of medians)', 'value', 'per-round range', 'target', 'verdict', 'quiet rounds only', 'CPU-time ratio']];
  for (const s of Object.values(sections)) {
    for (const r of s.ratios) {
      const quiet = r.quietRounds === undefined ? 'n/a' : r.quietValue === undefined ? `n/a (${r.quietRounds} quiet)` : `${r.quietValue.toFixed(2)} (${r.quietRounds} of ${r.rounds})`;
      ratioRows.push([r.name, r.value.toFixed(2), `${r.pairedMin.toFixed(2)}–${r.pairedMax.toFixed(2)}`, r.target === undefined ? '' : `≤ ${r.target}`, verdict(r), quiet, r.cpuValue === undefined ? 'n/a' : r.cpuValue.toFixed(2)]);
    }
  }
  console.log(`\n${table(ratioRows)}`);
  for (const sec of Object.values(sections)) sec.print?.();
  console.log('Verdicts are on wall-clock medians over all measured rounds (what a user waits for); "(disturbed)": fewer than 3 rounds were');
  console.log('quiet, so rerun on an idle machine before trusting the verdict; "(quiet: …)": the undisturbed rounds disagree.');
  console.log(`"others' CPU": share of the machine other processes used while a contender ran; "quiet rounds only": the ratio over rounds where that stayed under ${QUIET_FOREIGN_SHARE * 100}% for both sides (needs 3+).`);
  console.log('CPU time (user + system of the whole process tree, Chromium\'s helper processes included) changes little with load; it is shown as a check against noise.');
  for (const s of Object.values(sections)) for (const r of s.ratios) if (r.note) console.log(`  · ${r.name}: ${r.note}`);
  const skipped = Object.values(sections).flatMap((s) => s.skipped);
  if (skipped.length) console.log(`\nSkipped:\n${skipped.map((s) => `  - ${s}`).join('\n')}`);
  for (const [name, s] of Object.entries(sections)) {
    const busy = (s.busyBefore ?? []).filter((b) => b !== undefined);
    if (busy.length) console.log(`Section ${name}: machine busy before its measured rounds: ${busy.map((b) => `${Math.round(b * 100)}%`).join(' ')} (quiet = under ${QUIET_BUSY_SHARE * 100}%; waited up to ${options.settleSeconds} s for it).`);
  }
  console.log(`\nLoad average at start ${info.loadAverageAtStart.join(' ')}, at end ${loadavg().map((n) => n.toFixed(2)).join(' ')} (other processes on the machine add noise; ratios are within-round comparisons).`);
}

// ---------------------------------------------------------------------------------------------

/** Runs this script again under the subreaper (see REAPER_PY); returns its exit code, or undefined. */
function underSubreaper() {
  if (REAPER_PID || process.platform !== 'linux' || process.env.BROADSIDE_BENCH_NO_REAPER || !have('python3')) return undefined;
  const r = spawnSync('python3', ['-c', REAPER_PY, process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  return r.error ? undefined : (r.status ?? 1);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const code = underSubreaper();
  if (code !== undefined) process.exit(code);
  // bin/broadside.cjs runs the built CLI (an esbuild bundle under build/): it must exist.
  if (!existsSync(join(ROOT, BUNDLE))) fail(`${BUNDLE} is missing: run \`npm run bundle\` (or \`npm ci\`, which runs it) first.`);
  const tools = { chromium: have('chromium'), pandoc: have('pandoc'), weasyprint: have('weasyprint') };
  const info = machineInfo(tools);
  const ws = setupWorkspace(options);
  process.stderr.write(`bench: working in ${ws.base}${options.keep ? ' (kept)' : ''}; CLI: ${ws.bin}\n`);
  const ctx = { tools };
  try {
    ctx.flags = broadsideBuildFlags(ws);
    const selected = options.sections ?? Object.keys(SECTIONS);
    // Inputs of the peer comparisons only: the HTML chromium prints, and Markdown for pandoc.
    if (selected.includes('pdf')) ctx.reference = await referenceBuild(ws, ctx);
    ctx.markdown = tools.pandoc && (selected.includes('pdf') || selected.includes('text')) ? pandocInputs(ws) : {};
    const sections = {};
    for (const name of selected) sections[name] = await SECTIONS[name](ws, ctx, options);
    report(info, sections, options, ctx);
    if (options.json) {
      const json = {
        date: new Date().toISOString(),
        rounds: options.rounds,
        warmup: options.warmup,
        settleSeconds: options.settleSeconds,
        machine: { ...info, loadAverageAtEnd: loadavg() },
        broadsideFlags: ctx.flags,
        sections: Object.fromEntries(Object.entries(sections).map(([name, s]) => [name, { results: s.results, ratios: s.ratios, skipped: s.skipped, machineBusyBeforeEachRound: s.busyBefore, ...(s.scale ? { scale: s.scale } : {}), ...(s.memory ? { memory: s.memory } : {}) }])),
      };
      mkdirSync(dirname(options.json), { recursive: true });
      writeFileSync(options.json, `${JSON.stringify(json, null, 2)}\n`);
      console.log(`\nJSON written to ${options.json}`);
    }
  } finally {
    ws.cleanup();
  }
}

await main();
