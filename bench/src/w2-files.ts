/**
 * W2's files, made and checked by the runner (not the measured child, so the child's RSS is only
 * the engine's): a large random file written in 1 MiB chunks, and a streamed SHA-256.
 */
import { createHash, randomFill } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Fills a buffer with random bytes off the main thread. */
function fill(buffer: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    randomFill(buffer, (error, filled) => (error ? reject(error) : resolve(filled))),
  );
}

/** Chunk size of the streamed writes. */
const CHUNK = 1024 * 1024;

/** Writes `size` random bytes to `file` one chunk at a time and returns their SHA-256 (hex). */
export async function createRandomFile(file: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(file);
  try {
    for (let left = size; left > 0; left -= CHUNK) {
      const chunk = await fill(Buffer.allocUnsafe(Math.min(CHUNK, left)));
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
  return hash.digest('hex');
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
