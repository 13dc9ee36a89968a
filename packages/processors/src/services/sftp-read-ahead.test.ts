import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteDir, sharedSftp, type RemoteDir } from '../../test/support/sftp-fixtures.js';
import { connectSftp } from './sftp-connect.js';
import { SFTP_READ_AHEAD, SFTP_READ_CHUNK } from './sftp-read-ahead.js';
import type { SftpSession } from './sftp-session.js';

let session: SftpSession | undefined;
let dir: RemoteDir;

beforeAll(async () => {
  const server = sharedSftp();
  dir = await remoteDir(server);
  session = await connectSftp({
    host: server.host,
    port: server.port,
    username: server.username,
    password: server.password,
    timeoutMs: 10_000,
  });
});

afterAll(() => session?.end());

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

describe('SftpSession.openReadStream, with several reads in flight', () => {
  // Empty, within one read, on read boundaries, and past the read-ahead window with a short tail.
  const sizes = [
    0,
    1,
    SFTP_READ_CHUNK - 1,
    SFTP_READ_CHUNK,
    2 * SFTP_READ_CHUNK,
    (SFTP_READ_AHEAD + 2) * SFTP_READ_CHUNK + 5,
  ];

  it.each(sizes)('streams a file of %i bytes whole and in order', async (size) => {
    // Given a file of random bytes on the server
    const bytes = randomBytes(size);
    await dir.file(`file-${size}.bin`, bytes);

    // When it is streamed
    const read = await readAll(await session!.openReadStream(`${dir.remote}/file-${size}.bin`));

    // Then every byte arrived, in order, and nothing more
    expect(read.length).toBe(size);
    expect(read.equals(bytes)).toBe(true);
  });

  it('still serves requests after a reader stopped part-way through a file', async () => {
    // Given a file larger than the read-ahead window, whose reader stops after the first part
    const bytes = randomBytes((SFTP_READ_AHEAD + 1) * SFTP_READ_CHUNK);
    await dir.file('stopped.bin', bytes);
    const stream = await session!.openReadStream(`${dir.remote}/stopped.bin`);
    for await (const part of stream) {
      expect((part as Buffer).length).toBeGreaterThan(0);
      break;
    }

    // When the same session reads the file again
    const read = await readAll(await session!.openReadStream(`${dir.remote}/stopped.bin`));

    // Then it is whole: the abandoned reads did not disturb the connection
    expect(session!.usable).toBe(true);
    expect(read.equals(bytes)).toBe(true);
  });
});
