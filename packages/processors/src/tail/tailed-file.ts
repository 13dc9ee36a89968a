import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';

const LF = 0x0a;
const CR = 0x0d;
const BLOCK = 256 * 1024;

/** An open file and what fstat said of it; reads go to this file even if it is renamed. */
export interface OpenFile {
  readonly path: string;
  readonly handle: FileHandle;
  /** `dev:ino`: the same file under any name. */
  readonly identity: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A file whose name matches the Rolling Filename Pattern. */
export interface RolledFile {
  readonly path: string;
  readonly identity: string;
  readonly size: number;
  readonly mtimeMs: number;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Opens the file for reading; undefined when it does not exist (rolled away, not yet created). */
export async function openFile(file: string): Promise<OpenFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const info = await handle.stat({ bigint: true });
    if (!info.isFile()) throw new Error(`${file} is not a regular file`);
    return {
      path: file,
      handle,
      identity: `${info.dev}:${info.ino}`,
      size: Number(info.size),
      mtimeMs: Number(info.mtimeMs),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The files of the tailed file's directory whose names match the pattern (not the tailed file
 * itself), oldest first by modification time then by name, as NiFi orders rolled-over files.
 */
export async function rolledFiles(tailed: string, pattern: RegExp): Promise<RolledFile[]> {
  const directory = path.dirname(tailed);
  const own = path.basename(tailed);
  const found: RolledFile[] = [];
  for (const name of await readdir(directory)) {
    if (name === own || !pattern.test(name)) continue;
    const file = path.join(directory, name);
    try {
      const info = await stat(file, { bigint: true });
      if (!info.isFile()) continue;
      found.push({
        path: file,
        identity: `${info.dev}:${info.ino}`,
        size: Number(info.size),
        mtimeMs: Number(info.mtimeMs),
      });
    } catch (error) {
      // Rolled away again (deleted by the rotation) between the listing and the stat.
      if (!isMissing(error)) throw error;
    }
  }
  return found.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
}

/**
 * Where the complete lines from `from` end: just after the last `\n`, or after the last lone
 * `\r`, before `size`. A `\r` that is the last byte may be the first half of `\r\n`, so it waits.
 * `from` when there is no complete line.
 */
export async function completeLinesEnd(
  handle: FileHandle,
  from: number,
  size: number,
): Promise<number> {
  const block = Buffer.allocUnsafe(Math.min(BLOCK, Math.max(1, size - from)));
  let end = size;
  while (end > from) {
    const start = Math.max(from, end - block.length);
    const { bytesRead } = await handle.read(block, 0, end - start, start);
    for (let i = bytesRead - 1; i >= 0; i--) {
      const byte = block[i];
      if (byte === LF || (byte === CR && start + i + 1 < size)) return start + i + 1;
    }
    end = start;
  }
  return from;
}

/** A running CRC-32 of the bytes read so far (NiFi's checksum of what was consumed). */
export interface Checksum {
  value: number;
}

/** Reads bytes `start` to `end` in blocks, adding them to `checksum` when given. */
export async function* readRange(
  handle: FileHandle,
  start: number,
  end: number,
  checksum?: Checksum,
): AsyncGenerator<Buffer> {
  let position = start;
  while (position < end) {
    // A new buffer per block: the consumer may hold it (a write buffered until commit).
    const block = Buffer.allocUnsafe(Math.min(BLOCK, end - position));
    const { bytesRead } = await handle.read(block, 0, block.length, position);
    if (bytesRead === 0) {
      throw new Error(
        `${end - position} bytes of the file ended before byte ${end} (truncated while read)`,
      );
    }
    const bytes = bytesRead === block.length ? block : block.subarray(0, bytesRead);
    if (checksum !== undefined) checksum.value = crc32(bytes, checksum.value);
    position += bytesRead;
    yield bytes;
  }
}

/** CRC-32 of the file's bytes `start` to `end`; undefined when the file is shorter. */
export async function checksumOf(
  file: { readonly handle: FileHandle; readonly size: number },
  start: number,
  end: number,
): Promise<number | undefined> {
  if (file.size < end) return undefined;
  const checksum = { value: 0 };
  for await (const block of readRange(file.handle, start, end, checksum)) void block;
  return checksum.value;
}
