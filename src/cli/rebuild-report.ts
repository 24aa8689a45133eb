import type { BuildResult } from '../build/build.js';
import { BroadsideError, formatLocation } from '../errors.js';
import type { Rebuild, WatchCallbacks } from '../watch/watch.js';
import type { CliProcess } from './io.js';

/** What `build --watch` and `preview` print after each build: one line a build, errors in full. */
export function reportRebuilds(proc: CliProcess, { quiet = false } = {}): Pick<WatchCallbacks<BuildResult>, 'onResult' | 'onError' | 'onAbandoned'> {
  return {
    onResult(result, rebuild) {
      if (quiet) return;
      for (const warning of result.warnings) proc.stderr.write(`warning: ${formatLocation({ file: warning.file, line: warning.line, column: warning.column })}: ${warning.message}\n`);
      proc.stderr.write(`${clock()} ${outcome(result)} in ${seconds(rebuild)}${trigger(rebuild)}\n`);
    },
    onError(error, rebuild) {
      const message = error instanceof BroadsideError ? error.format() : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      proc.stderr.write(`${clock()} The build failed${trigger(rebuild)}:\nerror: ${message}\nThe previous output is unchanged; waiting for the next save.\n`);
    },
    onAbandoned(rebuild) {
      if (!quiet) proc.stderr.write(`${clock()} A newer save came: the build${trigger(rebuild)} was left off, the next one has its changes\n`);
    },
  };
}

function outcome(result: BuildResult): string {
  if (!result.changed) return `Up to date: nothing to write to ${result.outDir}`;
  const built = result.artifacts.filter((a) => a.status === 'built').length;
  return `Wrote ${built} of ${result.artifacts.length} files to ${result.outDir}`;
}

function clock(): string {
  return `[${new Date().toTimeString().slice(0, 8)}]`;
}

function seconds({ durationMs }: Rebuild): string {
  return `${(durationMs / 1000).toFixed(1)} s`;
}

function trigger({ changed }: Rebuild): string {
  return changed.length ? ` (after saving ${changed.join(', ')})` : '';
}
