import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

const SECRET = 'hunter2-Pr0v-s3cr3t';

let t: TestServer;
let flowId: string;
let ids: Awaited<ReturnType<typeof buildPipeline>>;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Lineage' })).id;
  ids = await buildPipeline(t, flowId);
  await t.client.processors.update.mutate({
    flowId,
    id: ids.gen,
    properties: { batchSize: '3', customText: 'hello' },
  });
  await t.client.processors.update.mutate({
    flowId,
    id: ids.wrap,
    properties: { replacementValue: 'wrapped: $1' },
  });
});

afterEach(async () => {
  await t.dispose();
});

/** Generates three flowfiles and wraps them; they wait in front of Log. */
async function run(): Promise<void> {
  await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
  await t.client.processors.runOnce.mutate({ flowId, ids: ids.wrap });
}

async function wrapped() {
  const { events } = await t.client.provenance.search.query({
    flowId,
    componentId: ids.wrap,
    types: ['CONTENT_MODIFIED'],
  });
  return events;
}

function download(eventId: number | string, query = '', flow = flowId): Promise<Response> {
  return t.fetch(`/api/flows/${flow}/provenance/${eventId}/content${query}`);
}

describe('provenance API', () => {
  it('searches by component, flowfile, filename, type and time, newest first', async () => {
    // given
    const before = Date.now();
    await run();

    // when
    const byComponent = await wrapped();
    const created = await t.client.provenance.search.query({ flowId, types: ['CREATE'] });
    const first = created.events.at(-1)!;
    const byFlowFile = await t.client.provenance.search.query({
      flowId,
      flowFileId: first.flowFileId,
    });
    const byName = await t.client.provenance.search.query({
      flowId,
      filename: first.filename!.slice(2, 12),
    });
    const limited = await t.client.provenance.search.query({ flowId, limit: 2 });
    const future = await t.client.provenance.search.query({ flowId, from: Date.now() + 60_000 });
    const window = await t.client.provenance.search.query({
      flowId,
      from: before,
      to: Date.now(),
    });

    // then
    expect(byComponent).toHaveLength(3);
    expect(byComponent[0]).toMatchObject({
      type: 'CONTENT_MODIFIED',
      componentId: ids.wrap,
      componentName: 'Wrap',
      componentType: 'ReplaceText',
      size: 'wrapped: hello'.length,
    });
    const eventIds = byComponent.map((e) => e.eventId);
    expect(eventIds).toEqual([...eventIds].sort((a, b) => b - a));
    expect(byFlowFile.events.map((e) => e.type)).toEqual(['CONTENT_MODIFIED', 'CREATE']);
    expect(byName.events.map((e) => e.flowFileId)).toEqual([first.flowFileId, first.flowFileId]);
    expect(limited).toMatchObject({ limited: true });
    expect(limited.events).toHaveLength(2);
    expect(future.events).toEqual([]);
    expect(window.events).toHaveLength(6);
  });

  it('gives an event with its attributes before and after, lineage ids and content', async () => {
    // given
    await run();
    const [row] = await wrapped();

    // when
    const event = await t.client.provenance.event.query({ flowId, eventId: row!.eventId });

    // then
    expect(event).toMatchObject({
      eventId: row!.eventId,
      type: 'CONTENT_MODIFIED',
      componentName: 'Wrap',
      flowFileId: row!.flowFileId,
      parentIds: [],
      childIds: [],
      changedKeys: [],
      content: {
        input: { status: 'available', size: 5 },
        output: { status: 'available', size: 14 },
      },
    });
    expect(event.attributes.find((a) => a.key === 'uuid')).toEqual({
      key: 'uuid',
      before: row!.flowFileId,
      after: row!.flowFileId,
      changed: false,
    });
  });

  it('previews the content before and after an event, by range, as text or hex', async () => {
    // given
    await run();
    const [row] = await wrapped();
    const at = { flowId, eventId: row!.eventId };

    // when
    const input = await t.client.provenance.content.query({ ...at, side: 'input' });
    const output = await t.client.provenance.content.query({ ...at, side: 'output' });
    const range = await t.client.provenance.content.query({
      ...at,
      side: 'output',
      offset: 9,
      length: 3,
      format: 'hex',
    });

    // then
    expect(input).toMatchObject({ text: 'hello', size: 5, binary: false });
    expect(output).toMatchObject({ text: 'wrapped: hello', size: 14, offset: 0, length: 14 });
    expect(range).toMatchObject({ offset: 9, length: 3, format: 'hex' });
    expect(range.text).toBe('00000009  68 65 6c' + ' '.repeat(42) + '|hel|');
  });

  it('downloads the content of an event over plain HTTP', async () => {
    // given
    await run();
    const [row] = await wrapped();

    // when
    const output = await download(row!.eventId, '?side=output');
    const input = await download(row!.eventId, '?side=input');

    // then
    expect(output.status).toBe(200);
    expect(await output.text()).toBe('wrapped: hello');
    expect(output.headers.get('content-disposition')).toBe(`attachment; filename=${row!.filename}`);
    expect(output.headers.get('content-length')).toBe('14');
    expect(output.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await input.text()).toBe('hello');
  });

  it('draws the lineage of a flowfile, forks included', async () => {
    // given a second connection from Wrap, so each flowfile is cloned (NiFi's fan-out)
    const extra = await t.client.processors.add.mutate({
      flowId,
      type: 'LogAttribute',
      name: 'Audit',
      position: { x: 600, y: 200 },
    });
    await t.client.connections.add.mutate({
      flowId,
      source: ids.wrap,
      destination: extra.processor.id,
      relationships: ['success'],
    });
    await run();
    const [row] = await wrapped();

    // when
    const lineage = await t.client.provenance.lineage.query({
      flowId,
      flowFileId: row!.flowFileId,
    });

    // then
    const events = lineage.nodes.filter((n) => n.kind === 'event');
    expect(events.map((n) => n.kind === 'event' && n.eventType)).toEqual([
      'CREATE',
      'CONTENT_MODIFIED',
      'CLONE',
    ]);
    const flowFiles = lineage.nodes.filter((n) => n.kind === 'flowfile').map((n) => n.id);
    expect(flowFiles).toHaveLength(2);
    expect(flowFiles[0]).toBe(row!.flowFileId);
    const kinds = lineage.links.map((l) => l.kind);
    expect(kinds).toEqual(['start', 'next', 'next', 'child']);
    expect(lineage.truncated).toBe(false);
    // The clone's event names it as the child.
    const clone = events.find((n) => n.kind === 'event' && n.eventType === 'CLONE')!;
    const details = await t.client.provenance.event.query({
      flowId,
      eventId: clone.kind === 'event' ? clone.eventId : 0,
    });
    expect(details.childIds).toEqual([flowFiles[1]]);
    // Following the child gives the same lineage.
    const child = await t.client.provenance.lineage.query({ flowId, flowFileId: flowFiles[1]! });
    expect(child.nodes.map((n) => n.id).sort()).toEqual(lineage.nodes.map((n) => n.id).sort());
  });

  it('says the content is no longer available once the content repository deleted it', async () => {
    // given flowfiles that went through and were dropped, and a restart that removes their content
    await run();
    await t.client.processors.runOnce.mutate({ flowId, ids: ids.log });
    t = await t.restart();
    const [row] = await wrapped();

    // when
    const event = await t.client.provenance.event.query({ flowId, eventId: row!.eventId });
    const preview = await failure(
      t.client.provenance.content.query({ flowId, eventId: row!.eventId, side: 'output' }),
    );
    const response = await download(row!.eventId);

    // then
    expect(event.content.output).toEqual({ status: 'gone', size: 14 });
    expect(preview.code).toBe('NOT_FOUND');
    expect(preview.message).toMatch(/no longer available/);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /output content of provenance event \d+ is no longer available/,
    );
  });

  it('masks sensitive values in attributes, previews and downloads', async () => {
    // given a secret that a flowfile carries in an attribute and in its content
    const sink = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      position: { x: 900, y: 0 },
    });
    await t.client.processors.update.mutate({
      flowId,
      id: sink.processor.id,
      properties: { password: SECRET },
    });
    await t.client.processors.update.mutate({
      flowId,
      id: ids.gen,
      properties: { batchSize: '1', customText: `key=${SECRET};`, note: SECRET },
    });
    await run();
    const [row] = await wrapped();
    const at = { flowId, eventId: row!.eventId, side: 'output' as const };

    // when
    const event = await t.client.provenance.event.query({ flowId, eventId: row!.eventId });
    const text = await t.client.provenance.content.query(at);
    const partial = await t.client.provenance.content.query({ ...at, offset: 16, length: 4 });
    const response = await download(row!.eventId);
    const body = await response.text();

    // then
    expect(event.attributes.find((a) => a.key === 'note')?.after).toBe('********');
    expect(text.text).toBe(`wrapped: key=${'*'.repeat(SECRET.length)};`);
    expect(partial.text).toBe('****');
    expect(body).toBe(text.text);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(t.bodies.join('\n')).not.toContain(SECRET);
  });

  it('refuses bad input with a message a person can act on', async () => {
    // given
    await run();
    const [row] = await wrapped();
    const created = await t.client.provenance.search.query({ flowId, types: ['CREATE'] });
    const bad = (call: Promise<unknown>) => failure(call).then((f) => f.code);

    // when / then
    expect(await bad(t.client.provenance.search.query({ flowId, limit: 0 }))).toBe('BAD_REQUEST');
    expect(await bad(t.client.provenance.search.query({ flowId, limit: 1001 }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await bad(t.client.provenance.search.query({ flowId, types: ['BOGUS' as 'CREATE'] })),
    ).toBe('BAD_REQUEST');
    const range = await failure(t.client.provenance.search.query({ flowId, from: 10, to: 5 }));
    expect(range).toMatchObject({ code: 'BAD_REQUEST' });
    expect(range.message).toMatch(/'from' is after 'to'/);
    expect(await bad(t.client.provenance.search.query({ flowId: 'ghost' }))).toBe('NOT_FOUND');
    expect(await bad(t.client.provenance.event.query({ flowId, eventId: -1 }))).toBe('BAD_REQUEST');
    expect(await bad(t.client.provenance.event.query({ flowId, eventId: 1.5 }))).toBe(
      'BAD_REQUEST',
    );
    const missing = await failure(t.client.provenance.event.query({ flowId, eventId: 99_999 }));
    expect(missing).toEqual({
      code: 'NOT_FOUND',
      message:
        "No provenance event 99999 in flow 'Lineage' (never recorded, or removed by provenance retention)",
    });
    expect(
      await failure(t.client.provenance.lineage.query({ flowId, flowFileId: 'nobody' })),
    ).toEqual({
      code: 'NOT_FOUND',
      message: "No provenance events for flowfile 'nobody' in flow 'Lineage'",
    });
    expect(
      await failure(
        t.client.provenance.content.query({
          flowId,
          eventId: created.events[0]!.eventId,
          side: 'input',
        }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: `Provenance event ${created.events[0]!.eventId} (CREATE) records no input content`,
    });
    const at = { flowId, eventId: row!.eventId, side: 'output' as const };
    expect(await bad(t.client.provenance.content.query({ ...at, length: 65_537 }))).toBe(
      'BAD_REQUEST',
    );
    expect(await failure(t.client.provenance.content.query({ ...at, offset: 15 }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'Offset 15 is past the end of the 14-byte content',
    });

    const responses = await Promise.all([
      download('abc'),
      download('0'),
      download(row!.eventId, '?side=sideways'),
      download(row!.eventId, '', 'ghost'),
      download(99_999),
      download(created.events[0]!.eventId, '?side=input'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 404, 404, 404]);
    const errors = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { error: string }).error),
    );
    expect(errors[0]).toBe("'abc' is not a provenance event id (a positive integer)");
    expect(errors[2]).toBe("side must be 'input' or 'output'");
    expect(errors[3]).toBe("No flow with id 'ghost'");
    expect(errors[5]).toMatch(/records no input content/);
  });
});
