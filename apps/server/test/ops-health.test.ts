import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineProcessor, ProcessorRegistry } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import { standardRegistry } from '@sluice/processors';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowWorkspace } from '../src/flows/flow-workspace.js';
import { startSluice } from '../src/server.js';
import { until } from './api-support.js';
import { captureLogs } from './log-capture.js';

/** Lets the test hold a processor's task in the middle of its session, then let it finish. */
class Gate {
  entered = false;
  #open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.#open = resolve));
  open(): void {
    this.#open();
  }
}
let gate = new Gate();

/** A source whose task creates a flowfile, waits at the gate, then transfers it. */
const Gated = defineProcessor({
  type: 'Gated',
  description: 'Creates one flowfile per task once the test opens the gate.',
  tags: ['test'],
  inputRequirement: 'forbidden',
  properties: {},
  relationships: { success: 'Every flowfile' },
  async onTrigger(_ctx, session) {
    const flowFile = session.create();
    gate.entered = true;
    await gate.opened;
    session.transfer(flowFile, 'success');
  },
});

const registry = () => {
  const standard = standardRegistry();
  return new ProcessorRegistry([...standard.list(), Gated], standard.listServices());
};

/** Gated (running) ──▶ Log (stopped), so what Gated commits stays queued. */
const seed = parseFlowDocument({
  schemaVersion: 1,
  flow: {
    id: 'gated-flow',
    name: 'Gated flow',
    processors: [
      {
        id: 'gated',
        type: 'Gated',
        name: 'Gated',
        position: { x: 0, y: 0 },
        scheduling: { period: '1 hour' },
        state: 'RUNNING',
      },
      {
        id: 'log',
        type: 'LogAttribute',
        name: 'Log',
        position: { x: 0, y: 200 },
        autoTerminatedRelationships: ['success'],
      },
    ],
    connections: [
      {
        id: 'out',
        source: { id: 'gated' },
        relationships: ['success'],
        destination: { id: 'log' },
      },
    ],
  },
});

const dirs: string[] = [];
afterEach(async () => {
  gate.open();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-health-'));
  dirs.push(dataDir);
  const logs = captureLogs('info');
  const sluice = await startSluice({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    registry: registry(),
    fsync: 'never',
    seed,
    authEnv: { SLUICE_ADMIN_PASSWORD: 'health-admin-password' },
    logger: logs.logger,
  });
  return { sluice, logs, dataDir };
}

const json = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('GET /health and /health/ready', () => {
  it('answer without a login while the API needs one', async () => {
    // Given a server with login on and one flow
    gate = new Gate();
    const { sluice } = await start();
    try {
      // When a probe without a session asks
      // Then liveness and readiness say yes, the API says log in
      expect(await json(`${sluice.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await json(`${sluice.url}/health/ready`)).toEqual({
        status: 200,
        body: { status: 'ready', flows: 1 },
      });
      expect((await fetch(`${sluice.url}/api/status`)).status).toBe(401);
    } finally {
      gate.open();
      await sluice.close();
    }
  });

  it('says not ready, with the reason, when a repository directory is gone', async () => {
    // Given a server whose provenance directory was removed under it
    gate = new Gate();
    const { sluice } = await start();
    try {
      const engine = sluice.workspace.get('gated-flow')!;
      await rm(engine.provenance.dir, { recursive: true, force: true });

      // When readiness is asked
      const ready = await json(`${sluice.url}/health/ready`);

      // Then it is 503 naming the repository and the flow; liveness is still fine
      expect(ready).toEqual({
        status: 503,
        body: {
          status: 'unavailable',
          reason: "The provenance repository of flow 'Gated flow' is not writable (ENOENT)",
        },
      });
      expect((await fetch(`${sluice.url}/health`)).status).toBe(200);
    } finally {
      gate.open();
      await sluice.close();
    }
  });
});

describe('SluiceServer.close', () => {
  it('answers 503 while a running session finishes, which then commits, and logs each step', async () => {
    // Given a processor in the middle of a session when the shutdown begins
    gate = new Gate();
    const { sluice, logs, dataDir } = await start();
    await until(() => gate.entered);
    const closing = sluice.close();

    // When probes, an API call and a scrape come during the shutdown
    const ready = await json(`${sluice.url}/health/ready`);
    const api = await json(`${sluice.url}/api/status`);
    const live = await fetch(`${sluice.url}/health`);
    const metrics = await fetch(`${sluice.url}/metrics`);

    // Then readiness and the API say 503, liveness and metrics still answer
    expect(ready).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'Sluice is shutting down' },
    });
    expect(api).toEqual({ status: 503, body: { error: 'Sluice is shutting down' } });
    expect(live.status).toBe(200);
    expect(metrics.status).toBe(200);
    expect(sluice.lifecycle.phase).toBe('shutting-down');

    // When the session finishes
    gate.open();
    await closing;

    // Then the server stops listening, and the flowfile the session made was committed
    expect(sluice.lifecycle.phase).toBe('closed');
    await expect(fetch(`${sluice.url}/health`)).rejects.toThrow();
    expect(
      logs
        .records()
        .map((r) => r['step'])
        .filter(Boolean),
    ).toEqual(['requests', 'flows', 'http']);
    expect(logs.records().find((r) => r['step'] === 'flows')).toMatchObject({
      flows: 1,
      queuedFlowFiles: 1,
    });
    const reopened = await FlowWorkspace.open({ dataDir, registry: registry(), autoStart: false });
    try {
      const queued = reopened
        .get('gated-flow')!
        .connectionStatus()
        .find((c) => c.id === 'out');
      expect(queued?.queued.count).toBe(1);
    } finally {
      await reopened.close();
    }
  });
});
