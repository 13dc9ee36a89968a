import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FRAME_HEADER_BYTES, scanFrames } from './record-framing.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-frames-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scanAll(path: string, chunkBytes?: number) {
  const payloads: Buffer[] = [];
  const result = await scanFrames(path, (payload) => void payloads.push(Buffer.from(payload)), {
    ...(chunkBytes === undefined ? {} : { chunkBytes }),
  });
  return { payloads, ...result };
}

describe('record framing', () => {
  it('a file cut at any byte reads back exactly the frames that were complete', async () => {
    const path = join(dir, 'cut.log');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        async (payloads, cutSeed, chunkBytes) => {
          // given frames written back to back, cut at some byte
          const frames = payloads.map((payload) => encodeFrame(payload));
          const whole = Buffer.concat(frames);
          const cut = whole.length === 0 ? 0 : cutSeed % (whole.length + 1);
          await writeFile(path, whole.subarray(0, cut));

          // when read with small chunks, so frames straddle reads
          const result = await scanAll(path, chunkBytes);

          // then the complete frames come back, and a partial one is reported as torn
          let boundary = 0;
          let complete = 0;
          while (complete < frames.length && boundary + frames[complete]!.length <= cut) {
            boundary += frames[complete]!.length;
            complete++;
          }
          expect(result.payloads).toEqual(payloads.slice(0, complete).map((p) => Buffer.from(p)));
          expect(result.validEnd).toBe(boundary);
          expect(result.torn).toBe(cut !== boundary);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a zero-filled tail, as a power cut may leave, is a torn write', async () => {
    // given
    const path = join(dir, 'zeros.log');
    const frame = encodeFrame(Buffer.from('kept'));
    await writeFile(path, Buffer.concat([frame, Buffer.alloc(4096)]));

    // when
    const result = await scanAll(path);

    // then
    expect(result.payloads.map(String)).toEqual(['kept']);
    expect(result).toMatchObject({ validEnd: frame.length, torn: true });
  });

  it('a damaged length in the middle is corruption, not a torn tail', async () => {
    // given
    const path = join(dir, 'length.log');
    const first = encodeFrame(Buffer.from('first'));
    const second = encodeFrame(Buffer.from('second'));
    second.writeUInt32LE(1_000_000, 0);
    await writeFile(path, Buffer.concat([first, second, encodeFrame(Buffer.from('third'))]));

    // when / then
    await expect(scanAll(path)).rejects.toMatchObject({
      code: 'CORRUPT_RECORD',
      offset: first.length,
      message: `${path}: record header checksum mismatch at byte offset ${first.length}`,
    });
  });

  it('a damaged final payload followed by nothing is a torn write', async () => {
    // given
    const path = join(dir, 'last.log');
    const first = encodeFrame(Buffer.from('first'));
    const last = encodeFrame(Buffer.from('last one'));
    last.writeUInt8(last.readUInt8(FRAME_HEADER_BYTES + 2) ^ 1, FRAME_HEADER_BYTES + 2);
    await writeFile(path, Buffer.concat([first, last]));
    await truncate(path, first.length + last.length);

    // when
    const result = await scanAll(path);

    // then
    expect(result.payloads.map(String)).toEqual(['first']);
    expect(result.torn).toBe(true);
  });
});
