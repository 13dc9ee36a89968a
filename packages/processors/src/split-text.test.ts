import { TestRunner, type OutputFlowFile } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../test/support/runners.js';
import { SPLIT_TEXT_FAILURE_ATTRIBUTE, SplitText } from './split-text.js';

const track = closedAfterEach();

async function split(
  content: string | Uint8Array,
  properties: Record<string, string>,
  attributes: Record<string, string> = { filename: 'data.txt' },
): Promise<TestRunner> {
  const runner = track(await TestRunner.create(SplitText, { properties }));
  await runner.enqueue(content, attributes);
  await runner.run();
  return runner;
}

const texts = (flowFiles: readonly OutputFlowFile[]) => flowFiles.map((f) => f.text);
const attribute = (flowFiles: readonly OutputFlowFile[], name: string) =>
  flowFiles.map((f) => f.attributes[name]);

describe('SplitText', () => {
  it('splits by Line Split Count with the fragment attributes of NiFi, the original marked too', async () => {
    // given five lines, two per split
    const runner = await split('a\nb\nc\nd\ne\n', { lineSplitCount: '2' });

    const splits = await runner.flowFiles('splits');
    const [original] = await runner.flowFiles('original');

    // then three splits without their trailing newline, numbered from 1
    expect(texts(splits)).toEqual(['a\nb', 'c\nd', 'e']);
    expect(attribute(splits, 'fragment.index')).toEqual(['1', '2', '3']);
    expect(attribute(splits, 'fragment.count')).toEqual(['3', '3', '3']);
    expect(attribute(splits, 'text.line.count')).toEqual(['2', '2', '1']);
    expect(attribute(splits, 'fragment.size')).toEqual(['3', '3', '1']);
    expect(attribute(splits, 'segment.original.filename')).toEqual([
      'data.txt',
      'data.txt',
      'data.txt',
    ]);
    const id = splits[0]!.attributes['fragment.identifier'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(attribute(splits, 'fragment.identifier'))).toEqual(new Set([id]));
    // the splits keep the original's attributes (filename) and have their own uuid
    expect(attribute(splits, 'filename')).toEqual(['data.txt', 'data.txt', 'data.txt']);
    expect(new Set(attribute(splits, 'uuid')).size).toBe(3);
    expect(original!.text).toBe('a\nb\nc\nd\ne\n');
    expect(original!.attributes['fragment.identifier']).toBe(id);
    expect(original!.attributes['fragment.count']).toBe('3');
    expect(await runner.flowFiles('failure')).toEqual([]);
  });

  it('keeps line endings when Remove Trailing Newlines is false', async () => {
    const runner = await split('a\nb\nc\n', {
      lineSplitCount: '2',
      removeTrailingNewlines: 'false',
    });

    expect(texts(await runner.flowFiles('splits'))).toEqual(['a\nb\n', 'c\n']);
  });

  it('splits CRLF and lone CR lines and trims their whole line ending', async () => {
    const crlf = await split('a\r\nb\r\nc\r\n', { lineSplitCount: '1' });
    const cr = await split('a\rb\rc', { lineSplitCount: '2' });
    const kept = await split('a\r\nb\r\n', {
      lineSplitCount: '1',
      removeTrailingNewlines: 'false',
    });

    expect(texts(await crlf.flowFiles('splits'))).toEqual(['a', 'b', 'c']);
    expect(texts(await cr.flowFiles('splits'))).toEqual(['a\rb', 'c']);
    expect(texts(await kept.flowFiles('splits'))).toEqual(['a\r\n', 'b\r\n']);
  });

  it('drops trailing empty lines and does not emit a split of empty lines, counting only the others', async () => {
    // given a split of "a" and two empty lines, then one of two empty lines
    const runner = await split('a\n\n\n\n\n', { lineSplitCount: '3' });

    const splits = await runner.flowFiles('splits');

    expect(texts(splits)).toEqual(['a']);
    expect(attribute(splits, 'text.line.count')).toEqual(['1']);
    expect(attribute(splits, 'fragment.count')).toEqual(['1']);
    expect((await runner.flowFiles('original'))[0]!.attributes['fragment.count']).toBe('1');
  });

  it('counts non-empty lines in text.line.count, as NiFi does, when empty lines are kept inside a split', async () => {
    const runner = await split('a\n\nb\n', {
      lineSplitCount: '3',
      removeTrailingNewlines: 'false',
    });

    const [only] = await runner.flowFiles('splits');

    expect(only!.text).toBe('a\n\nb\n');
    expect(only!.attributes['text.line.count']).toBe('2');
  });

  it('copies the Header Line Count lines in front of every split; fragment.size includes them', async () => {
    const runner = await split('id\tname\n1\tx\n2\ty\n3\tz\n', {
      lineSplitCount: '2',
      headerLineCount: '1',
    });

    const splits = await runner.flowFiles('splits');

    expect(texts(splits)).toEqual(['id\tname\n1\tx\n2\ty', 'id\tname\n3\tz']);
    expect(attribute(splits, 'text.line.count')).toEqual(['2', '1']);
    expect(attribute(splits, 'fragment.size')).toEqual(['15', '11']);
    expect(attribute(splits, 'fragment.count')).toEqual(['2', '2']);
  });

  it('takes the leading lines starting with the Header Line Marker Characters as the header', async () => {
    const runner = await split('#h1\n#h2\ndata1\n#data2\n', {
      lineSplitCount: '1',
      headerLineMarkerCharacters: '#',
    });

    // then only the leading marked lines are the header; a later marked line is data
    expect(texts(await runner.flowFiles('splits'))).toEqual([
      '#h1\n#h2\ndata1',
      '#h1\n#h2\n#data2',
    ]);
  });

  it('emits the header alone, without its last line ending, when no line follows it', async () => {
    const runner = await split('h1\r\nh2\r\n', { lineSplitCount: '5', headerLineCount: '2' });

    const splits = await runner.flowFiles('splits');

    expect(texts(splits)).toEqual(['h1\r\nh2']);
    expect(attribute(splits, 'text.line.count')).toEqual(['0']);
    expect(attribute(splits, 'fragment.count')).toEqual(['1']);
  });

  it('routes the original to failure with a reason when the content has fewer lines than the header', async () => {
    const runner = await split('only\n', { lineSplitCount: '1', headerLineCount: '3' });

    const [failed] = await runner.flowFiles('failure');

    expect(failed!.text).toBe('only\n');
    expect(failed!.attributes[SPLIT_TEXT_FAILURE_ATTRIBUTE]).toContain('Header Line Count is 3');
    expect(await runner.flowFiles('splits')).toEqual([]);
    expect(await runner.flowFiles('original')).toEqual([]);
    expect(runner.bulletins()[0]?.message).toContain('data.txt');
  });

  it('passes empty content on as the original with fragment.count 0 and no split', async () => {
    const runner = await split('', { lineSplitCount: '10', headerLineCount: '1' });

    expect(await runner.flowFiles('splits')).toEqual([]);
    const [original] = await runner.flowFiles('original');
    expect(original!.attributes['fragment.count']).toBe('0');
    expect(await runner.flowFiles('failure')).toEqual([]);
  });

  it('splits by Maximum Fragment Size, a line larger than it alone in its split', async () => {
    // given lines of 5, 3, 3 and 11 bytes and at most 8 bytes per split
    const runner = await split('aaaa\nbb\ncc\ndddddddddd\ne', {
      lineSplitCount: '0',
      maximumFragmentSize: '8 B',
    });

    expect(texts(await runner.flowFiles('splits'))).toEqual(['aaaa\nbb', 'cc', 'dddddddddd', 'e']);
  });

  it('counts the header in the Maximum Fragment Size, and fails a header larger than it', async () => {
    const fits = await split('h\n1\n2\n3\n', {
      lineSplitCount: '10',
      headerLineCount: '1',
      maximumFragmentSize: '6 B',
    });
    const tooLarge = await split('header\n1\n', {
      lineSplitCount: '10',
      headerLineCount: '1',
      maximumFragmentSize: '4 B',
    });

    expect(texts(await fits.flowFiles('splits'))).toEqual(['h\n1\n2', 'h\n3']);
    expect(
      (await tooLarge.flowFiles('failure'))[0]?.attributes[SPLIT_TEXT_FAILURE_ATTRIBUTE],
    ).toContain('Maximum Fragment Size');
  });

  it('makes splits without a header as ranges of the original content (no bytes copied), FORK events', async () => {
    const runner = await split('a\nb\nc\n', { lineSplitCount: '1' });

    const [original] = await runner.flowFiles('original');
    const splits = await runner.flowFiles('splits');

    expect(splits.map((s) => s.flowFile.claim?.file)).toEqual(
      Array(3).fill(original!.flowFile.claim!.file),
    );
    const events = await runner.provenanceEvents();
    const forks = events.filter((e) => e.type === 'FORK');
    expect(forks).toHaveLength(3);
    expect(forks.every((e) => e.parentIds?.[0] === original!.flowFile.id)).toBe(true);
  });

  it('refuses a Line Split Count of 0 without a Maximum Fragment Size', async () => {
    const runner = track(
      await TestRunner.create(SplitText, { properties: { lineSplitCount: '0' } }),
    );

    expect(runner.validationErrors().join()).toContain('Maximum Fragment Size');
  });

  it('streams a million lines into splits, with and without a header', async () => {
    // given 1,000,000 lines (about 14 MB) with a header line
    const lines = ['id,value'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`${i},${i % 97}`);
    const content = Buffer.from(`${lines.join('\n')}\n`);

    // when split by 10,000 lines, with the header and without
    const withHeader = await split(content, { lineSplitCount: '10000', headerLineCount: '1' });
    const plain = await split(content, { lineSplitCount: '10000' });

    // then 100 splits of 10,000 data lines each, the header in front; 101 without a header
    const headed = await withHeader.flowFiles('splits');
    expect(headed).toHaveLength(100);
    expect(headed.every((s) => s.attributes['text.line.count'] === '10000')).toBe(true);
    expect(headed[0]!.text.startsWith('id,value\n0,0\n')).toBe(true);
    expect(headed[99]!.text.startsWith('id,value\n990000,')).toBe(true);
    expect(headed[99]!.text.endsWith(`999999,${999999 % 97}`)).toBe(true);
    const plainSplits = await plain.flowFiles('splits');
    expect(plainSplits).toHaveLength(101);
    expect(plainSplits.map((s) => s.text).join('\n')).toBe(lines.join('\n'));
  });
});
