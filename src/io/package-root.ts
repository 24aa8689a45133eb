import { fileURLToPath } from 'node:url';

/**
 * Broadside's own folder (where package.json and templates/ are). This module sits two levels
 * below it in every form Broadside runs in: src/io/ (tests), build/bundle/ (the installed CLI).
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
