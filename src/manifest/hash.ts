import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A hash of a value through its JSON, for keys made of several parts. Objects must be built in a fixed key order. */
export function sha256Json(value: unknown): string {
  return sha256(JSON.stringify(value));
}
