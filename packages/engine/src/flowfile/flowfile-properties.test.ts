import { afterEach, describe, expect, it } from 'vitest';
import { defineProcessor } from '../processor/processor-definition.js';
import { TestRunner } from '../testing/test-runner.js';

/** Writes what the expression language reads for each flowfile property into attributes. */
const Inspect = defineProcessor({
  type: 'InspectFlowFileProperties',
  description: 'Evaluates ${fileSize}, ${entryDate} and ${lineageStartDate} for each flowfile',
  tags: [],
  properties: {},
  relationships: { success: 'Inspected' },
  async onTrigger(ctx, session) {
    const flowFile = session.get();
    if (!flowFile) return;
    const seen = session.putAllAttributes(flowFile, {
      'seen.fileSize': ctx.evaluate('${fileSize}', flowFile),
      'seen.large': ctx.evaluate('${fileSize:gt(4)}', flowFile),
      'seen.entryDate': ctx.evaluate('${entryDate}', flowFile),
      'seen.lineageStartDate': ctx.evaluate('${lineageStartDate}', flowFile),
    });
    session.transfer(seen, 'success');
  },
});

let runner: TestRunner | undefined;
afterEach(async () => {
  await runner?.close();
  runner = undefined;
});

describe('flowfile properties in the expression language', () => {
  it('reads fileSize, entryDate and lineageStartDate as NiFi does, over attributes of the same name', async () => {
    runner = await TestRunner.create(Inspect);
    const before = Date.now();
    await runner.enqueue('한글 bytes', { fileSize: '1', other: 'kept' });
    await runner.enqueue('');
    await runner.run(2);
    const [first, empty] = await runner.flowFiles('success');
    expect(first!.attributes['seen.fileSize']).toBe(String(Buffer.byteLength('한글 bytes')));
    expect(first!.attributes['seen.large']).toBe('true');
    expect(empty!.attributes['seen.fileSize']).toBe('0');
    expect(empty!.attributes['seen.large']).toBe('false');
    for (const out of [first!, empty!]) {
      expect(out.attributes['seen.entryDate']).toBe(String(out.flowFile.entryDate));
      expect(out.attributes['seen.lineageStartDate']).toBe(String(out.flowFile.lineageStartDate));
      expect(Number(out.attributes['seen.entryDate'])).toBeGreaterThanOrEqual(before);
    }
    // The attribute of the same name is still there; only the expression language sees past it.
    expect(first!.attributes['fileSize']).toBe('1');
  });
});
