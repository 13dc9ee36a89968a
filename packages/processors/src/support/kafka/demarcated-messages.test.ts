import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demarcatedMessages, MessageTooLargeError } from './demarcated-messages.js';

/** The content in chunks of the given sizes, repeated until it is all given. */
async function* chunked(content: Buffer, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  for (let offset = 0, i = 0; offset < content.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield content.subarray(offset, offset + size);
    offset += size;
  }
}

async function split(content: Buffer, demarcator: string, maxSize = 1 << 20, sizes = [7]) {
  const messages: string[] = [];
  for await (const m of demarcatedMessages(
    chunked(content, sizes),
    Buffer.from(demarcator),
    maxSize,
  )) {
    messages.push(m.toString('latin1'));
  }
  return messages;
}

/** The expected split: every non-empty part between demarcators, as NiFi's StreamDemarcator. */
function reference(content: string, demarcator: string): string[] {
  return content.split(demarcator).filter((part) => part !== '');
}

describe('demarcatedMessages', () => {
  it('splits on the demarcator and skips empty messages', async () => {
    expect(await split(Buffer.from('a\n\nbc\n'), '\n')).toEqual(['a', 'bc']);
    expect(await split(Buffer.from('one--two----three'), '--', 1024, [3])).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('gives the same messages however the content is chunked (demarcators across chunks)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', 'x', 'y'), { maxLength: 60 }),
        fc.constantFrom('x', 'xy', 'xyx'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
        async (letters, demarcator, sizes) => {
          const content = letters.join('');
          expect(await split(Buffer.from(content, 'latin1'), demarcator, 1 << 20, sizes)).toEqual(
            reference(content, demarcator),
          );
        },
      ),
    );
  });

  it('refuses a message over the limit before reading all of it, naming its position', async () => {
    const huge = Buffer.concat([Buffer.from('ok\n'), Buffer.alloc(10_000, 'z')]);
    const error = await split(huge, '\n', 100, [50]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageTooLargeError);
    expect(error).toMatchObject({ index: 2, limit: 100 });
    expect((error as MessageTooLargeError).size).toBeLessThan(200);
  });

  it('accepts a message of exactly the limit', async () => {
    expect(await split(Buffer.from('abcd\nef'), '\n', 4, [1])).toEqual(['abcd', 'ef']);
  });
});
