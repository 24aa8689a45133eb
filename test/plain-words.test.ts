/** Mistakes a user makes at the command line or in the environment, and what Broadside says about them. */
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { makeProject, runCli } from './helpers.js';

describe('SOURCE_DATE_EPOCH', () => {
  for (const [value, why] of [
    ['99999999999999', 'is later than the latest date an archive can hold'],
    ['1.6e9', 'is not a whole number of seconds since 1970-01-01 UTC'],
    ['-1', 'is not a whole number'],
    ['2020-02-11', 'is not a whole number'],
  ] as const) {
    it(`=${value} is refused by build, review and release alike, before anything is written`, async () => {
      const project = await makeProject();
      for (const args of [['build', '--format', 'html,txt'], ['review', 'he', '--no-pdf'], ['release', '--out', 'release']]) {
        const result = await runCli(args, project, { SOURCE_DATE_EPOCH: value });
        expect(result.code, `${args[0]}: ${result.stderr}`).toBe(ExitCode.usage);
        expect(result.stderr).toContain(`error: SOURCE_DATE_EPOCH="${value}" ${why}`);
        expect(result.stderr).toContain('SOURCE_DATE_EPOCH=1581379200');
        expect(result.stderr).not.toMatch(/internal error|Invalid time value/);
      }
      expect((await readdir(project)).filter((name) => name === 'dist' || name === 'release')).toEqual([]);
    });
  }

  it('empty is the same as unset', async () => {
    const project = await makeProject();
    expect((await runCli(['build', '--format', 'txt', '--quiet'], project, { SOURCE_DATE_EPOCH: '' })).code).toBe(0);
  });
});
