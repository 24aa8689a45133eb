import type { Statement } from '../model/statement.js';

/** SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed timestamp. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** The date a build stands for: SOURCE_DATE_EPOCH, else the newest statement's date (midnight UTC). */
export function sourceDate(env: NodeJS.ProcessEnv, statements: readonly Statement[]): Date {
  const newest = statements.map((s) => s.meta.date).sort().pop();
  return sourceDateEpoch(env) ?? new Date(`${newest ?? '1980-01-01'}T00:00:00Z`);
}
