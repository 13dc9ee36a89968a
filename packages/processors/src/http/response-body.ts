import { CoreAttribute } from '@sluice/engine';

/**
 * The start of a response body, kept while the body streams elsewhere: InvokeHTTP puts it in an
 * attribute (Response Body Attribute Name, or `invokehttp.response.body` for an error answer).
 */
export class BodyPrefix {
  readonly #maxChars: number;
  readonly #maxBytes: number;
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
    // A UTF-8 character is at most 4 bytes.
    this.#maxBytes = maxChars * 4;
  }

  get full(): boolean {
    return this.#bytes >= this.#maxBytes;
  }

  /** Passes the body through unchanged, keeping its first bytes. */
  async *tee(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
    for await (const chunk of body) {
      this.add(chunk);
      yield chunk;
    }
  }

  /** Reads only as much of the body as the prefix needs; the rest is left unread. */
  async readFrom(body: AsyncIterable<Uint8Array>): Promise<void> {
    if (this.full) return;
    for await (const chunk of body) {
      this.add(chunk);
      if (this.full) return;
    }
  }

  add(chunk: Uint8Array): void {
    if (this.full) return;
    const take = Math.min(chunk.byteLength, this.#maxBytes - this.#bytes);
    this.#chunks.push(Buffer.from(chunk.subarray(0, take)));
    this.#bytes += take;
  }

  /** The kept text, at most the configured number of characters. */
  text(): string {
    return [...Buffer.concat(this.#chunks).toString('utf8')].slice(0, this.#maxChars).join('');
  }
}

/**
 * Response headers as attributes (NiFi names them as the server did; fetch gives them in lower
 * case), and `mime.type` from Content-Type.
 */
export function responseHeaderAttributes(headers: Headers): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of headers) attributes[name] = value;
  const contentType = headers.get('content-type');
  if (contentType) attributes[CoreAttribute.mimeType] = contentType;
  return attributes;
}
