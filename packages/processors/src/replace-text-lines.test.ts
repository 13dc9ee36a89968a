import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLACE_TEXT_FAILURE_ATTRIBUTE, ReplaceText } from './replace-text.js';

/** ReplaceText in Line-by-Line evaluation mode; the entire-text behaviour is in replace-text.test.ts. */

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

async function lineByLine(
  properties: Record<string, string>,
  content: string | Buffer,
): Promise<TestRunner> {
  const runner = await TestRunner.create(ReplaceText, {
    properties: { evaluationMode: 'Line-by-Line', ...properties },
  });
  runners.push(runner);
  await runner.enqueue(content, { filename: 'a.txt' });
  await runner.run();
  return runner;
}

async function output(runner: TestRunner, relationship = 'success'): Promise<string | undefined> {
  return (await runner.flowFiles(relationship))[0]?.text;
}

describe('ReplaceText — Line-by-Line', () => {
  it.each([
    ['All', '>h\n>b1\n>b2\n>f\n'],
    ['First-Line', '>h\nb1\nb2\nf\n'],
    ['Last-Line', 'h\nb1\nb2\n>f\n'],
    ['Except-First-Line', 'h\n>b1\n>b2\n>f\n'],
    ['Except-Last-Line', '>h\n>b1\n>b2\nf\n'],
  ])('with %s, prepends to the selected lines only', async (mode, expected) => {
    const runner = await lineByLine(
      { replacementStrategy: 'Prepend', replacementValue: '>', lineByLineEvaluationMode: mode },
      'h\nb1\nb2\nf\n',
    );
    expect(await output(runner)).toBe(expected);
  });

  it('treats a single line as both the first and the last', async () => {
    const first = await lineByLine(
      {
        replacementStrategy: 'Append',
        replacementValue: '<',
        lineByLineEvaluationMode: 'Last-Line',
      },
      'only',
    );
    const exceptFirst = await lineByLine(
      {
        replacementStrategy: 'Append',
        replacementValue: '<',
        lineByLineEvaluationMode: 'Except-First-Line',
      },
      'only',
    );
    expect(await output(first)).toBe('only<');
    expect(await output(exceptFirst)).toBe('only');
  });

  it('keeps CRLF, LF and lone CR line endings as they were', async () => {
    const runner = await lineByLine({ replacementValue: '<$1>' }, 'a\r\nb\nc\rd');
    expect(await output(runner)).toBe('<a>\r\n<b>\n<c>\r<d>');
  });

  it('appends before the line ending, as NiFi does', async () => {
    const runner = await lineByLine(
      { replacementStrategy: 'Append', replacementValue: ';' },
      'a\r\nb\r\n',
    );
    expect(await output(runner)).toBe('a;\r\nb;\r\n');
  });

  it('never lets the regex see the line ending, so \\s+$ cannot join lines', async () => {
    const runner = await lineByLine({ searchValue: '\\s+$', replacementValue: '|' }, 'a  \nb\n');
    expect(await output(runner)).toBe('a|\nb\n');
  });

  it('runs the seed demo: prefixes each line with the file name', async () => {
    const runner = await lineByLine(
      { searchValue: '(?s)(^.*$)', replacementValue: '${filename}: $1' },
      'one\ntwo\n',
    );
    expect(await output(runner)).toBe('a.txt: one\na.txt: two\n');
  });

  it('replaces each line with Always Replace, keeping the line endings', async () => {
    const runner = await lineByLine(
      { replacementStrategy: 'Always Replace', replacementValue: 'x' },
      'a\r\nbb\nccc',
    );
    expect(await output(runner)).toBe('x\r\nx\nx');
  });

  it('applies Literal Replace, Surround and Substitute Variables per line', async () => {
    const literal = await lineByLine(
      { replacementStrategy: 'Literal Replace', searchValue: '.', replacementValue: '!' },
      'a.b\nc.d\n',
    );
    const surround = await lineByLine(
      {
        replacementStrategy: 'Surround',
        prependText: '<',
        appendText: '>',
        lineByLineEvaluationMode: 'Except-First-Line',
      },
      'head\nrow\n',
    );
    const substitute = await lineByLine(
      { replacementStrategy: 'Substitute Variables' },
      'f=${filename}\nx\n',
    );
    expect(await output(literal)).toBe('a!b\nc!d\n');
    expect(await output(surround)).toBe('head\n<row>\n');
    expect(await output(substitute)).toBe('f=a.txt\nx\n');
  });

  it('leaves empty content untouched', async () => {
    const runner = await lineByLine({ replacementStrategy: 'Prepend', replacementValue: '>' }, '');
    expect(await output(runner)).toBe('');
    const types = (await runner.provenanceEvents()).map((event) => event.type);
    expect(types).not.toContain('CONTENT_MODIFIED');
  });

  it('routes a flowfile with a line longer than the Maximum Buffer Size to failure', async () => {
    const runner = await lineByLine(
      { maximumBufferSize: '10 B', searchValue: 'x', replacementValue: 'y' },
      `short\n${'x'.repeat(20)}\n`,
    );
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.text).toBe(`short\n${'x'.repeat(20)}\n`);
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(
      /a line of 20 bytes is longer than the Maximum Buffer Size/,
    );
  });

  it('counts line bytes in the character set, not characters', async () => {
    const runner = await lineByLine(
      { maximumBufferSize: '10 B', replacementStrategy: 'Append', replacementValue: '!' },
      '한글한글\n',
    );
    expect(await output(runner, 'failure')).toBe('한글한글\n');
  });

  it('streams content larger than memory allows, line by line, CRLF split across chunks included', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 97)}`);
    const content = lines.join('\r\n') + '\r\n';
    expect(content.length).toBeGreaterThan(2 * 1024 * 1024);
    const runner = await lineByLine(
      { searchValue: '^line (\\d+)', replacementValue: '#$1' },
      content,
    );
    const expected = lines.map((line) => line.replace(/^line (\d+)/, '#$1')).join('\r\n') + '\r\n';
    expect(await output(runner)).toBe(expected);
  });

  it('streams large content in UTF-16 too, with one byte-order mark', async () => {
    const text = Array.from({ length: 80_000 }, (_, i) => `줄 ${i}`).join('\n');
    const runner = await lineByLine(
      { characterSet: 'UTF-16', replacementStrategy: 'Prepend', replacementValue: '>' },
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    );
    const [result] = await runner.flowFiles('success');
    const expected = text
      .split('\n')
      .map((line) => `>${line}`)
      .join('\n');
    const bytes = Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from(expected, 'utf16le').swap16(),
    ]);
    // Buffer.equals: a deep toEqual over a megabyte of bytes takes seconds.
    expect(result?.content.equals(bytes)).toBe(true);
  });

  it('routes a streamed flowfile with an overlong line to failure', async () => {
    const content = `${'y'.repeat(3 * 1024 * 1024)}\nend\n`;
    const runner = await lineByLine(
      { replacementStrategy: 'Append', replacementValue: '!' },
      content,
    );
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.content.length).toBe(content.length);
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(
      /longer than the Maximum Buffer Size/,
    );
  });
});
