import { gzipSync } from 'node:zlib';
import { FILE_MODE, FOLDER_MODE, type ArchiveEntry } from './entries.js';

const BLOCK = 512;

/**
 * A POSIX ustar archive, gzip-compressed, whose bytes depend only on the entries and `mtime`: owner
 * and group 0 without names, fixed modes, and a gzip header without a time or file name.
 */
export function tarGz(entries: readonly ArchiveEntry[], mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data ?? new Uint8Array();
    blocks.push(header(entry, data.length, mtime), Buffer.from(data), Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(2 * BLOCK));
  const gz = gzipSync(Buffer.concat(blocks), { level: 9 });
  gz[9] = 3; // OS = Unix on every platform (zlib writes its own platform's code there)
  return gz;
}

function header(entry: ArchiveEntry, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const folder = entry.data === undefined;
  const [prefix, name] = splitPath(folder ? `${entry.path}/` : entry.path);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, folder ? FOLDER_MODE : FILE_MODE);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, size);
  octal(block, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000)));
  block.write(' '.repeat(8), 148, 'ascii'); // checksum counted as spaces
  block.write(folder ? '5' : '0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  octal(block, 329, 8, 0); // device major
  octal(block, 337, 8, 0); // device minor
  block.write(prefix, 345, 155, 'utf8');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return block;
}

/** ustar keeps a path of up to 255 bytes as a prefix (≤ 155) and a name (≤ 100), split at a `/`. */
function splitPath(path: string): [string, string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const [prefix, name] = [path.slice(0, i), path.slice(i + 1)];
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return [prefix, name];
  }
  throw new Error(`the path ${path} is too long for a tar archive`);
}

/** A zero-padded octal number filling `width - 1` characters, then NUL. */
function octal(block: Buffer, offset: number, width: number, value: number): void {
  block.write(`${value.toString(8).padStart(width - 1, '0')}\u0000`, offset, width, 'ascii');
}
