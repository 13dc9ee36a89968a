import { afterEach, describe, expect, it } from 'vitest';
import { defineProcessor } from '../processor/processor-definition.js';
import { prop } from '../processor/property-descriptor.js';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';
import { waitFor } from '../test-support/wait-for.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});
const position = { x: 0, y: 0 };

describe('ProcessorNode', () => {
  it('refuses to start with every reason: bad property, unconnected relationship, missing input', async () => {
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'invalid',
        processors: [
          {
            id: 'source',
            type: 'TestSource',
            name: 'Source',
            position,
            properties: { batchSize: 'many' },
          },
          { id: 'sink', type: 'TestSink', name: 'Sink', position },
        ],
      },
      [TestSource, TestSink],
    );
    const result = await handle.engine.start('source');
    expect(result.ok).toBe(false);
    const reasons = result.ok ? [] : result.reasons;
    expect(reasons).toContainEqual(
      expect.stringContaining("'Batch Size': 'many' is not an integer"),
    );
    expect(reasons).toContainEqual(
      "Relationship 'success' is not connected to any component and is not auto-terminated",
    );
    expect(await handle.engine.start('sink')).toEqual({
      ok: false,
      reasons: ['TestSink requires an incoming connection'],
    });
    expect(handle.engine.processors.get('source')!.state).toBe('STOPPED');
  });

  it('refuses to start a type marked with a sensitive dynamic property it does not support', async () => {
    // Given a TestSource (no sensitive dynamic properties) with 'token' marked sensitive
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'sensitive mark',
        processors: [
          {
            id: 'source',
            type: 'TestSource',
            name: 'Source',
            position,
            properties: { token: 'abc' },
            sensitiveDynamicProperties: ['token'],
            autoTerminatedRelationships: ['success'],
          },
        ],
      },
      [TestSource],
    );

    // Then its start is refused with the reason
    const result = await handle.engine.start('source');
    expect(result.ok ? [] : result.reasons).toContain(
      "'token' is marked sensitive, but TestSource does not support sensitive dynamic properties",
    );
  });

  it('keeps a processor of an unknown type in the flow but never starts it', async () => {
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'ghost',
        processors: [{ id: 'ghost', type: 'NoSuchProcessor', name: 'Ghost', position }],
      },
      [],
    );
    expect(await handle.engine.start('ghost')).toEqual({
      ok: false,
      reasons: ["Unknown processor type 'NoSuchProcessor'"],
    });
  });

  it('refuses to start when onScheduled fails, with its message', async () => {
    const broken = defineProcessor({
      type: 'Broken',
      description: 'fails to schedule',
      tags: [],
      properties: { url: prop.string({ name: 'URL', required: true }) },
      relationships: {},
      inputRequirement: 'forbidden',
      onScheduled: (ctx) => {
        throw new Error(`cannot connect to ${ctx.property('url')}`);
      },
      async onTrigger() {},
    });
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'broken',
        processors: [
          { id: 'b', type: 'Broken', name: 'B', position, properties: { url: 'http://x' } },
        ],
      },
      [broken],
    );
    expect(await handle.engine.start('b')).toEqual({
      ok: false,
      reasons: ['cannot connect to http://x'],
    });
  });

  it('triggers a cron-driven processor on its schedule', async () => {
    let triggers = 0;
    const ticking = scriptedProcessor(
      'Ticking',
      () => {
        triggers++;
      },
      { relationships: [], inputRequirement: 'forbidden' },
    );
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'cron',
        processors: [
          {
            id: 't',
            type: 'Ticking',
            name: 'T',
            position,
            scheduling: { strategy: 'CRON_DRIVEN', cron: '* * * * * *' },
          },
        ],
      },
      [ticking],
    );
    expect(await handle.engine.start('t')).toEqual({ ok: true });
    await waitFor(() => triggers >= 2, 'two cron firings', 10_000);
    await handle.engine.stop('t');
    const stopped = triggers;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(triggers).toBe(stopped);
  });

  it('does not trigger a processor that yielded until the yield duration passed', async () => {
    let triggers = 0;
    const yielding = scriptedProcessor(
      'Yielding',
      (_session, ctx) => {
        triggers++;
        ctx.yield();
      },
      { relationships: [], inputRequirement: 'forbidden' },
    );
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'yield',
        processors: [
          {
            id: 'y',
            type: 'Yielding',
            name: 'Y',
            position,
            scheduling: { yieldDuration: '10 sec' },
          },
        ],
      },
      [yielding],
    );
    await handle.engine.start('y');
    await waitFor(() => triggers === 1, 'the first trigger');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(triggers).toBe(1);
  });

  it('restores the saved run state: RUNNING processors start when the engine opens', async () => {
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'autostart',
        processors: [
          {
            id: 'source',
            type: 'TestSource',
            name: 'Source',
            position,
            state: 'RUNNING',
            autoTerminatedRelationships: ['success'],
          },
          {
            id: 'off',
            type: 'TestSource',
            name: 'Off',
            position,
            state: 'DISABLED',
            autoTerminatedRelationships: ['success'],
          },
        ],
      },
      [TestSource],
      { autoStart: true },
    );
    expect(handle.engine.processors.get('source')!.state).toBe('RUNNING');
    expect(handle.engine.processors.get('off')!.state).toBe('DISABLED');
    expect(await handle.engine.start('off')).toEqual({
      ok: false,
      reasons: ['The processor is disabled; enable it first'],
    });
  });
});
