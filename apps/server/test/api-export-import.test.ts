import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

const nifiFixtures = path.resolve(
  import.meta.dirname,
  '../../../packages/nifi-import/test/fixtures',
);

/** The issues a refused import carries in its error data. */
async function issuesOf(call: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return (error.data as { issues?: { path: string; message: string }[] }).issues ?? [];
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A flow's content without the ids that an import changes, for comparing two flows. */
function comparable(json: string) {
  const { flow } = JSON.parse(json) as { flow: Record<string, unknown> };
  return { ...flow, id: undefined };
}

describe('flows.export', () => {
  it('gives the deterministic JSON, byte-identical twice, with a file name', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Ingest: daily / v2' });
    await buildPipeline(t, flowId);
    const first = await t.client.flows.export.query({ flowId });
    const second = await t.client.flows.export.query({ flowId });
    expect(second.json).toBe(first.json);
    expect(first.fileName).toBe('ingest-daily-v2.json');
    const saved = await readFile(path.join(t.dataDir, 'flows', `${flowId}.json`), 'utf8');
    expect(first.json).toBe(saved);
    expect(JSON.parse(first.json).flow.processors).toHaveLength(3);
  });

  it('leaves out sensitive values unless they are parameter references', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Secrets' });
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      position: { x: 0, y: 0 },
      properties: { password: 'hunter2-very-secret', pin: '#{pin}', user: 'ops' },
    });
    await t.client.processors.update.mutate({
      flowId,
      id: added.processor.id,
      autoTerminatedRelationships: ['success'],
    });
    const { json } = await t.client.flows.export.query({ flowId });
    expect(json).not.toContain('hunter2-very-secret');
    expect(JSON.parse(json).flow.processors[0].properties).toEqual({ pin: '#{pin}', user: 'ops' });
  });

  it('answers an unknown flow with NOT_FOUND', async () => {
    t = await startServer();
    expect((await failure(t.client.flows.export.query({ flowId: 'nope' }))).code).toBe('NOT_FOUND');
  });
});

describe('flows.import', () => {
  it('round-trips an export into a new, equivalent flow, twice into two flows', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Original' });
    await buildPipeline(t, flowId);
    await t.client.labels.add.mutate({ flowId, text: 'Note', position: { x: 5, y: 5 } });
    const exported = await t.client.flows.export.query({ flowId });

    const first = await t.client.flows.import.mutate({ json: exported.json });
    const second = await t.client.flows.import.mutate({ json: exported.json, name: 'Copy' });
    expect(new Set([flowId, first.id, second.id]).size).toBe(3);
    expect(first).toMatchObject({ name: 'Original', format: 'sluice', report: [] });
    expect(second.name).toBe('Copy');
    expect((await t.client.flows.list.query()).map((f) => f.name)).toEqual([
      'Copy',
      'Original',
      'Original',
    ]);
    const again = await t.client.flows.export.query({ flowId: first.id });
    expect(comparable(again.json)).toEqual(comparable(exported.json));
    // Saved under the data directory like any other flow.
    await readFile(path.join(t.dataDir, 'flows', `${first.id}.json`), 'utf8');
  });

  it('imports running processors stopped, and says so', async () => {
    t = await startServer();
    const { id: flowId } = await t.client.flows.create.mutate({ name: 'Running' });
    const ids = await buildPipeline(t, flowId);
    await t.client.processors.start.mutate({ flowId, ids: ids.log });
    const { json } = await t.client.flows.export.query({ flowId });
    const imported = await t.client.flows.import.mutate({ json });
    expect(imported.report.map((l) => l.reason)).toEqual([
      '1 processor(s) were saved running (Log); imported stopped, start them when ready',
    ]);
    const status = await t.client.status.snapshot.query({ flowId: imported.id });
    expect(status.processors.every((p) => p.state !== 'RUNNING')).toBe(true);
  });

  it('imports enabled controller services disabled: their secrets are not in the file', async () => {
    t = await startServer();
    const json = JSON.stringify({
      schemaVersion: 1,
      flow: {
        id: 'f',
        name: 'With a service',
        controllerServices: [
          {
            id: 'k',
            type: 'Kafka3ConnectionService',
            name: 'Kafka',
            properties: { bootstrapServers: '127.0.0.1:1' },
            state: 'ENABLED',
          },
        ],
      },
    });
    const imported = await t.client.flows.import.mutate({ json });
    const services = await t.client.controllerServices.list.query({ flowId: imported.id });
    expect(services.map((s) => [s.name, s.state])).toEqual([['Kafka', 'DISABLED']]);
  });

  it('refuses bad JSON with its line and column', async () => {
    t = await startServer();
    const refused = await failure(t.client.flows.import.mutate({ json: '{ "schemaVersion": 1,' }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toMatch(/invalid JSON at line 1/);
    expect(await t.client.flows.list.query()).toEqual([]);
  });

  it('refuses a wrong document listing every problem by JSON path, in the message and the data', async () => {
    t = await startServer();
    const json = JSON.stringify({
      schemaVersion: 1,
      flow: {
        id: 'f',
        name: 'Bad',
        processors: [
          { id: 'a', type: 'ListFile', name: 'A', position: { x: 0 } },
          { id: 'b', type: 'ReplaceText', name: 'B', position: { x: 0, y: 0 }, state: 'ON' },
        ],
      },
    });
    const refused = await failure(t.client.flows.import.mutate({ json }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.message).toContain('flow.processors[0].position.y');
    expect(refused.message).toContain('flow.processors[1].state');
    const issues = await issuesOf(t.client.flows.import.mutate({ json }));
    expect(issues.map((i) => i.path)).toEqual([
      'flow.processors[0].position.y',
      'flow.processors[1].state',
    ]);
  });

  it('refuses unknown processor types by path', async () => {
    t = await startServer();
    const json = JSON.stringify({
      schemaVersion: 1,
      flow: {
        id: 'f',
        name: 'Unknown',
        processors: [
          { id: 'a', type: 'LogAttribute', name: 'A', position: { x: 0, y: 0 } },
          { id: 'b', type: 'PublishToNowhere', name: 'B', position: { x: 0, y: 0 } },
        ],
        controllerServices: [
          { id: 'k', type: 'Kafka3ConnectionService', name: 'Kafka' },
          { id: 'x', type: 'NoSuchService', name: 'X' },
        ],
      },
    });
    const issues = await issuesOf(t.client.flows.import.mutate({ json }));
    expect(issues).toEqual([
      {
        path: 'flow.processors[1].type',
        message: expect.stringContaining("Unknown processor type 'PublishToNowhere'"),
      },
      {
        path: 'flow.controllerServices[1].type',
        message: expect.stringContaining("Unknown controller service type 'NoSuchService'"),
      },
    ]);
  });

  it('refuses input over 10 MB with a clear message', async () => {
    t = await startServer();
    const json = JSON.stringify({ schemaVersion: 1, flow: { id: 'f', name: 'x'.repeat(11e6) } });
    const refused = await failure(t.client.flows.import.mutate({ json }));
    expect(refused).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(
        '$: the flow file is 10.5 MB; an import takes at most 10 MB',
      ),
    });
  });

  it('imports a NiFi 2 flow definition with a report of what was not mapped', async () => {
    t = await startServer();
    const json = await readFile(path.join(nifiFixtures, 'kitchen-sink.nifi.json'), 'utf8');
    const imported = await t.client.flows.import.mutate({ json });
    expect(imported).toMatchObject({ name: 'Kitchen sink', format: 'nifi' });
    expect(imported.report.length).toBeGreaterThan(10);
    expect(imported.report).toContainEqual({
      path: 'flowContents.processors[3]',
      kind: 'processor',
      id: 'http-0193-1000-0000-000000000004',
      name: 'Call API',
      reason: expect.stringContaining('PostHTTP has no Sluice counterpart'),
    });
    const { flow } = await t.client.flows.get.query({ flowId: imported.id });
    expect(flow.processors.map((p) => p.name).sort()).toEqual([
      'Archive / Put',
      'Generate',
      'Log small',
      'Route by size',
      'Tag',
    ]);
    expect(flow.processors.find((p) => p.name === 'Log small')?.state).toBe('STOPPED');
  });

  it('imports the NiFi version of the demo flow as a valid flow', async () => {
    t = await startServer();
    const json = await readFile(path.join(nifiFixtures, 'local-demo.nifi.json'), 'utf8');
    const imported = await t.client.flows.import.mutate({ json, name: 'Demo from NiFi' });
    const validation = await t.client.processors.validation.query({ flowId: imported.id });
    expect(validation.flatMap((p) => p.issues)).toEqual([]);
    const { flow } = await t.client.flows.get.query({ flowId: imported.id });
    expect(flow.processors).toHaveLength(6);
    expect(flow.connections).toHaveLength(8);
  });
});
