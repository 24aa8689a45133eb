/** Where `broadside preview` serves when no --port is given (or the next free port after it). */
export const DEFAULT_PREVIEW_PORT = 4173;
