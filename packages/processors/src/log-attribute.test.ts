import { TestRunner } from '@sluice/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { LogAttribute } from './log-attribute.js';

const runners: TestRunner[] = [];

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.close()));
});

const ATTRIBUTES = { filename: 'a.txt', 'kafka.topic': 't3q', secretish: 's', zeta: 'z' };

/** Logs at warn, so each entry becomes a bulletin the test can read. */
async function logAttribute(
  properties: Record<string, string>,
  content = 'hello',
): Promise<TestRunner> {
  const runner = await TestRunner.create(LogAttribute, {
    properties: { logLevel: 'warn', ...properties },
  });
  runners.push(runner);
  await runner.enqueue(content, ATTRIBUTES);
  await runner.run();
  return runner;
}

function logged(runner: TestRunner): string {
  const bulletins = runner.bulletins();
  expect(bulletins).toHaveLength(1);
  return bulletins[0]!.message;
}

describe('LogAttribute', () => {
  it('logs every attribute, one per line between dashed lines, sorted by name', async () => {
    const runner = await logAttribute({ logFlowFileProperties: 'false' });
    const [out] = await runner.flowFiles('success');
    expect(logged(runner)).toBe(
      [
        `logging for flow file FlowFile[uuid=${out!.flowFile.id}, filename=a.txt, size=5]`,
        '-'.repeat(50),
        'FlowFile Attribute Map Content',
        "Key: 'filename'",
        "\tValue: 'a.txt'",
        "Key: 'kafka.topic'",
        "\tValue: 't3q'",
        "Key: 'path'",
        "\tValue: './'",
        "Key: 'secretish'",
        "\tValue: 's'",
        "Key: 'uuid'",
        `\tValue: '${out!.flowFile.id}'`,
        "Key: 'zeta'",
        "\tValue: 'z'",
        '-'.repeat(50),
      ].join('\n'),
    );
  });

  it('passes the flowfile on unchanged', async () => {
    const runner = await logAttribute({ logPayload: 'true' });
    const [out] = await runner.flowFiles('success');
    expect(out?.text).toBe('hello');
    expect(out?.attributes).toMatchObject(ATTRIBUTES);
    const types = (await runner.provenanceEvents()).map((event) => event.type);
    expect(types).not.toContain('CONTENT_MODIFIED');
    expect(types).not.toContain('ATTRIBUTES_MODIFIED');
  });

  it('logs the flowfile properties by default', async () => {
    const message = logged(await logAttribute({}));
    expect(message).toMatch(/FlowFile Properties\nKey: 'entryDate'\n\tValue: '\d{4}-\d\d-\d\dT/);
    expect(message).toContain("Key: 'fileSize'\n\tValue: '5'");
  });

  it('logs the payload when asked', async () => {
    const message = logged(await logAttribute({ logPayload: 'true' }, 'the payload'));
    expect(message.endsWith('-'.repeat(50) + '\nthe payload')).toBe(true);
  });

  it('logs only the listed attributes that match the regex, minus the ignored ones', async () => {
    const message = logged(
      await logAttribute({
        attributesToLog: 'filename, kafka.topic ,zeta,secretish',
        attributesToLogRegex: '[a-z.]+',
        attributesToIgnore: 'zeta',
        attributesToIgnoreRegex: 'secret.*',
        logFlowFileProperties: 'false',
      }),
    );
    const keys = [...message.matchAll(/Key: '([^']+)'/g)].map((m) => m[1]);
    expect(keys).toEqual(['filename', 'kafka.topic']);
  });

  it('writes all attributes on a single line with Output Format Single Line', async () => {
    const message = logged(
      await logAttribute({ outputFormat: 'Single Line', attributesToLog: 'filename,zeta' }),
    );
    expect(message).toMatch(
      /^logging for flow file .*\nFlowFile Properties: \{entryDate=\S+, fileSize=5, filename=a\.txt, lineageStartDate=\S+, zeta=z\}$/,
    );
  });

  it('centres the Log prefix in the dashed lines', async () => {
    const message = logged(await logAttribute({ logPrefix: '${filename}' }));
    const dashes = `${'-'.repeat(5)}${'-'.repeat(17)}a.txt${'-'.repeat(18)}${'-'.repeat(5)}`;
    expect(message.split('\n')[1]).toBe(dashes);
  });

  it('logs at error as an ERROR bulletin, and below the bulletin level posts none', async () => {
    const error = await logAttribute({ logLevel: 'error' });
    const info = await logAttribute({ logLevel: 'info' });
    expect(error.bulletins().map((b) => b.level)).toEqual(['ERROR']);
    expect(info.bulletins()).toEqual([]);
    expect(await info.flowFiles('success')).toHaveLength(1);
  });

  it('rejects a bad attribute regex', async () => {
    const runner = await TestRunner.create(LogAttribute, {
      properties: { attributesToIgnoreRegex: '(' },
    });
    runners.push(runner);
    expect(runner.validationErrors()).toEqual([
      expect.stringMatching(/^attributesToIgnoreRegex: /),
    ]);
  });
});
