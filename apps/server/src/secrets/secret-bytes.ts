import { Transform, type TransformCallback } from 'node:stream';

/** The byte a masked secret's bytes become. */
const MASK_BYTE = 0x2a; // '*'

/** Secrets as the UTF-8 bytes content would hold them, longest first, empty ones left out. */
export function secretBytes(secrets: readonly string[]): Buffer[] {
  return secrets
    .filter((secret) => secret.length > 0)
    .map((secret) => Buffer.from(secret))
    .sort((a, b) => b.length - a.length);
}

/**
 * Masks, in place, every occurrence of a secret with as many `*` bytes: content keeps its length
 * and its offsets, so a hex view and a download's Content-Length stay right. Longest secrets
 * first, so one that contains another is masked whole.
 */
export function maskBytesInPlace(bytes: Buffer, secrets: readonly Buffer[]): void {
  for (const secret of secrets) {
    for (let at = bytes.indexOf(secret); at >= 0; at = bytes.indexOf(secret, at + secret.length)) {
      bytes.fill(MASK_BYTE, at, at + secret.length);
    }
  }
}

/**
 * A stream that masks secrets in content passing through it. It holds back the last
 * `longest - 1` bytes of what it has seen, so a secret cut by a chunk boundary is masked too.
 */
export class SecretMaskingStream extends Transform {
  readonly #secrets: readonly Buffer[];
  readonly #keep: number;
  #tail: Buffer = Buffer.alloc(0);

  constructor(secrets: readonly Buffer[]) {
    super();
    this.#secrets = secrets;
    this.#keep = Math.max(0, (secrets[0]?.length ?? 0) - 1);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = Buffer.concat([this.#tail, chunk]);
    maskBytesInPlace(bytes, this.#secrets);
    const cut = Math.max(0, bytes.length - this.#keep);
    this.#tail = bytes.subarray(cut);
    if (cut > 0) this.push(bytes.subarray(0, cut));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.#tail.length > 0) this.push(this.#tail);
    done();
  }
}
