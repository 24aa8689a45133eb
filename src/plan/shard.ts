import { compareText, type ArtifactId } from './artifacts.js';
import { WRITERS } from '../writers/registry.js';

/** Part `index` (1-based) of `count` parts of a build, for CI jobs that each build one part. */
export interface Shard {
  index: number;
  count: number;
}

/** `K/N` with 1 ≤ K ≤ N; undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && index <= count ? { index, count } : undefined;
}


/**
 * This shard's artifacts: all artifacts ordered by format (PDFs first), then path, dealt round-robin.
 * The shards of one list are disjoint, their union is the list, and their sizes differ by at most one.
 */
export function shardOf<T extends ArtifactId>(artifacts: readonly T[], shard: Shard): T[] {
  // PDFs take the browser's time, so the costly formats are dealt out first to spread them evenly.
  const ordered = [...artifacts].sort((a, b) => WRITERS[b.format].cost - WRITERS[a.format].cost || compareText(a.path, b.path));
  return ordered.filter((_, i) => i % shard.count === shard.index - 1).sort((a, b) => compareText(a.path, b.path));
}
