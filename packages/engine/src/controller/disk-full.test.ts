import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClaimFile } from '../content/claim-file.js';
import type { AnyProcessorDefinition } from '../processor/processor-definition.js';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { scriptedProcessor } from '../test-support/scripted-processor.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';
import { waitFor } from '../test-support/wait-for.js';

let handle: TestEngine | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await handle?.dispose();
  handle = undefined;
});
const position = { x: 0, y: 0 };

/** Makes every claim file write fail as on a full disk, until the mocks are restored. */
function fillDisk(): void {
  const full = () => {
    const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
    error.code = 'ENOSPC';
    return Promise.reject(error);
  };
  vi.spyOn(ClaimFile.prototype, 'append').mockImplementation(full);
  vi.spyOn(ClaimFile.prototype, 'appendAll').mockImplementation(full);
}

/** Rewrites each flowfile's content as a stream (so the write fails inside onTrigger). */
const StreamRewriter = scriptedProcessor('StreamRewriter', async (session) => {
  for (const flowFile of session.get(10)) {
    const written = await session.write(
      flowFile,
      (async function* () {
        yield Buffer.from('rewritten');
      })(),
    );
    session.transfer(written, 'success');
  }
});

/** Rewrites each flowfile's content as a stream and, like FetchFile, routes a failed write to failure. */
const CatchingRewriter = scriptedProcessor(
  'CatchingRewriter',
  async (session) => {
    for (const flowFile of session.get(10)) {
      try {
        const written = await session.write(
          flowFile,
          (async function* () {
            yield Buffer.from('rewritten');
          })(),
        );
        session.transfer(written, 'success');
      } catch {
        session.transfer(flowFile, 'failure');
      }
    }
  },
  { relationships: ['success', 'failure'] },
);

/**
 * Source (three flowfiles a run) → `rewriter` (yield 100 ms) → sink, plus `failure` → sink when
 * the rewriter has that relationship.
 */
async function rewriteFlow(rewriter: AnyProcessorDefinition): Promise<TestEngine> {
  const withFailure = 'failure' in rewriter.relationships;
  return openTestEngine(
    {
      id: 'f',
      name: 'full',
      processors: [
        {
          id: 'source',
          type: 'TestSource',
          name: 'Source',
          position,
          properties: { batchSize: '3' },
        },
        {
          id: 'rewrite',
          type: rewriter.type,
          name: 'Rewrite',
          position,
          scheduling: { yieldDuration: '100 millis' },
        },
        { id: 'sink', type: 'TestSink', name: 'Sink', position },
      ],
      connections: [
        {
          id: 'in',
          source: { id: 'source' },
          relationships: ['success'],
          destination: { id: 'rewrite' },
        },
        {
          id: 'out',
          source: { id: 'rewrite' },
          relationships: ['success'],
          destination: { id: 'sink' },
        },
        ...(withFailure
          ? [
              {
                id: 'failed',
                source: { id: 'rewrite' },
                relationships: ['failure'],
                destination: { id: 'sink' },
              },
            ]
          : []),
      ],
    },
    [TestSource, TestSink, rewriter],
  );
}

describe('a full disk under the content repository', () => {
  it('rolls back a session whose processor caught the no-space error and routed to failure', async () => {
    // given three queued flowfiles and a processor that routes any write error to failure
    handle = await rewriteFlow(CatchingRewriter);
    const { engine } = handle;
    await engine.runOnce('source');
    fillDisk();

    // when its writes fail for lack of space
    await engine.start('rewrite');
    await waitFor(
      () => engine.bulletins.query({ componentId: 'rewrite', text: 'no space left' }).length > 0,
      'a no-space bulletin',
    );

    // then nothing went to failure: the flowfiles are back in their queue, and go on with room
    expect(engine.connections.get('failed')!.size().count).toBe(0);
    expect(engine.connections.get('in')!.size().count).toBe(3);
    vi.restoreAllMocks();
    await waitFor(() => engine.connections.get('out')!.size().count === 3, 'the rewrite', 2_000);
    expect(engine.connections.get('failed')!.size().count).toBe(0);
  });

  it('rolls the session back, yields, and says so once per yield naming the repository and processor', async () => {
    // given a source with two concurrent tasks and a short yield, on a full disk
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'full',
        processors: [
          {
            id: 'source',
            type: 'TestSource',
            name: 'Source',
            position,
            properties: { batchSize: '1' },
            scheduling: { yieldDuration: '200 millis', concurrentTasks: 2 },
          },
          { id: 'sink', type: 'TestSink', name: 'Sink', position },
        ],
        connections: [
          {
            id: 'q',
            source: { id: 'source' },
            relationships: ['success'],
            destination: { id: 'sink' },
          },
        ],
      },
      [TestSource, TestSink],
    );
    const { engine, dataDir } = handle;
    fillDisk();

    // when it runs for a second
    await engine.start('source');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await engine.stop('source');

    // then nothing was queued, and about one bulletin per 200 ms yield said what and where
    expect(engine.connections.get('q')!.size().count).toBe(0);
    const bulletins = engine.bulletins.query({ componentId: 'source' });
    expect(bulletins.length).toBeGreaterThanOrEqual(2);
    expect(bulletins.length).toBeLessThanOrEqual(1000 / 200 + 1);
    for (const bulletin of bulletins) {
      expect(bulletin.level).toBe('ERROR');
      expect(bulletin.message).toBe(
        `No space left on device while writing the content repository at ${dataDir}/content (Source): ` +
          'ENOSPC: no space left on device, write; the session was rolled back and the processor yields for 200 millis',
      );
    }
    expect(engine.processors.get('source')!.stats.total().tasks).toBeLessThanOrEqual(
      2 * (1000 / 200 + 1),
    );

    // when space returns
    vi.restoreAllMocks();
    await engine.start('source');

    // then it goes on by itself
    await waitFor(
      () => engine.connections.get('q')!.size().count > 0,
      'flowfiles once there is room',
    );
  });

  it('does not penalize the flowfiles of a session that found the disk full', async () => {
    // given three queued flowfiles and a processor rewriting them, with the default 30 s penalty
    handle = await rewriteFlow(StreamRewriter);
    const { engine } = handle;
    await engine.runOnce('source');
    fillDisk();

    // when the rewrite fails for lack of space
    await engine.start('rewrite');
    await waitFor(
      () => engine.bulletins.query({ componentId: 'rewrite', text: 'no space left' }).length > 0,
      'a no-space bulletin',
    );

    // then the flowfiles are back, not penalized, and go on as soon as there is room
    expect(
      engine.connections
        .get('in')!
        .list(0, 10)
        .map((f) => f.penalizedUntil),
    ).toEqual([0, 0, 0]);
    vi.restoreAllMocks();
    await waitFor(() => engine.connections.get('out')!.size().count === 3, 'the rewrite', 2_000);
  });
});
