import { writeFileAtomically, writeFully } from './durable-files.js';
import { decodeJsonPayload, encodeJsonFrame, scanFrames } from './record-framing.js';
import { RepositoryError } from './repository-error.js';

/**
 * Whole files written at once (snapshots, swap files): a header frame naming the format and its
 * version (JSON), body frames (the format's own encoding: JSON in version 1, binary records in
 * version 2), and a footer frame counting the body frames (JSON). Such files are written to a
 * temp file and renamed, so a missing footer is never a crash artefact: it is damage, and reading
 * refuses it.
 */
export interface FramedFileHeader {
  readonly format: string;
  readonly version: number;
  readonly [key: string]: unknown;
}

/** Write size: body frames are gathered up to this many bytes per write() call. */
const WRITE_BATCH_BYTES = 1 << 20;

/** Writes `header`, the body frames and a footer, atomically (temp + fsync + rename). */
export async function writeFramedFile(
  path: string,
  dir: string,
  header: FramedFileHeader,
  bodies: Iterable<Buffer>,
): Promise<void> {
  await writeFileAtomically(path, dir, async (handle) => {
    let position = 0;
    let pending: Buffer[] = [encodeJsonFrame(header)];
    let pendingBytes = pending[0]!.length;
    let frames = 0;
    const flush = async (): Promise<void> => {
      const data = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      await writeFully(handle, data, position);
      position += data.length;
      pending = [];
      pendingBytes = 0;
    };
    for (const frame of bodies) {
      pending.push(frame);
      pendingBytes += frame.length;
      frames++;
      if (pendingBytes >= WRITE_BATCH_BYTES) await flush();
    }
    const footer = encodeJsonFrame({ end: true, frames });
    pending.push(footer);
    pendingBytes += footer.length;
    await flush();
  });
}

/**
 * Reads a file written by {@link writeFramedFile}, passing each body's payload to `onBody` as it
 * is read (so a large file is never held whole; the payload is only valid during the call), and
 * returns its header. `versions` are the format versions the caller reads.
 */
export async function readFramedFile(
  path: string,
  format: string,
  versions: readonly number[],
  onBody: (payload: Buffer, header: FramedFileHeader) => void,
): Promise<FramedFileHeader> {
  let header: FramedFileHeader | undefined;
  let footerFrames: number | undefined;
  let frames = 0;
  const result = await scanFrames(path, (payload) => {
    if (header === undefined) {
      header = parseHeader(decodeJsonPayload(payload), format, versions);
    } else if (footerFrames !== undefined) {
      throw new Error('data after the footer');
    } else {
      // The footer is a JSON object; a body never is (a JSON array, or a binary record).
      const footer = payload[0] === 0x7b ? decodeJsonPayload(payload) : undefined;
      if (isFooter(footer)) {
        footerFrames = footer.frames;
      } else {
        frames++;
        onBody(payload, header);
      }
    }
  });
  if (header === undefined || footerFrames === undefined || result.torn) {
    throw new RepositoryError(
      'CORRUPT_RECORD',
      `${path}: incomplete ${format} file (no footer) at byte offset ${result.validEnd}`,
      { file: path, offset: result.validEnd },
    );
  }
  if (footerFrames !== frames) {
    throw new RepositoryError(
      'CORRUPT_RECORD',
      `${path}: footer counts ${footerFrames} frames but ${frames} were read`,
      { file: path, offset: result.validEnd },
    );
  }
  return header;
}

function parseHeader(
  value: unknown,
  format: string,
  versions: readonly number[],
): FramedFileHeader {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`not a ${format} file: the first record is not a header`);
  }
  const header = value as Record<string, unknown>;
  if (header['format'] !== format) {
    throw new Error(`not a ${format} file: format is ${JSON.stringify(header['format'])}`);
  }
  if (!versions.includes(header['version'] as number)) {
    throw new Error(`unsupported ${format} version ${JSON.stringify(header['version'])}`);
  }
  return header as FramedFileHeader;
}

function isFooter(value: unknown): value is { end: true; frames: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)['end'] === true &&
    typeof (value as Record<string, unknown>)['frames'] === 'number'
  );
}
