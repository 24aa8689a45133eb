import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
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

/**
 * Removes a profile, and the folder Chromium keeps its singleton socket in (`org.chromium.Chromium.*`
 * in the temporary folder, linked from the profile), which Chromium removes only when it shuts down
 * cleanly: the printer kills it once every PDF is in hand.
 */
export async function removeProfile(dir: string): Promise<void> {
  const socket = await readlink(join(dir, 'SingletonSocket')).catch(() => undefined);
  // Chromium's helper processes may still be writing to it for a moment after the browser closed.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  if (socket && basename(dirname(socket)).startsWith('org.chromium.Chromium.')) await rm(dirname(socket), { recursive: true, force: true });
}

async function removeOrphanedProfiles(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [])) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (!isAlive(pid)) await removeProfile(join(tmpdir(), name));
  }
}
