import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { tempDir } from './helpers.js';

describe('writeFileAtomic', () => {
  it('writes the file, creating its folder, and leaves no temporary file', async () => {
    const dir = await tempDir('atomic');
    await writeFileAtomic(join(dir, 'sub/he.yaml'), 'language: he\n');
    expect(await readFile(join(dir, 'sub/he.yaml'), 'utf8')).toBe('language: he\n');
    expect(await readdir(join(dir, 'sub'))).toEqual(['he.yaml']);
  });

  it('replaces the file by renaming a complete copy over it, never by writing into it', async () => {
    const dir = await tempDir('atomic');
    const path = join(dir, 'he.yaml');
    await writeFile(path, 'old\n');
    const before = (await stat(path)).ino;
    await writeFileAtomic(path, 'new\n');
    expect(await readFile(path, 'utf8')).toBe('new\n');
    expect((await stat(path)).ino).not.toBe(before);
  });

  it('fails without touching what is there and cleans up its temporary file', async () => {
    const dir = await tempDir('atomic');
    const path = join(dir, 'he.yaml');
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'kept');
    await expect(writeFileAtomic(path, 'data')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['he.yaml']);
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('kept');
  });
});
