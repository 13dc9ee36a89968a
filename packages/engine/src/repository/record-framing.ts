import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { readFully } from './durable-files.js';
import { RepositoryError } from './repository-error.js';

/**
 * Record framing shared by the write-ahead log, snapshots, swap files and provenance files.
 *
 * A frame is `[u32 length][u32 crc32(payload)][u32 crc32(first 8 bytes)][payload]`, little endian.
 * The header has its own checksum so that a damaged length in the middle of a file is reported as
 * corruption instead of being mistaken for a record torn at the end of the file (which would
 * silently drop every record after it).
 */
export const FRAME_HEADER_BYTES = 12;

/** Larger lengths are treated as damage rather than allocated. */
const MAX_FRAME_BYTES = 1 << 30;

/** Frames `payload` for writing. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.set(payload, FRAME_HEADER_BYTES);
  writeHeader(frame, payload.length);
  return frame;
}

/** Frames the UTF-8 JSON of `value`, encoding straight into the frame to avoid a second copy. */
export function encodeJsonFrame(value: unknown): Buffer {
  const json = JSON.stringify(value);
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.write(json, FRAME_HEADER_BYTES, 'utf8');
  writeHeader(frame, length);
  return frame;
}

/**
 * Completes a frame whose payload is already in place after {@link FRAME_HEADER_BYTES} reserved
 * bytes, by writing its header; returns the frame. Lets an encoder build a frame without a copy.
 */
export function sealFrame(frame: Buffer): Buffer {
  writeHeader(frame, frame.length - FRAME_HEADER_BYTES);
  return frame;
}

/** Parses a frame's payload as JSON. */
export function decodeJsonPayload(payload: Buffer): unknown {
  return JSON.parse(payload.toString('utf8'));
}

function writeHeader(frame: Buffer, length: number): void {
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  frame.writeUInt32LE(crc32(frame.subarray(0, 8)), 8);
}

/**
 * Called with each valid frame's payload and the frame's byte offset. The payload is only valid
 * during the call. Return `false` to stop scanning.
 */
export type FrameVisitor = (payload: Buffer, offset: number) => boolean | void;

/** Options of {@link scanFrames}. */
export interface FrameScanOptions {
  /** Byte offset of the first frame (default 0). */
  readonly start?: number;
  /** Scan no further than this offset (default: the file's size). */
  readonly end?: number;
  /** `throw` (default): damage before the last frame is an error. `stop`: end the scan there. */
  readonly onCorrupt?: 'throw' | 'stop';
  /** Read size (default 1 MiB); frames larger than this are read whole. */
  readonly chunkBytes?: number;
}

/** Where a scan ended and why. */
export interface FrameScanResult {
  /** Offset just past the last valid frame visited (or where the visitor stopped the scan). */
  readonly validEnd: number;
  /** True when the bytes after `validEnd` are an incomplete or zero-filled final frame. */
  readonly torn: boolean;
  /** Offset of a damaged frame when `onCorrupt` is `stop`. */
  readonly corruptAt?: number;
}

/**
 * Reads the frames of a file in order, without loading the whole file. A frame that is cut short
 * at the end of the file, or a tail of zero bytes (what some file systems leave after a power
 * cut), is a torn write and ends the scan quietly; any other damage is corruption.
 */
export async function scanFrames(
  path: string,
  visit: FrameVisitor,
  options: FrameScanOptions = {},
): Promise<FrameScanResult> {
  const handle = await open(path, 'r');
  try {
    return await new FrameScanner(path, handle, visit, options).run();
  } finally {
    await handle.close();
  }
}

class FrameScanner {
  private buffer: Buffer = Buffer.alloc(0);
  /** File offset of `buffer[0]`. */
  private bufferStart: number;
  /** File offset up to which bytes have been read. */
  private readPosition: number;
  private end = 0;

  constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly visit: FrameVisitor,
    private readonly options: FrameScanOptions,
  ) {
    this.bufferStart = options.start ?? 0;
    this.readPosition = this.bufferStart;
  }

  async run(): Promise<FrameScanResult> {
    this.end = this.options.end ?? (await this.handle.stat()).size;
    let offset = this.options.start ?? 0;
    while (offset < this.end) {
      if (!(await this.fill(offset, FRAME_HEADER_BYTES))) return { validEnd: offset, torn: true };
      const header = this.buffer.subarray(offset - this.bufferStart);
      const length = header.readUInt32LE(0);
      const payloadCrc = header.readUInt32LE(4);
      if (crc32(header.subarray(0, 8)) !== header.readUInt32LE(8) || length > MAX_FRAME_BYTES) {
        if (await this.isZeroFrom(offset)) return { validEnd: offset, torn: true };
        return this.corrupt(offset, 'record header checksum mismatch');
      }
      const next = offset + FRAME_HEADER_BYTES + length;
      if (next > this.end) return { validEnd: offset, torn: true };
      await this.fill(offset, FRAME_HEADER_BYTES + length);
      const start = offset - this.bufferStart + FRAME_HEADER_BYTES;
      const payload = this.buffer.subarray(start, start + length);
      if (crc32(payload) !== payloadCrc) {
        if (next === this.end || (await this.isZeroFrom(next))) {
          return { validEnd: offset, torn: true };
        }
        return this.corrupt(offset, 'record checksum mismatch');
      }
      let keepGoing: boolean | void;
      try {
        keepGoing = this.visit(payload, offset);
      } catch (error) {
        const reason = `record cannot be decoded (${error instanceof Error ? error.message : String(error)})`;
        return this.corrupt(offset, reason, error);
      }
      offset = next;
      if (keepGoing === false) break;
    }
    return { validEnd: offset, torn: false };
  }

  /** Makes the buffer hold `needed` bytes from `offset`; false when the file ends before that. */
  private async fill(offset: number, needed: number): Promise<boolean> {
    const buffered = this.bufferStart + this.buffer.length - offset;
    if (buffered >= needed) return true;
    if (this.end - offset < needed) return false;
    const rest = this.buffer.subarray(offset - this.bufferStart);
    const chunk = this.options.chunkBytes ?? 1 << 20;
    const size = Math.min(Math.max(chunk, needed - rest.length), this.end - this.readPosition);
    const fresh = await readFully(this.handle, size, this.readPosition);
    this.buffer = rest.length > 0 ? Buffer.concat([rest, fresh]) : fresh;
    this.bufferStart = offset;
    this.readPosition += size;
    return true;
  }

  private async isZeroFrom(offset: number): Promise<boolean> {
    for (let position = offset; position < this.end;) {
      const size = Math.min(1 << 20, this.end - position);
      const bytes = await readFully(this.handle, size, position);
      if (bytes.some((byte) => byte !== 0)) return false;
      position += size;
    }
    return true;
  }

  private corrupt(offset: number, reason: string, cause?: unknown): FrameScanResult {
    if (this.options.onCorrupt === 'stop')
      return { validEnd: offset, torn: false, corruptAt: offset };
    throw new RepositoryError(
      'CORRUPT_RECORD',
      `${this.path}: ${reason} at byte offset ${offset}`,
      {
        file: this.path,
        offset,
        cause,
      },
    );
  }
}
