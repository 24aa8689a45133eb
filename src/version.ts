import { createRequire } from 'node:module';

/** Broadside's own version, from package.json (one folder up from both src/ and build/). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
