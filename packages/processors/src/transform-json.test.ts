import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSFORM_JSON_FAILURE_ATTRIBUTE, TransformJson } from './transform-json.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

async function runner(properties: Record<string, string>): Promise<TestRunner> {
  const created = await TestRunner.create(TransformJson, { properties });
  runners.push(created);
  return created;
}

async function transform(
  properties: Record<string, string>,
  content: string | Buffer,
  attributes: Record<string, string> = { filename: 'in.json' },
): Promise<TestRunner> {
  const run = await runner(properties);
  await run.enqueue(content, attributes);
  await run.run();
  return run;
}

/** The seed-004 document: the Elasticsearch fields built from a text file and its attributes. */
const SEED_004_DOCUMENT = `{
  "id": $attributes.uuid,
  "fileName": $attributes.filename,
  "fullPathName": $attributes.\`absolute.path\` & $attributes.filename,
  "subject": $substringBefore($, "\\n"),
  "body": $substringAfter($, "\\n"),
  "writeDatetime": $attributes.\`file.lastModifiedTime\`
}`;

describe('TransformJson — the seed-004 document', () => {
  const subject = '분기 보고서 "초안" — Q3';
  const body = [
    '본문 첫 줄: 그는 "안녕하세요"라고 말했다.',
    'a\ttab-separated\tline',
    'C:\\data\\new folder\\report.txt and a lone \\ backslash',
    "single 'quotes', braces {}, brackets [] and a colon: here",
    'a CRLF line\r',
    'control \u0001 character and the last line 끝',
  ].join('\n');
  const attributes = {
    filename: '보고서 2024.txt',
    'absolute.path': '/sftp/data/',
    'file.lastModifiedTime': '2024-03-05T09:15:00+0900',
  };

  for (const prettyPrint of ['false', 'true']) {
    it(`builds {id, fileName, fullPathName, subject, body, writeDatetime} whose strings parse back exactly (Pretty Print ${prettyPrint})`, async () => {
      const run = await transform(
        { jsonataExpression: SEED_004_DOCUMENT, inputFormat: 'Text', prettyPrint },
        `${subject}\n${body}`,
        attributes,
      );
      const [output] = await run.flowFiles('success');
      expect(output).toBeDefined();
      const document = JSON.parse(output!.text) as unknown;
      expect(document).toStrictEqual({
        id: output!.attributes['uuid'],
        fileName: '보고서 2024.txt',
        fullPathName: '/sftp/data/보고서 2024.txt',
        subject,
        body,
        writeDatetime: '2024-03-05T09:15:00+0900',
      });
      expect(output!.attributes['uuid']).toMatch(/^[0-9a-f-]{36}$/);
      // Strict decoders (Python's json, the seed's Spark job) refuse raw control characters.
      const strings = prettyPrint === 'true' ? output!.text.replace(/\n {0,4}/g, '') : output!.text;
      expect([...strings].filter((char) => char < ' ')).toEqual([]);
      expect(output!.text.includes('보고서')).toBe(true);
      expect(output!.attributes['mime.type']).toBe('application/json');
    });
  }
});

describe('TransformJson — JSON input', () => {
  it('reshapes JSON content with the attributes bound as $attributes', async () => {
    const run = await transform(
      {
        jsonataExpression:
          '{"name": user.name, "tags": user.tags[[0..1]], "source": $attributes.filename}',
      },
      JSON.stringify({ user: { name: '김민준', tags: ['a', 'b', 'c'] } }),
    );
    const [output] = await run.flowFiles('success');
    expect(output?.text).toBe('{"name":"김민준","tags":["a","b"],"source":"in.json"}');
  });

  it('indents the output with Pretty Print', async () => {
    const run = await transform({ jsonataExpression: '{"a": [1]}', prettyPrint: 'true' }, '{}');
    expect((await run.flowFiles('success'))[0]?.text).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('sends content that is not JSON to failure, saying why and where', async () => {
    const broken = '{"body": "C:\\data"}';
    const run = await transform({ jsonataExpression: 'body' }, broken);
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toBe(
      "the content is not valid JSON: an invalid escape '\\d' inside a string (a literal backslash is written \\\\) (at column 13)",
    );
    expect(failed?.text).toBe(broken);
    expect(run.bulletins()[0]?.message).toContain('is not valid JSON');
  });

  it('sends a flowfile whose evaluation fails to failure with the JSONata error and its place', async () => {
    const run = await transform({ jsonataExpression: 'a + b' }, '{"a": 1, "b": "x"}');
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toBe(
      'the JSONata expression failed: The right side of the "+" operator must evaluate to a number (T2002) at column 3',
    );
    expect(run.bulletins().map((b) => b.level)).toEqual(['ERROR']);
  });

  it('sends a flowfile for which the expression gives nothing to failure', async () => {
    const run = await transform({ jsonataExpression: 'missing.field' }, '{"a": 1}');
    expect((await run.flowFiles('failure'))[0]?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toBe(
      'the JSONata expression gave no value for this content (nothing matched)',
    );
  });

  it('stops an endless recursion at the Evaluation Timeout and sends its flowfile to failure', async () => {
    // given an expression that never ends (a tail call: it does not nest, it loops)
    const run = await runner({
      jsonataExpression: '($loop := function($x) { $loop($x + 1) }; $loop(n))',
      evaluationTimeout: '300 ms',
    });
    await run.enqueue('{"n": 1}', { filename: 'endless' });

    // when
    const started = Date.now();
    await run.run();

    // then the flowfile failed with the reason, soon after the limit
    expect(Date.now() - started).toBeLessThan(10_000);
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toMatch(
      /^the JSONata expression failed: the evaluation took longer than the Evaluation Timeout of 300 ms \(\d+ steps\)/,
    );
  });

  it('stops a recursion that nests without end before it eats the heap', async () => {
    // given a recursion that is not a tail call, so every call nests
    const run = await transform(
      { jsonataExpression: '($deep := function($x) { 1 + $deep($x + 1) }; $deep(0))' },
      '{}',
    );

    // then
    const [failed] = await run.flowFiles('failure');
    expect(failed?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toMatch(
      /^the JSONata expression failed: the evaluation nested deeper than 10000 steps/,
    );
  });

  it('runs a deep but finite tail recursion to the end', async () => {
    const run = await transform(
      {
        jsonataExpression:
          '($count := function($x) { $x >= 50000 ? $x : $count($x + 1) }; $count(0))',
      },
      '{}',
    );
    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['50000']);
  });

  it('transforms each flowfile of a batch on its own', async () => {
    const run = await runner({ jsonataExpression: '{"n": n * 2}' });
    await run.enqueue('{"n": 1}', { filename: 'a' });
    await run.enqueue('{"n": ', { filename: 'b' });
    await run.enqueue('{"n": 3}', { filename: 'c' });
    await run.run();
    expect((await run.flowFiles('success')).map((f) => f.text)).toEqual(['{"n":2}', '{"n":6}']);
    expect((await run.flowFiles('failure')).map((f) => f.attributes['filename'])).toEqual(['b']);
  });
});

describe('TransformJson — configuration', () => {
  it('refuses an expression that does not compile, with the line and column', async () => {
    const run = await runner({ jsonataExpression: '{\n  "a": $.x,,\n}' });
    expect(run.validationErrors()).toEqual([
      `jsonataExpression: 'JSONata Expression' is not valid JSONata: The symbol "," cannot be used as a unary operator (S0211) at line 2, column 12`,
    ]);
  });

  it('requires an expression', async () => {
    const run = await runner({});
    expect(run.validationErrors()).toEqual(["jsonataExpression: 'JSONata Expression' is required"]);
  });

  it('sends text that is not UTF-8 to failure in Text mode', async () => {
    const run = await transform(
      { jsonataExpression: '$', inputFormat: 'Text' },
      Buffer.from([0x61, 0xc3]),
    );
    expect((await run.flowFiles('failure'))[0]?.attributes[TRANSFORM_JSON_FAILURE_ATTRIBUTE]).toBe(
      'the content is not UTF-8 text: the bytes 0xC3 at byte offset 1 are not valid UTF-8',
    );
  });
});
