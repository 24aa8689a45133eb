import type { BuildResult } from '../build/build.js';
import type { Gate } from '../build/gate.js';
import { ExitCode } from '../errors.js';
import type { Finding } from '../model/finding.js';
import type { Shard } from '../plan/shard.js';
import { VERSION } from '../version.js';
import { failureFields } from './failure.js';

/** Bumped only when a field changes meaning or disappears; new fields may be added within a version. */
export const BUILD_SUMMARY_SCHEMA_VERSION = 1;

/** `broadside build --json` after a build that succeeded; see docs/publishing.md. */
export function successSummary(result: BuildResult, shard: Shard | undefined): string {
  return json({
    schemaVersion: BUILD_SUMMARY_SCHEMA_VERSION,
    ok: true,
    exitCode: ExitCode.ok,
    broadside: VERSION,
    outDir: result.outDir,
    changed: result.changed,
    shard: shard ? `${shard.index}/${shard.count}` : null,
    languages: result.languages,
    artifacts: result.artifacts.map((a) => ({ path: a.path, statement: a.statement, lang: a.lang, format: a.format, bytes: a.bytes, sha256: a.sha256, status: a.status })),
    warnings: result.warnings.map(findingJson),
    errors: [],
    timings: result.timings,
  });
}

/** `broadside build --json` after a build that failed: the error, and the findings that failed it. */
export function failureSummary(error: unknown, gate: Gate | undefined): string {
  return json({
    ...failureFields(error, BUILD_SUMMARY_SCHEMA_VERSION),
    warnings: (gate?.warnings ?? []).map(findingJson),
    errors: (gate?.errors ?? []).map(findingJson),
  });
}

/** The same fields as `broadside check --format json`, with null for what a finding does not have. */
function findingJson(f: Finding): Record<string, unknown> {
  return { check: f.check, severity: f.severity, file: f.file, line: f.line ?? null, column: f.column ?? null, lang: f.lang ?? null, statement: f.statement ?? null, key: f.key ?? null, message: f.message };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
