import { UsageError } from '../errors.js';
import type { Statement } from '../model/statement.js';

/** The latest second a ustar archive's 11 octal digits can hold (2242-03-16): every output can carry it. */
const LATEST_EPOCH = 8 ** 11 - 1;

/**
 * SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed timestamp: whole seconds since
 * 1970-01-01 UTC. Unset or empty is no fixed date; anything else that is not such a number is refused.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (/^\d{1,12}$/.test(epoch) && Number(epoch) <= LATEST_EPOCH) return new Date(Number(epoch) * 1000);
  const why = /^\d+$/.test(epoch) ? `is later than the latest date an archive can hold (${LATEST_EPOCH}, ${new Date(LATEST_EPOCH * 1000).toISOString().slice(0, 10)})` : 'is not a whole number of seconds since 1970-01-01 UTC';
  throw new UsageError(
    `SOURCE_DATE_EPOCH=${JSON.stringify(epoch).slice(0, 40)} ${why}`,
    undefined,
    'set it to digits only, such as SOURCE_DATE_EPOCH=1581379200 for 2020-02-11, or SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); or unset it to use the statements’ own dates.',
  );
}

/** The date a build stands for: SOURCE_DATE_EPOCH, else the newest statement's date (midnight UTC). */
export function sourceDate(env: NodeJS.ProcessEnv, statements: readonly Statement[]): Date {
  const newest = statements.map((s) => s.meta.date).sort().pop();
  return sourceDateEpoch(env) ?? new Date(`${newest ?? '1980-01-01'}T00:00:00Z`);
}
