import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maskBytesInPlace, SecretMaskingStream, secretBytes } from './secret-bytes.js';

async function throughStream(chunks: readonly string[], secrets: readonly string[]) {
  const out: Buffer[] = [];
  const source = Readable.from(chunks.map((chunk) => Buffer.from(chunk)));
  for await (const chunk of source.pipe(new SecretMaskingStream(secretBytes(secrets)))) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out).toString();
}

/** Every way to cut `text` into up to three chunks. */
function cuts(text: string): string[][] {
  const all: string[][] = [[text]];
  for (let i = 0; i <= text.length; i++) {
    all.push([text.slice(0, i), text.slice(i)]);
    for (let j = i; j <= text.length; j++) {
      all.push([text.slice(0, i), text.slice(i, j), text.slice(j)]);
    }
  }
  return all;
}

describe('secret masking of content bytes', () => {
  it('masks each secret with as many stars, the longest first', () => {
    // given
    const bytes = Buffer.from('user=admin pass=hunter2 pass=hunter2x');

    // when
    maskBytesInPlace(bytes, secretBytes(['hunter2', 'hunter2x', '']));

    // then
    expect(bytes.toString()).toBe('user=admin pass=******* pass=********');
  });

  it('masks a secret however the stream cuts the content into chunks', async () => {
    // given
    const text = 'a hunter2 b hunter2hunter2 c';
    const expected = 'a ******* b ************** c';

    // when / then
    for (const chunks of cuts(text)) {
      expect(await throughStream(chunks, ['hunter2'])).toBe(expected);
    }
  });

  it('passes content through unchanged when there is no secret', async () => {
    expect(await throughStream(['hello ', 'world'], [])).toBe('hello world');
  });
});
