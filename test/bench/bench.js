#!/usr/bin/env node
// `npm run bench`: how fast is Broadside next to the tools people would otherwise script?
//
// Every contender is a fresh process (or a chain of processes) started the way a user would start it,
// in a temporary copy of the project. Contenders of a section are interleaved round by round (the
// order rotates every round), the first round is a discarded warm-up, and the table reports medians.
// Interleaving keeps ratios fair when something else on the machine (another test run) steals CPU:
// both sides of a ratio see the same noise in the same round.
//
//   node test/bench/bench.js [--rounds N] [--warmup N] [--settle S] [--json FILE] [--sections pdf,text]
//                            [--keep] [--no-snapshot]
//
// --settle S: before each round, wait up to S seconds (default 20) for the machine to be mostly idle
// (< 15 % busy over a second, from /proc/stat); the busy share seen is printed with every round.
// --keep: leave the temporary directory. --no-snapshot: run bin/broadside.js in place instead of a
// copy of bin/, build/ and templates/ taken at the start (the copy shields the run from rebuilds of
// build/ by other people working in the same tree).
//
// Reported per contender: wall-clock median/min/max (the verdicts use these), CPU time of its whole
// process tree, and the share of the machine other processes used meanwhile; ratios are also given
// over the undisturbed rounds only. CPU figures need Linux and python3 (see REAPER_PY);
// BROADSIDE_BENCH_NO_REAPER=1 turns that off.
//
// Sections are functions (see SECTIONS at the bottom); each one returns contenders and ratios, so a
// later section (e.g. a scale series: 1/10/50 statements, cold and no-op builds) is one more function.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What a snapshot of the CLI needs: its entry point, compiled code, templates and package.json. */
const APP_FILES = ['package.json', 'bin', 'build', 'templates'];
const PROJECT_FILES = ['broadside.yaml', 'statements', 'translations'];
const STATEMENT = 'mission-statement';
const RTL = new Set(['he', 'ar']);
const IS_ROOT = process.getuid?.() === 0;

// ---------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const options = { rounds: 7, warmup: 1, settleSeconds: 20, json: undefined, sections: undefined, keep: false, snapshot: true };
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
    else if (arg === '--sections') options.sections = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--no-snapshot') options.snapshot = false;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node test/bench/bench.js [--rounds N (7)] [--warmup N (1)] [--settle SECONDS (20; 0 = off)] [--json FILE] [--sections ' + Object.keys(SECTIONS).join(',') + '] [--keep] [--no-snapshot]');
      process.exit(0);
    } else fail(`unknown option ${arg}`);
  }
  for (const s of options.sections ?? []) if (!SECTIONS[s]) fail(`unknown section ${s}; choose from ${Object.keys(SECTIONS).join(', ')}`);
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
function run(cmd, args, { cwd } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
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
 * `check(round)` (untimed: the outputs exist, so a fast failure is never mistaken for speed).
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
      const { wall, cpu, foreign } = await timed(() => c.run(round));
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
// the workspace: a temporary copy of the project, reference outputs, pandoc inputs

function setupWorkspace({ keep, snapshot }) {
  const base = mkdtempSync(join(tmpdir(), 'broadside-bench-'));
  // Other people rebuild build/ in this tree while the benchmark runs (minutes): measure one fixed
  // copy of the CLI instead, started exactly as a user starts it (node bin/broadside.js).
  let bin = join(ROOT, 'bin/broadside.js');
  if (snapshot) {
    const app = join(base, 'app');
    for (const f of APP_FILES) cpSync(join(ROOT, f), join(app, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    bin = join(app, 'bin/broadside.js');
  }
  const project = join(base, 'project');
  mkdirSync(project);
  for (const f of PROJECT_FILES) cpSync(join(ROOT, f), join(project, f), { recursive: true });
  const runs = join(base, 'runs');
  mkdirSync(runs);
  const config = parseYaml(readFileSync(join(project, 'broadside.yaml'), 'utf8'));
  const langs = config.languages.map((l) => l.code);
  return {
    base,
    bin,
    project,
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
      for (const entry of readdirSync(project)) {
        if (!PROJECT_FILES.includes(entry)) rmSync(join(project, entry), { recursive: true, force: true });
      }
    },
    cleanup() {
      if (!keep) rmSync(base, { recursive: true, force: true });
    },
  };
}

function broadsideBuildFlags(ws) {
  const help = spawnSync(process.execPath, [ws.bin, 'build', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`\`broadside build --help\` failed; run \`npx tsc -p tsconfig.build.json\` first.\n${help.stderr}`);
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

function broadsideContender(ws, ctx, { id, label, formats, expected }) {
  const extra = formats ? ['--format', formats] : [];
  let out;
  return {
    id,
    label,
    prepare(round) {
      ws.resetProject(); // cold: no cache left by an earlier round
      out = ws.freshDir(`${id}-${round}`);
    },
    run: () => run(process.execPath, [ws.bin, 'build', '-q', ...(ctx.flags.force ? ['--force'] : []), ...extra, '--out', out], { cwd: ws.project }),
    check() {
      expectFiles(ws.langs.flatMap((l) => expected.map((ext) => (ext === 'html' ? join(out, STATEMENT, l, 'index.html') : join(out, STATEMENT, l, `${STATEMENT}.${l}.${ext}`)))));
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
    ratios.push(ratio(results, 'broadside-full', 'chromium-seq', 0.35, 'full build / (a) chromium, sequential', 'the issue\'s target: one process per file, one after another, as a shell loop runs them'));
    ratios.push(ratio(results, 'broadside-full', 'chromium-par2', 0.35, 'full build / (a\') chromium, 2 at a time', 'fairness check, same target: the shell loop given both cores (xargs -P 2)'));
    ratios.push(ratio(results, 'chromium-par2', 'chromium-seq', undefined, '(a\') 2 at a time / (a) sequential', 'what running the chromium processes in parallel buys on 2 cores'));
  }
  if (results['pandoc-weasyprint']) ratios.push(ratio(results, 'broadside-full', 'pandoc-weasyprint', 0.5, 'full build / (b) pandoc + weasyprint', 'Broadside also writes HTML and text in that time; (b) writes PDFs only'));
  return { results, ratios, skipped, busyBefore: results.busyBefore };
}

/** HTML + text build against pandoc writing HTML and plain text (10 processes). */
async function sectionText(ws, ctx, options) {
  const contenders = [broadsideContender(ws, ctx, { id: 'broadside-html-txt', label: `Broadside build --format html,txt (${ws.langs.length} langs, 1 process)`, formats: 'html,txt', expected: ['html', 'txt'] })];
  const skipped = [];
  if (ctx.tools.pandoc) contenders.push(pandocTextContender(ws, ctx));
  else skipped.push('pandoc HTML + text: `pandoc` is not installed');
  const results = await interleave(contenders, { ...options, label: 'text' });
  const ratios = results['pandoc-html-txt'] ? [ratio(results, 'broadside-html-txt', 'pandoc-html-txt', 0.6, 'html+txt / pandoc HTML + text')] : [];
  return { results, ratios, skipped, busyBefore: results.busyBefore };
}

// A scale series would go here: async function sectionScale(ws, ctx, options) { … } making 1/10/50
// statement copies in its own project directory, timing cold (--force / no cache) and no-op builds.
const SECTIONS = { pdf: sectionPdf, text: sectionText };

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
  console.log(`\n${options.rounds} measured rounds after ${options.warmup} warm-up round(s); contenders interleaved, order rotated each round; times are wall-clock ms per contender (all its processes).`);
  console.log(`Broadside: cold builds (${ctx.flags.force ? '--force, ' : ''}no cache dir left in the project, fresh --out each round), ${options.snapshot ? 'from a copy of bin/, build/ and templates/ taken at the start' : 'run in place'}.`);
  console.log('The chromium and pandoc contenders start one process per file; "sequential" means one after another, as a shell loop runs them.');
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
      const quiet = r.quietRounds === undefined ? 'n/a' : r.quietValue === undefined ? `n/a (${r.quietRounds} quiet)` : `${r.quietValue.toFixed(2)} (${r.quietRounds} of ${options.rounds})`;
      ratioRows.push([r.name, r.value.toFixed(2), `${r.pairedMin.toFixed(2)}–${r.pairedMax.toFixed(2)}`, r.target === undefined ? '' : `≤ ${r.target}`, verdict(r), quiet, r.cpuValue === undefined ? 'n/a' : r.cpuValue.toFixed(2)]);
    }
  }
  console.log(`\n${table(ratioRows)}`);
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
  if (!existsSync(join(ROOT, 'build/cli/main.js'))) fail('build/ is missing: run `npx tsc -p tsconfig.build.json` (or `npm ci`, which runs it) first.');
  const tools = { chromium: have('chromium'), pandoc: have('pandoc'), weasyprint: have('weasyprint') };
  const info = machineInfo(tools);
  const ws = setupWorkspace(options);
  process.stderr.write(`bench: working in ${ws.base}${options.keep ? ' (kept)' : ''}; CLI: ${ws.bin}\n`);
  const ctx = { tools };
  try {
    ctx.flags = broadsideBuildFlags(ws);
    ctx.reference = await referenceBuild(ws, ctx);
    ctx.markdown = tools.pandoc ? pandocInputs(ws) : {};
    const sections = {};
    for (const name of options.sections ?? Object.keys(SECTIONS)) sections[name] = await SECTIONS[name](ws, ctx, options);
    report(info, sections, options, ctx);
    if (options.json) {
      const json = {
        date: new Date().toISOString(),
        rounds: options.rounds,
        warmup: options.warmup,
        settleSeconds: options.settleSeconds,
        machine: { ...info, loadAverageAtEnd: loadavg() },
        broadsideFlags: ctx.flags,
        sections: Object.fromEntries(Object.entries(sections).map(([name, s]) => [name, { results: s.results, ratios: s.ratios, skipped: s.skipped, machineBusyBeforeEachRound: s.busyBefore }])),
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
