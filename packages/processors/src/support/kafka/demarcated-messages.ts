/** A message that exceeds the size limit, found while splitting (before it is all in memory). */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';

  constructor(
    /** 1-based position of the message in the content. */
    readonly index: number,
    /** Its size, or the size read so far when it was cut short. */
    readonly size: number,
    readonly limit: number,
  ) {
    super(`message ${index} is larger than ${limit} bytes (at least ${size} bytes)`);
  }
}

/**
 * Splits streamed content into the messages between `demarcator` bytes, as NiFi's
 * StreamDemarcator: empty messages (two demarcators in a row, a trailing one) are skipped. Holds
 * at most one message and one chunk in memory; a message over `maxSize` bytes throws
 * {@link MessageTooLargeError} as soon as that is certain.
 */
export async function* demarcatedMessages(
  chunks: AsyncIterable<Uint8Array>,
  demarcator: Uint8Array,
  maxSize: number,
): AsyncGenerator<Buffer> {
  if (demarcator.length === 0) throw new Error('The Message Demarcator is empty');
  let pending = Buffer.alloc(0);
  let index = 0;
  const emit = function* (message: Buffer): Generator<Buffer> {
    if (message.length === 0) return;
    index++;
    if (message.length > maxSize) throw new MessageTooLargeError(index, message.length, maxSize);
    yield message;
  };
  for await (const chunk of chunks) {
    // Where the search resumes: a demarcator may straddle the previous chunk's end.
    let searchFrom = Math.max(0, pending.length - demarcator.length + 1);
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    let start = 0;
    for (;;) {
      const found = pending.indexOf(demarcator, Math.max(start, searchFrom));
      if (found < 0) break;
      yield* emit(pending.subarray(start, found));
      start = found + demarcator.length;
      searchFrom = start;
    }
    pending = pending.subarray(start);
    // Bytes that can still be followed by a demarcator all belong to the current message.
    const certain = pending.length - (demarcator.length - 1);
    if (certain > maxSize) throw new MessageTooLargeError(index + 1, certain, maxSize);
    // Copy, so the chunk the slice points into can be released.
    if (start > 0) pending = Buffer.from(pending);
  }
  yield* emit(pending);
}
