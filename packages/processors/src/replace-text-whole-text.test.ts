import { TestRunner } from '@sluice/engine';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplaceText } from './replace-text.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

/** What one run of ReplaceText made of each input: content, and whether it was modified. */
async function outputs(
  properties: Record<string, string>,
  inputs: readonly Buffer[],
): Promise<{ content: string; modified: boolean }[]> {
  const runner = await TestRunner.create(ReplaceText, { properties });
  runners.push(runner);
  for (const input of inputs) await runner.enqueue(input, { filename: 'a "b".txt', empty: '' });
  await runner.run();
  const modified = new Set(
    (await runner.provenanceEvents())
      .filter((event) => event.type === 'CONTENT_MODIFIED')
      .map((event) => event.flowFileId),
  );
  return (await runner.flowFiles('success')).map((output) => ({
    content: output.content.toString('hex'),
    modified: modified.has(output.flowFile.id),
  }));
}

/** Replacement Values built from the pieces that matter: groups, escapes, expressions, text. */
const replacement = fc
  .array(
    fc.constantFrom(
      '$1',
      '$0',
      '$2',
      '\\$1',
      '${filename}',
      '${filename:toUpper()}',
      '{"',
      '":"',
      '"}',
      'é',
      '\n',
      '',
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));

const content = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => Buffer.from(text, 'utf8')),
  // Any bytes: invalid UTF-8 included, which the wrap must leave to the regex path.
  fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
);

describe('ReplaceText — the whole-text wrap, (?s)(^.*$)', () => {
  it('writes byte for byte what the regex path writes, for any content and replacement', async () => {
    await fc.assert(
      fc.asyncProperty(
        replacement,
        fc.constantFrom('UTF-8', 'ISO-8859-1', 'UTF-16LE'),
        fc.array(content, { minLength: 1, maxLength: 8 }),
        async (replacementValue, characterSet, inputs) => {
          // given the default Search Value, and the same regex reached through an expression
          // (which the wrap never takes: the regex is evaluated per flowfile)
          const common = { replacementValue, characterSet };

          // when
          const wrapped = await outputs({ ...common, searchValue: '(?s)(^.*$)' }, inputs);
          const matched = await outputs({ ...common, searchValue: '(?s)(^.*$)${empty}' }, inputs);

          // then
          expect(wrapped).toEqual(matched);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('wraps the seed pipeline content as JSON and records CONTENT_MODIFIED', async () => {
    // given / when
    const [output] = await outputs({ replacementValue: '{"${filename}":"$1"}' }, [
      Buffer.from('line one\nline two'),
    ]);

    // then
    expect(Buffer.from(output!.content, 'hex').toString()).toBe(
      '{"a "b".txt":"line one\nline two"}',
    );
    expect(output!.modified).toBe(true);
  });

  it('leaves content untouched, with no CONTENT_MODIFIED, when the replacement is the text', async () => {
    // given / when
    const [output] = await outputs({ replacementValue: '$1' }, [Buffer.from('same')]);

    // then
    expect(output).toEqual({ content: Buffer.from('same').toString('hex'), modified: false });
  });
});
