import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, until, type TestServer } from './api-support.js';

let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

describe('flows API', () => {
  it('creates, lists, gets, renames and deletes flows', async () => {
    t = await startServer();
    expect(await t.client.flows.list.query()).toEqual([]);

    const created = await t.client.flows.create.mutate({ name: 'Ingest' });
    const other = await t.client.flows.create.mutate({ name: 'Archive' });
    expect((await t.client.flows.list.query()).map((f) => f.name)).toEqual(['Archive', 'Ingest']);

    const renamed = await t.client.flows.rename.mutate({ flowId: created.id, name: 'Ingest v2' });
    expect(renamed.name).toBe('Ingest v2');
    const document = await t.client.flows.get.query({ flowId: created.id });
    expect(document.flow).toMatchObject({ id: created.id, name: 'Ingest v2', processors: [] });

    await t.client.flows.delete.mutate({ flowId: other.id });
    expect((await t.client.flows.list.query()).map((f) => f.id)).toEqual([created.id]);
    expect(await readdir(path.join(t.dataDir, 'flows'))).toEqual([`${created.id}.json`]);
  });

  it('shows each processor with the relationships it has now', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Routes' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'RouteOnAttribute',
      position: { x: 0, y: 0 },
      properties: { large: '${fileSize:gt(1000)}' },
    });
    const relationships = async () =>
      (await t.client.flows.get.query({ flowId })).flow.processors[0]!.relationships;
    expect(await relationships()).toEqual(['unmatched', 'large']);

    // "Route to 'match' if all match" (NiFi's stored value) replaces the per-property relationships.
    await t.client.processors.update.mutate({
      flowId,
      id: added.processor.id,
      properties: { routingStrategy: "Route to 'match' if all match" },
    });
    expect(await relationships()).toEqual(['matched', 'unmatched']);
  });

  it('answers an unknown flow id with NOT_FOUND and bad input with BAD_REQUEST', async () => {
    t = await startServer();
    expect(await failure(t.client.flows.get.query({ flowId: 'nope' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No flow with id 'nope'",
    });
    expect((await failure(t.client.flows.rename.mutate({ flowId: 'nope', name: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    const empty = await failure(t.client.flows.create.mutate({ name: '  ' }));
    expect(empty.code).toBe('BAD_REQUEST');
    expect(empty.message).toContain('a flow needs a name');
    // Not even an object: zod refuses it and the server keeps serving.
    const raw = await t.fetch(`/trpc/flows.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(raw.status).toBe(400);
    const body = (await raw.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', path: 'flows.create' });
    expect(body.error.data['stack']).toBeUndefined();
    expect(await t.client.flows.list.query()).toEqual([]);
  });

  it('refuses to delete a flow that is running or holds flowfiles', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Busy' });
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
    const queued = await failure(t.client.flows.delete.mutate({ flowId }));
    expect(queued).toEqual({
      code: 'BAD_REQUEST',
      message: "Flow 'Busy' holds 5 queued flowfiles; empty its queues before deleting it",
    });
    await t.client.processors.start.mutate({ flowId, ids: ids.log });
    const running = await failure(t.client.flows.delete.mutate({ flowId }));
    expect(running.message).toContain('has running processors (Log); stop them before deleting it');
  });

  it('keeps flows, their edits and their run states across a restart', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Durable' });
    const ids = await buildPipeline(t, flowId);
    await t.client.labels.add.mutate({ flowId, text: 'Note', position: { x: 5, y: 5 } });
    await t.client.processors.start.mutate({ flowId, ids: [ids.wrap, ids.log] });
    await t.client.processors.disable.mutate({ flowId, ids: ids.gen });
    const before = await t.client.flows.get.query({ flowId });
    const saved = await readFile(path.join(t.dataDir, 'flows', `${flowId}.json`), 'utf8');
    expect(
      JSON.parse(saved)
        .flow.processors.map((p: { state: string }) => p.state)
        .sort(),
    ).toEqual(['DISABLED', 'RUNNING', 'RUNNING']);

    t = await t.restart();

    const after = await t.client.flows.get.query({ flowId });
    const byId = <T extends { id: string }>(items: readonly T[]) =>
      [...items].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after.flow.processors).map(({ state: _s, ...p }) => p)).toEqual(
      byId(before.flow.processors).map(({ state: _s, ...p }) => p),
    );
    expect(byId(after.flow.connections)).toEqual(byId(before.flow.connections));
    expect(after.flow.labels).toEqual(before.flow.labels);
    await until(async () => {
      const states = (await t.client.status.snapshot.query({ flowId })).processors;
      return states.filter((p) => p.state === 'RUNNING').length === 2;
    });
    const states = (await t.client.status.snapshot.query({ flowId })).processors;
    expect(Object.fromEntries(states.map((p) => [p.name, p.state]))).toEqual({
      Generate: 'DISABLED',
      Wrap: 'RUNNING',
      Log: 'RUNNING',
    });
  });
});
