import { writeFileAtomically, writeFully } from './durable-files.js';
import { decodeJsonPayload, encodeJsonFrame, scanFrames } from './record-framing.js';
import { RepositoryError } from './repository-error.js';

/**
 * Whole files written at once (snapshots, swap files): a header frame naming the format, body
 * frames, and a footer frame counting the body frames. Such files are written to a temp file and
 * renamed, so a missing footer is never a crash artefact: it is damage, and reading refuses it.
 */
export interface FramedFileHeader {
  readonly format: string;
  readonly version: number;
  readonly [key: string]: unknown;
}

/** Write size: body frames are gathered up to this many bytes per write() call. */
const WRITE_BATCH_BYTES = 1 << 20;

/** Writes `header`, one frame per body value and a footer, atomically (temp + fsync + rename). */
export async function writeFramedFile(
  path: string,
  dir: string,
  header: FramedFileHeader,
  bodies: Iterable<unknown>,
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
    for (const body of bodies) {
      const frame = encodeJsonFrame(body);
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
 * Reads a file written by {@link writeFramedFile}, passing each body value to `onBody` as it is
 * read (so a large file is never held whole), and returns its header.
 */
export async function readFramedFile(
  path: string,
  format: string,
  onBody: (body: unknown) => void,
): Promise<FramedFileHeader> {
  let header: FramedFileHeader | undefined;
  let footerFrames: number | undefined;
  let frames = 0;
  const result = await scanFrames(path, (payload) => {
    const value = decodeJsonPayload(payload);
    if (header === undefined) {
      header = parseHeader(value, format);
    } else if (footerFrames !== undefined) {
      throw new Error('data after the footer');
    } else if (isFooter(value)) {
      footerFrames = value.frames;
    } else {
      frames++;
      onBody(value);
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

function parseHeader(value: unknown, format: string): FramedFileHeader {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`not a ${format} file: the first record is not a header`);
  }
  const header = value as Record<string, unknown>;
  if (header['format'] !== format) {
    throw new Error(`not a ${format} file: format is ${JSON.stringify(header['format'])}`);
  }
  if (header['version'] !== 1) {
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
