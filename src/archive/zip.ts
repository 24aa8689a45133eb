import { crc32, deflateRawSync } from 'node:zlib';
import { FILE_MODE, FOLDER_MODE, type ArchiveEntry } from './entries.js';

const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = (3 << 8) | 20;
const VERSION_NEEDED = 20;

/**
 * A zip archive whose bytes depend only on the entries and `mtime` (written in UTC, whatever the
 * machine's time zone): no extra fields, Unix modes, deflated only when that makes an entry smaller.
 */
export function zip(entries: readonly ArchiveEntry[], mtime: Date): Buffer {
  const [time, date] = dosDateTime(mtime);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const folder = entry.data === undefined;
    const name = Buffer.from(folder ? `${entry.path}/` : entry.path, 'utf8');
    const data = entry.data ?? new Uint8Array();
    const deflated = folder ? data : deflateRawSync(data, { level: 9 });
    const [method, stored] = deflated.length < data.length ? [8, deflated] : [0, data];
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(stored));

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(MADE_BY_UNIX, 4);
    record.writeUInt16LE(VERSION_NEEDED, 6);
    record.writeUInt16LE(UTF8_NAMES, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(stored.length, 20);
    record.writeUInt32LE(data.length, 24);
    record.writeUInt16LE(name.length, 28);
    const mode = folder ? 0o040000 | FOLDER_MODE : 0o100000 | FILE_MODE;
    record.writeUInt32LE(((mode << 16) | (folder ? 0x10 : 0)) >>> 0, 38); // Unix mode; MS-DOS folder bit
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(central);
  if (offset + directory.length > 0xffffffff || entries.length > 0xffff) throw new Error('the build is too large for a zip archive without zip64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** MS-DOS time and date fields (two-second steps, 1980–2107), from the UTC clock. */
function dosDateTime(mtime: Date): [number, number] {
  const when = new Date(Math.min(Math.max(mtime.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2);
  return [time, date];
}
