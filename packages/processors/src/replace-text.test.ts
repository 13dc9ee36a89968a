import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLACE_TEXT_FAILURE_ATTRIBUTE, ReplaceText } from './replace-text.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

type Input = string | Buffer | { content: string | Buffer; attributes: Record<string, string> };

/** Runs ReplaceText once over the inputs and returns the runner to inspect. */
async function replaceText(
  properties: Record<string, string>,
  ...inputs: Input[]
): Promise<TestRunner> {
  const runner = await TestRunner.create(ReplaceText, { properties });
  runners.push(runner);
  for (const input of inputs) {
    if (typeof input === 'string' || Buffer.isBuffer(input))
      await runner.enqueue(input, { filename: 'a.txt' });
    else await runner.enqueue(input.content, { filename: 'a.txt', ...input.attributes });
  }
  await runner.run();
  return runner;
}

async function texts(runner: TestRunner, relationship = 'success'): Promise<string[]> {
  return (await runner.flowFiles(relationship)).map((flowFile) => flowFile.text);
}

describe('ReplaceText — the seed pipeline (004)', () => {
  it('strips double quotes with Regex Replace " → empty', async () => {
    const runner = await replaceText(
      { searchValue: '"', replacementValue: '' },
      'say "hi" and "bye"',
    );
    expect(await texts(runner)).toEqual(['say hi and bye']);
  });

  it('wraps the whole text as {"${filename}":"$1"} with the default Search Value', async () => {
    const runner = await replaceText({ replacementValue: '{"${filename}":"$1"}' }, 'plain text');
    expect(await texts(runner)).toEqual(['{"a.txt":"plain text"}']);
  });

  it('shows why the seed broke: a bare $1 puts raw newlines and quotes into the JSON string', async () => {
    const runner = await replaceText(
      { replacementValue: '{"${filename}":"$1"}' },
      'line "one"\nline two',
    );
    const [text] = await texts(runner);
    expect(() => JSON.parse(text!)).toThrow();
  });

  it("builds valid JSON for any text with ${'$1':escapeJson()} and an escaped file name", async () => {
    const body = 'He said "hi"\\there\n\ttab\r\nand \u0001 control, 한글';
    const runner = await replaceText(
      { replacementValue: `{"\${filename:escapeJson()}":"\${'$1':escapeJson()}"}` },
      { content: body, attributes: { filename: 'we"ird\\name.txt' } },
    );
    const [text] = await texts(runner);
    expect(JSON.parse(text!)).toEqual({ 'we"ird\\name.txt': body });
  });
});

describe('ReplaceText — Regex Replace', () => {
  it('leaves content as it was with the default configuration', async () => {
    const runner = await replaceText({}, 'keep me\nas I am\n');
    expect(await texts(runner)).toEqual(['keep me\nas I am\n']);
  });

  it('leaves content untouched, with no CONTENT_MODIFIED event, when nothing matches', async () => {
    const runner = await replaceText({ searchValue: 'absent', replacementValue: 'x' }, 'some text');
    expect(await texts(runner)).toEqual(['some text']);
    const types = (await runner.provenanceEvents()).map((event) => event.type);
    expect(types).not.toContain('CONTENT_MODIFIED');
  });

  it('records one CONTENT_MODIFIED event per updated flowfile', async () => {
    const runner = await replaceText({ searchValue: 'a', replacementValue: 'b' }, 'aaa', 'xa');
    const modified = (await runner.provenanceEvents()).filter(
      (event) => event.type === 'CONTENT_MODIFIED',
    );
    expect(modified).toHaveLength(2);
  });

  it('substitutes back-references, taking as many digits as name a group', async () => {
    const runner = await replaceText(
      { searchValue: '(\\w+)@(\\w+)', replacementValue: '$2 at $1, $12, $3, \\$1' },
      'joe@example',
    );
    expect(await texts(runner)).toEqual(['example at joe, joe2, $3, $1']);
  });

  it('replaces every match, evaluating group expressions per match', async () => {
    const runner = await replaceText(
      { searchValue: '(WOLF|TIGER|LION)', replacementValue: "${'$1':toLower()}" },
      'WOLF, TIGER and LION',
    );
    expect(await texts(runner)).toEqual(['wolf, tiger and lion']);
  });

  it('evaluates attribute expressions in the replacement and inserts their values literally', async () => {
    const runner = await replaceText(
      { searchValue: '(\\d+)', replacementValue: '${currency}$1' },
      { content: 'costs 5', attributes: { currency: '$1 USD ' } },
    );
    expect(await texts(runner)).toEqual(['costs $1 USD 5']);
  });

  it('matches the values of expressions in the Search Value literally', async () => {
    const runner = await replaceText(
      { searchValue: '${word}', replacementValue: '[x]' },
      { content: 'a.b axb', attributes: { word: 'a.b' } },
    );
    expect(await texts(runner)).toEqual(['[x] axb']);
  });

  it('uses a #{parameter} in the Search Value as regex text, not as a literal value', async () => {
    const runner = await TestRunner.create(ReplaceText, {
      properties: { searchValue: '#{pattern}', replacementValue: '[$0]' },
      parameters: { pattern: 'a.c' },
    });
    runners.push(runner);
    await runner.enqueue('abc a.c', {});
    await runner.run();
    expect(await texts(runner)).toEqual(['[abc] [a.c]']);
  });

  it("follows Java's $: the end, or just before a final line terminator", async () => {
    const runner = await replaceText({ searchValue: '(^.*$)', replacementValue: '[$1]' }, 'abc\n');
    expect(await texts(runner)).toEqual(['[abc]\n']);
  });

  it('supports leading inline flags such as (?i)', async () => {
    const runner = await replaceText(
      { searchValue: '(?i)hello', replacementValue: 'bye' },
      'HeLLo world',
    );
    expect(await texts(runner)).toEqual(['bye world']);
  });

  it("replaces everything without a regex when the Search Value is '.*', as NiFi does", async () => {
    const runner = await replaceText({ searchValue: '.*', replacementValue: 'X$1' }, 'a\nb');
    expect(await texts(runner)).toEqual(['X$1']);
  });

  it('processes every queued flowfile in one trigger', async () => {
    const runner = await replaceText(
      { searchValue: 'x', replacementValue: 'y' },
      'x1',
      'x2',
      'x3',
      'x4',
    );
    expect(await texts(runner)).toEqual(['y1', 'y2', 'y3', 'y4']);
    expect(runner.inputQueueSize()).toBe(0);
  });
});

describe('ReplaceText — validation and failures', () => {
  it('reports a bad regex as a validation error naming Search Value', async () => {
    const runner = await TestRunner.create(ReplaceText, {
      properties: { searchValue: '(unclosed' },
    });
    runners.push(runner);
    expect(runner.validationErrors()).toEqual([
      expect.stringMatching(/^searchValue: 'Search Value'.*regular expression/),
    ]);
  });

  it('refuses Java constructs JavaScript cannot run, saying which', async () => {
    const runner = await TestRunner.create(ReplaceText, { properties: { searchValue: 'a++' } });
    runners.push(runner);
    expect(runner.validationErrors().join()).toMatch(/possessive quantifiers/);
  });

  it('does not validate a Search Value with expressions, nor one used literally', async () => {
    for (const properties of [
      { searchValue: '(${x}', replacementStrategy: 'Regex Replace' },
      { searchValue: '(', replacementStrategy: 'Literal Replace' },
    ]) {
      const runner = await TestRunner.create(ReplaceText, { properties });
      runners.push(runner);
      expect(runner.validationErrors()).toEqual([]);
    }
  });

  it('rejects an unknown Character Set', async () => {
    const runner = await TestRunner.create(ReplaceText, { properties: { characterSet: 'EBCDIC' } });
    runners.push(runner);
    expect(runner.validationErrors()).toEqual([
      expect.stringMatching(/^characterSet: .*not a supported character set/),
    ]);
  });

  it('routes to failure, with the reason and a bulletin, when a Search Value expression makes a bad regex', async () => {
    const runner = await replaceText(
      { searchValue: '(${x}', replacementValue: 'y' },
      { content: 'text', attributes: { x: 'a' } },
    );
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.text).toBe('text');
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(/Search Value/);
    expect(runner.bulletins().map((b) => b.level)).toEqual(['WARN']);
  });

  it('routes to failure, naming Search Value, a pattern the regex engine gives up on, and keeps going', async () => {
    // Given a pattern V8 cannot run (it overflows the stack; found by replace-text.fuzz.test.ts)
    const runner = await replaceText(
      { searchValue: '(a|){99999999999}\\d', replacementValue: 'x' },
      'a',
      'b',
    );

    // Then both flowfiles go to failure with the reason, and the processor goes on
    expect(await texts(runner, 'failure')).toEqual(['a', 'b']);
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(
      /^'Search Value' .* could not be matched against the text: Maximum call stack size exceeded/,
    );
  });

  it('routes to failure when an expression fails to evaluate, and keeps going with the batch', async () => {
    const runner = await replaceText(
      { replacementValue: '${n:toNumber()}' },
      { content: 'bad', attributes: { n: 'abc' } },
      { content: 'good', attributes: { n: '42' } },
    );
    expect(await texts(runner, 'failure')).toEqual(['bad']);
    expect(await texts(runner)).toEqual(['42']);
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(/Replacement Value/);
  });

  it('routes content larger than the Maximum Buffer Size to failure in Entire text mode', async () => {
    const runner = await replaceText(
      { maximumBufferSize: '10 B', searchValue: 'x', replacementValue: 'y' },
      'x'.repeat(20),
    );
    const [failed] = await runner.flowFiles('failure');
    expect(failed?.attributes[REPLACE_TEXT_FAILURE_ATTRIBUTE]).toMatch(
      /larger than the Maximum Buffer Size \(10 bytes\)/,
    );
    expect(runner.bulletins()[0]?.message).toMatch(/Maximum Buffer Size/);
    expect(await texts(runner)).toEqual([]);
  });

  it('ignores the Maximum Buffer Size for Prepend in Entire text mode, which never buffers', async () => {
    const runner = await replaceText(
      { maximumBufferSize: '10 B', replacementStrategy: 'Prepend', replacementValue: '>' },
      'x'.repeat(20),
    );
    expect(await texts(runner)).toEqual([`>${'x'.repeat(20)}`]);
  });
});

describe('ReplaceText — the other strategies', () => {
  it('Literal Replace replaces every occurrence, taking $ and regex characters literally', async () => {
    const runner = await replaceText(
      { replacementStrategy: 'Literal Replace', searchValue: 'a.b', replacementValue: '$1' },
      'a.b axb a.b',
    );
    expect(await texts(runner)).toEqual(['$1 axb $1']);
  });

  it('Always Replace replaces the entire content', async () => {
    const runner = await replaceText(
      { replacementStrategy: 'Always Replace', replacementValue: 'new ${filename}' },
      'old content',
    );
    expect(await texts(runner)).toEqual(['new a.txt']);
  });

  it('Prepend, Append and Surround add text around the entire content', async () => {
    const prepend = await replaceText(
      { replacementStrategy: 'Prepend', replacementValue: '<' },
      'body\n',
    );
    const append = await replaceText(
      { replacementStrategy: 'Append', replacementValue: '>' },
      'body\n',
    );
    const surround = await replaceText(
      { replacementStrategy: 'Surround', prependText: '[', appendText: '] ${filename}' },
      'body',
    );
    expect(await texts(prepend)).toEqual(['<body\n']);
    expect(await texts(append)).toEqual(['body\n>']);
    expect(await texts(surround)).toEqual(['[body] a.txt']);
  });

  it('Substitute Variables fills ${attribute} references in the content', async () => {
    const runner = await replaceText(
      { replacementStrategy: 'Substitute Variables' },
      {
        content: 'Hi ${name}; ${missing}; ${missing:-none}; $${name}',
        attributes: { name: 'Bob' },
      },
    );
    expect(await texts(runner)).toEqual(['Hi Bob; ${missing}; none; ${name}']);
  });

  it('reads and writes ISO-8859-1 content with Character Set latin1', async () => {
    const runner = await replaceText(
      { characterSet: 'ISO-8859-1', searchValue: '"', replacementValue: 'é' },
      Buffer.from('café "x"', 'latin1'),
    );
    const [output] = await runner.flowFiles('success');
    expect(output?.content).toEqual(Buffer.from('café éxé', 'latin1'));
  });

  it('reads and writes UTF-16LE content', async () => {
    const runner = await replaceText(
      { characterSet: 'UTF-16LE', searchValue: 'b', replacementValue: 'ß' },
      Buffer.from('abc', 'utf16le'),
    );
    const [output] = await runner.flowFiles('success');
    expect(output?.content).toEqual(Buffer.from('aßc', 'utf16le'));
  });
});
