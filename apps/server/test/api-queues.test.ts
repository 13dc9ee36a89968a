import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Inspect' })).id;
});

afterEach(async () => {
  await t.dispose();
});

const TEXT = 'héllo, queue';

/** GenerateFlowFile (30 a run, custom text, a `group` per flowfile) → a stopped LogAttribute. */
async function queued(runs = 1) {
  const gen = await t.client.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Generate',
    position: { x: 0, y: 0 },
    properties: { batchSize: '30', customText: TEXT, group: 'g-${UUID():substring(0, 1)}' },
  });
  const log = await t.client.processors.add.mutate({
    flowId,
    type: 'LogAttribute',
    name: 'Log',
    position: { x: 400, y: 0 },
  });
  const connection = await t.client.connections.add.mutate({
    flowId,
    source: gen.processor.id,
    destination: log.processor.id,
    relationships: ['success'],
    name: 'to log',
  });
  for (let i = 0; i < runs; i++) {
    await t.client.processors.runOnce.mutate({ flowId, ids: gen.processor.id });
  }
  return { connectionId: connection.id };
}

describe('queues API', () => {
  it('lists a queue page by page with positions and the total', async () => {
    const { connectionId } = await queued(2);
    const first = await t.client.queues.list.query({ flowId, connectionId, limit: 25 });
    expect(first.total).toBe(60);
    expect(first.queued).toBe(60);
    expect(first.connection).toEqual({ id: connectionId, name: 'to log' });
    expect(first.flowFiles.map((f) => f.position)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(first.flowFiles[0]).toMatchObject({ size: Buffer.byteLength(TEXT), penalizedUntil: 0 });
    const last = await t.client.queues.list.query({ flowId, connectionId, offset: 50, limit: 25 });
    expect(last.flowFiles.map((f) => f.position)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 51),
    );
    const reversed = await t.client.queues.list.query({
      flowId,
      connectionId,
      limit: 1,
      sort: 'position',
      direction: 'desc',
    });
    expect(reversed.flowFiles[0]!.position).toBe(60);
    // Queued in the same millisecond: equal dates list in queue order, whichever the direction.
    const latest = await t.client.queues.list.query({
      flowId,
      connectionId,
      limit: 1,
      sort: 'queuedDate',
      direction: 'desc',
    });
    expect(latest.flowFiles[0]!.position).toBeGreaterThan(30);
  });

  it('filters by any attribute value or by a named one, and counts the matches', async () => {
    const { connectionId } = await queued();
    const all = await t.client.queues.list.query({ flowId, connectionId, limit: 100 });
    const target = all.flowFiles[7]!;
    const byId = await t.client.queues.list.query({
      flowId,
      connectionId,
      filter: target.id.toUpperCase(),
    });
    expect(byId.total).toBe(1);
    expect(byId.flowFiles[0]!.id).toBe(target.id);
    const details = await t.client.queues.flowFile.query({
      flowId,
      connectionId,
      flowFileId: target.id,
    });
    const group = details.attributes['group']!;
    const byGroup = await t.client.queues.list.query({
      flowId,
      connectionId,
      filter: group,
      attribute: 'group',
      limit: 100,
    });
    const expected = (
      await Promise.all(
        all.flowFiles.map((f) =>
          t.client.queues.flowFile.query({ flowId, connectionId, flowFileId: f.id }),
        ),
      )
    ).filter((f) => f.attributes['group'] === group).length;
    expect(byGroup.total).toBe(expected);
    expect(byGroup.queued).toBe(30);
    const onOther = await t.client.queues.list.query({
      flowId,
      connectionId,
      filter: group,
      attribute: 'filename',
    });
    expect(onOther.total).toBe(0);
  });

  it("shows a flowfile's details and its content as text, hex and base64, by range", async () => {
    const { connectionId } = await queued();
    const [row] = (await t.client.queues.list.query({ flowId, connectionId, limit: 1 })).flowFiles;
    const flowFileId = row!.id;
    const details = await t.client.queues.flowFile.query({ flowId, connectionId, flowFileId });
    expect(details).toMatchObject({
      id: flowFileId,
      position: 1,
      size: Buffer.byteLength(TEXT),
      hasContent: true,
      penalized: false,
      filename: flowFileId,
    });
    expect(details.attributes).toMatchObject({ uuid: flowFileId, filename: flowFileId });

    const whole = await t.client.queues.content.query({ flowId, connectionId, flowFileId });
    expect(whole).toMatchObject({ data: TEXT, offset: 0, complete: true, charset: 'utf-8' });
    // 2 bytes end inside "é": the text stops before it and says how far it got.
    const cut = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      length: 2,
    });
    expect(cut).toMatchObject({ data: 'h', length: 1, complete: false });
    const rest = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      offset: 1,
      length: 100,
    });
    expect(rest.data).toBe(TEXT.slice(1));
    const latin1 = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      charset: 'latin1',
    });
    expect(latin1.data).toBe(Buffer.from(TEXT).toString('latin1'));
    const hex = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      encoding: 'hex',
      offset: 1,
      length: 2,
    });
    expect(hex).toMatchObject({ data: 'c3a9', length: 2, offset: 1, size: 13 });
    const base64 = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      encoding: 'base64',
    });
    expect(Buffer.from(base64.data, 'base64').toString()).toBe(TEXT);
    const past = await t.client.queues.content.query({
      flowId,
      connectionId,
      flowFileId,
      offset: 1000,
    });
    expect(past).toMatchObject({ data: '', length: 0, complete: true, offset: 13 });
  });

  it('refuses bad input with BAD_REQUEST and unknown things with NOT_FOUND', async () => {
    const { connectionId } = await queued();
    const bad = [
      t.client.queues.list.query({ flowId, connectionId, limit: 0 }),
      t.client.queues.list.query({ flowId, connectionId, limit: 1001 }),
      t.client.queues.list.query({ flowId, connectionId, offset: -1 }),
      t.client.queues.list.query({ flowId, connectionId, offset: 1.5 }),
      // @ts-expect-error: not a sort field
      t.client.queues.list.query({ flowId, connectionId, sort: 'colour' }),
      t.client.queues.list.query({ flowId, connectionId, filter: 'x'.repeat(1001) }),
      t.client.queues.content.query({
        flowId,
        connectionId,
        flowFileId: 'x',
        length: 1024 ** 2 + 1,
      }),
      // @ts-expect-error: not a charset
      t.client.queues.content.query({ flowId, connectionId, flowFileId: 'x', charset: 'ebcdic' }),
      t.client.queues.flowFile.query({ flowId, connectionId, flowFileId: '' }),
    ];
    for (const call of bad) expect((await failure(call)).code).toBe('BAD_REQUEST');
    expect(await failure(t.client.queues.list.query({ flowId, connectionId: 'ghost' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No connection with id 'ghost' in flow 'Inspect'",
    });
    expect((await failure(t.client.queues.list.query({ flowId: 'nope', connectionId }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      await failure(t.client.queues.flowFile.query({ flowId, connectionId, flowFileId: 'ghost' })),
    ).toEqual({
      code: 'NOT_FOUND',
      message:
        "FlowFile 'ghost' is not queued in connection 'to log' any more (a processor took it, it expired, or the queue was emptied); list the queue again",
    });
  });

  it('answers NOT_FOUND for a flowfile once the queue is emptied', async () => {
    const { connectionId } = await queued();
    const [row] = (await t.client.queues.list.query({ flowId, connectionId, limit: 1 })).flowFiles;
    expect(await t.client.connections.empty.mutate({ flowId, id: connectionId })).toEqual({
      dropped: 30,
    });
    expect((await t.client.queues.list.query({ flowId, connectionId })).total).toBe(0);
    for (const call of [
      t.client.queues.flowFile.query({ flowId, connectionId, flowFileId: row!.id }),
      t.client.queues.content.query({ flowId, connectionId, flowFileId: row!.id }),
    ]) {
      expect(await failure(call)).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('is not queued'),
      });
    }
    const response = await t.fetch(
      `${t.base}/api/flows/${flowId}/connections/${connectionId}/flowfiles/${row!.id}/content`,
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('is not queued');
  });

  it('downloads content as an attachment named after the flowfile, by range too', async () => {
    const { connectionId } = await queued();
    const [row] = (await t.client.queues.list.query({ flowId, connectionId, limit: 1 })).flowFiles;
    const url = `${t.base}/api/flows/${flowId}/connections/${connectionId}/flowfiles/${row!.id}/content`;

    const whole = await t.fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-disposition')).toBe(
      `attachment; filename="${row!.id}"; filename*=UTF-8''${row!.id}`,
    );
    expect(whole.headers.get('content-type')).toBe('application/octet-stream');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(await whole.text()).toBe(TEXT);

    const part = await t.fetch(url, { headers: { Range: 'bytes=1-2' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1-2/13');
    expect(Buffer.from(await part.arrayBuffer()).toString('hex')).toBe('c3a9');

    const tail = await t.fetch(url, { headers: { Range: 'bytes=-5' } });
    expect(await tail.text()).toBe('queue');

    const outside = await t.fetch(url, { headers: { Range: 'bytes=99-' } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */13');

    const noFlow = await t.fetch(url.replace(flowId, 'nope'));
    expect(noFlow.status).toBe(404);
    const noConnection = await t.fetch(url.replace(connectionId, 'ghost'));
    expect(noConnection.status).toBe(404);
    expect(((await noConnection.json()) as { error: string }).error).toBe(
      "No connection with id 'ghost' in flow 'Inspect'",
    );
  });
});
