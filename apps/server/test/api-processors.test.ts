import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, until, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Edit' })).id;
});

afterEach(async () => {
  await t.dispose();
});

describe('processors API: editing', () => {
  it('adds a processor with a rounded position, the type defaults and its validation', async () => {
    const added = await t.client.processors.add.mutate({
      flowId,
      type: 'ReplaceText',
      position: { x: 10.4, y: -3.6 },
    });
    expect(added.processor).toMatchObject({
      type: 'ReplaceText',
      name: 'ReplaceText',
      position: { x: 10, y: -4 },
      state: 'STOPPED',
    });
    expect(added.validationErrors.map((i) => i.message)).toContain(
      "Relationship 'success' is not connected to any component and is not auto-terminated",
    );
  });

  it('refuses an unknown processor type with a pointer to the catalog', async () => {
    expect(
      await failure(
        t.client.processors.add.mutate({ flowId, type: 'Nope', position: { x: 0, y: 0 } }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: "Unknown processor type 'Nope'; catalog.list names the known types",
    });
  });

  it('updates properties, name, scheduling and auto-terminated relationships', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const updated = await t.client.processors.update.mutate({
      flowId,
      id: wrap,
      name: 'Wrap it',
      properties: { replacementValue: '[$1]', prependText: 'x' },
      scheduling: { period: '5 sec', concurrentTasks: 2 },
      autoTerminatedRelationships: ['failure'],
    });
    expect(updated.processor).toMatchObject({
      name: 'Wrap it',
      properties: { replacementValue: '[$1]', prependText: 'x' },
      scheduling: { period: '5 sec', concurrentTasks: 2 },
      autoTerminatedRelationships: ['failure'],
    });
    // null removes a property (back to its default).
    const cleared = await t.client.processors.update.mutate({
      flowId,
      id: wrap,
      properties: { prependText: null },
    });
    expect(cleared.processor.properties).toEqual({ replacementValue: '[$1]' });
  });

  it('accepts an invalid property value and shows why the processor is invalid', async () => {
    const { gen } = await buildPipeline(t, flowId);
    const updated = await t.client.processors.update.mutate({
      flowId,
      id: gen,
      properties: { batchSize: 'many' },
    });
    expect(updated.validationErrors).toEqual([
      { property: 'batchSize', message: "'Batch Size': 'many' is not an integer" },
    ]);
    const validation = await t.client.processors.validation.query({ flowId, id: gen });
    expect(validation).toEqual([
      { id: gen, name: 'Generate', state: 'STOPPED', issues: updated.validationErrors },
    ]);
    const all = await t.client.processors.validation.query({ flowId });
    expect(all.map((v) => [v.name, v.issues.length])).toEqual([
      ['Generate', 1],
      ['Wrap', 0],
      ['Log', 0],
    ]);
    expect(await failure(t.client.processors.start.mutate({ flowId, ids: gen }))).toEqual({
      code: 'BAD_REQUEST',
      message: "Cannot start 'Generate': 'Batch Size': 'many' is not an integer",
    });
  });

  it('reports a bad scheduling value with its JSON path and changes nothing', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const error = await failure(
      t.client.processors.update.mutate({ flowId, id: wrap, scheduling: { period: 'soon' } }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(
      /^Invalid flow document \(1 problem\):\nflow\.processors\[1\]\.scheduling\.period: /,
    );
    const document = await t.client.flows.get.query({ flowId });
    expect(document.flow.processors.find((p) => p.id === wrap)?.scheduling.period).toBe('0 sec');
  });

  it('refuses bad input shapes and unknown ids', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const shape = await failure(
      t.client.processors.update.mutate({
        flowId,
        id: wrap,
        scheduling: { concurrentTasks: 1.5 },
      }),
    );
    expect(shape.code).toBe('BAD_REQUEST');
    expect(
      await failure(t.client.processors.update.mutate({ flowId, id: 'ghost', name: 'x' })),
    ).toEqual({ code: 'NOT_FOUND', message: "No processor with id 'ghost' in flow 'Edit'" });
    expect(
      (
        await failure(
          t.client.processors.move.mutate({
            flowId,
            moves: [{ id: 'ghost', position: { x: 0, y: 0 } }],
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(t.client.processors.delete.mutate({ flowId, ids: ['ghost'] }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(t.client.processors.start.mutate({ flowId, ids: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await failure(t.client.processors.validation.query({ flowId, id: 'ghost' }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(t.client.processors.startAll.mutate({ flowId: 'ghost' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('moves processors, rounding positions, even while they run', async () => {
    const { gen, log } = await buildPipeline(t, flowId);
    await t.client.processors.start.mutate({ flowId, ids: log });
    const moved = await t.client.processors.move.mutate({
      flowId,
      moves: [
        { id: gen, position: { x: 100.5, y: 20.2 } },
        { id: log, position: { x: -7.7, y: 3 } },
      ],
    });
    expect(moved.moved).toEqual([
      { id: gen, position: { x: 101, y: 20 } },
      { id: log, position: { x: -8, y: 3 } },
    ]);
    const document = await t.client.flows.get.query({ flowId });
    expect(document.flow.processors.find((p) => p.id === log)?.position).toEqual({ x: -8, y: 3 });
  });

  it("refuses to change a running processor's configuration", async () => {
    const { wrap } = await buildPipeline(t, flowId);
    await t.client.processors.start.mutate({ flowId, ids: wrap });
    expect(
      await failure(
        t.client.processors.update.mutate({ flowId, id: wrap, properties: { prependText: 'x' } }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      message: "Processor 'Wrap' is running; stop it before changing its configuration",
    });
    // A rename is not a configuration change.
    await t.client.processors.update.mutate({ flowId, id: wrap, name: 'Wrap (live)' });
    expect(
      (await failure(t.client.processors.delete.mutate({ flowId, ids: wrap }))).message,
    ).toContain("Processor 'Wrap (live)' is running; stop it before removing it");
  });

  it('deletes processors with their connections', async () => {
    const { wrap, first, second } = await buildPipeline(t, flowId);
    const deleted = await t.client.processors.delete.mutate({ flowId, ids: wrap });
    expect(deleted).toEqual({ deleted: [wrap], deletedConnections: [first, second] });
    const document = await t.client.flows.get.query({ flowId });
    expect(document.flow.processors.map((p) => p.name)).toEqual(['Generate', 'Log']);
    expect(document.flow.connections).toEqual([]);
  });
});

describe('processors API: run state', () => {
  it('runs once, starts and stops one or a selection', async () => {
    const ids = await buildPipeline(t, flowId);
    const once = await t.client.processors.runOnce.mutate({ flowId, ids: ids.gen });
    expect(once.results).toEqual([{ id: ids.gen, ok: true, reasons: [], state: 'STOPPED' }]);
    let snapshot = await t.client.status.snapshot.query({ flowId });
    expect(snapshot.connections.find((c) => c.id === ids.first)?.queued.count).toBe(5);

    const started = await t.client.processors.start.mutate({ flowId, ids: [ids.wrap, ids.log] });
    expect(started.results.map((r) => [r.id, r.ok, r.state])).toEqual([
      [ids.wrap, true, 'RUNNING'],
      [ids.log, true, 'RUNNING'],
    ]);
    await until(async () => {
      snapshot = await t.client.status.snapshot.query({ flowId });
      return snapshot.connections.every((c) => c.queued.count === 0);
    });
    const refused = await failure(t.client.processors.runOnce.mutate({ flowId, ids: ids.wrap }));
    expect(refused).toEqual({
      code: 'BAD_REQUEST',
      message: "Cannot run once 'Wrap': The processor is running; run once needs it stopped",
    });
    const stopped = await t.client.processors.stop.mutate({ flowId, ids: [ids.wrap, ids.log] });
    expect(stopped.results.every((r) => r.state === 'STOPPED')).toBe(true);
  });

  it('enables and disables; a disabled processor cannot start', async () => {
    const { gen } = await buildPipeline(t, flowId);
    const disabled = await t.client.processors.disable.mutate({ flowId, ids: gen });
    expect(disabled.results[0]?.state).toBe('DISABLED');
    expect(await failure(t.client.processors.start.mutate({ flowId, ids: gen }))).toEqual({
      code: 'BAD_REQUEST',
      message: "Cannot start 'Generate': The processor is disabled; enable it first",
    });
    const enabled = await t.client.processors.enable.mutate({ flowId, ids: [gen] });
    expect(enabled.results[0]?.state).toBe('STOPPED');
  });

  it('starts all and stops all, listing the processors that refused', async () => {
    const { gen, wrap, log } = await buildPipeline(t, flowId);
    await t.client.processors.update.mutate({ flowId, id: gen, properties: { batchSize: 'x' } });
    const all = await t.client.processors.startAll.mutate({ flowId });
    expect(all.refused).toEqual([{ id: gen, reasons: ["'Batch Size': 'x' is not an integer"] }]);
    let states = (await t.client.status.snapshot.query({ flowId })).processors;
    expect(states.filter((p) => p.state === 'RUNNING').map((p) => p.id)).toEqual([wrap, log]);
    await t.client.processors.stopAll.mutate({ flowId });
    states = (await t.client.status.snapshot.query({ flowId })).processors;
    expect(states.every((p) => p.state === 'STOPPED')).toBe(true);
  });
});
