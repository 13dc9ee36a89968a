/**
 * Reads kept in flight ahead of the reader, and the size of each. One read at a time (ssh2's
 * read stream) waits a round trip per 64 KiB; with several in flight a file streams at the
 * link's speed, as ssh2's fastGet does. Just under OpenSSH's 256 KiB packet limit, so ssh2 does
 * not split a read; 8 of them hold 2 MiB per open file.
 */
export const SFTP_READ_AHEAD = 8;
export const SFTP_READ_CHUNK = 254 * 1024;
const READ_AHEAD = SFTP_READ_AHEAD;
const CHUNK = SFTP_READ_CHUNK;

/** An open remote file, as {@link readAhead} reads it. */
export interface OpenRemoteFile {
  /** One READ request: the bytes at `position`, fewer at the end of the file, none past it. */
  read(position: number, length: number): Promise<Buffer>;
  /** Closes the handle; never fails (the connection may be gone). */
  close(): void;
}

/**
 * The content of an open file, in order, with {@link READ_AHEAD} reads in flight. A short read
 * before the end (a server may answer with less than asked) is completed before going on. The
 * handle is closed when the content ends or the reader stops; a failed read ends it with the
 * server's error.
 */
export async function* readAhead(file: OpenRemoteFile): AsyncGenerator<Buffer> {
  const inFlight: { position: number; read: Promise<Buffer> }[] = [];
  let next = 0;
  const request = (): void => {
    const read = file.read(next, CHUNK);
    // Reads still in flight when the reader stops settle unobserved.
    read.catch(() => undefined);
    inFlight.push({ position: next, read });
    next += CHUNK;
  };
  try {
    for (let i = 0; i < READ_AHEAD; i++) request();
    for (;;) {
      const { position, read } = inFlight.shift()!;
      const chunk = await read;
      if (chunk.length === 0) return;
      let filled = chunk.length;
      const parts = [chunk];
      while (filled < CHUNK) {
        const rest = await file.read(position + filled, CHUNK - filled);
        if (rest.length === 0) break;
        parts.push(rest);
        filled += rest.length;
      }
      yield parts.length === 1 ? chunk : Buffer.concat(parts);
      // A chunk cut short by the end of the file: the reads after it find nothing.
      if (filled < CHUNK) return;
      request();
    }
  } finally {
    // The connection may have ended meanwhile: the content read so far stands either way.
    file.close();
  }
}
