import { open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/**
 * Writes all of `data` at `position`, looping over short writes (which the kernel may return for
 * large buffers or when interrupted by a signal).
 */
export async function writeFully(
  handle: FileHandle,
  data: Uint8Array,
  position: number,
): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(
      data,
      written,
      data.length - written,
      position + written,
    );
    if (bytesWritten === 0) throw new Error(`write made no progress at byte ${position + written}`);
    written += bytesWritten;
  }
}

/**
 * Writes `parts` back to back at `position` with one writev (libuv loops over short writes and
 * the iovec limit), finishing with {@link writeFully} should it still come back short.
 */
export async function writevFully(
  handle: FileHandle,
  parts: readonly Uint8Array[],
  position: number,
): Promise<void> {
  if (parts.length === 1) return writeFully(handle, parts[0]!, position);
  let total = 0;
  for (const part of parts) total += part.byteLength;
  const { bytesWritten } = await handle.writev(parts, position);
  if (bytesWritten < total) {
    const rest = Buffer.concat(parts, total).subarray(bytesWritten);
    await writeFully(handle, rest, position + bytesWritten);
  }
}

/** Reads exactly `length` bytes at `position`, failing if the file is shorter. */
export async function readFully(
  handle: FileHandle,
  length: number,
  position: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + read}`);
    read += bytesRead;
  }
  return buffer;
}

/**
 * Makes the creation, rename or removal of entries in `dir` durable. A fsynced file whose
 * directory entry was never fsynced can vanish after a power cut.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes a file; a file that is already gone is not an error. */
export async function removeIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** True for the error Node raises when a path does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Writes a file so that readers see either the whole old file or the whole new one: the content
 * goes to `<path>.tmp`, is fsynced, then renamed over `path` and the directory fsynced.
 */
export async function writeFileAtomically(
  path: string,
  dir: string,
  write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await write(handle);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await removeIfExists(temp);
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await fsyncDirectory(dir);
}
