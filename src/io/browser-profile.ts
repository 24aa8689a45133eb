import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from './process-alive.js';

const PREFIX = 'broadside-chromium-';

/**
 * A fresh browser profile folder for one build, named after the process. Puppeteer removes its own
 * profile only when the browser closes cleanly; this one is removed by the next build when the
 * process that made it was killed.
 */
export async function createProfile(): Promise<string> {
  await removeOrphanedProfiles();
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

export async function removeProfile(dir: string): Promise<void> {
  // Chromium's helper processes may still be writing to it for a moment after the browser closed.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

async function removeOrphanedProfiles(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!isAlive(pid)) await removeProfile(join(tmpdir(), name));
  }
}
