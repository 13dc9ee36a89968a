import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlowDocument } from '@sluice/flow-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { AuthService } from '../src/auth/auth-service.js';
import { FlowWorkspace } from '../src/flows/flow-workspace.js';
import { testRegistry } from './api-support.js';
import { parseSamples, samplesOf, valueOf, type Sample } from './prometheus-text.js';

const SECRET = 'Sup3r-s3cret-pw';

let dir: string;
let workspace: FlowWorkspace;
let auth: AuthService;
let server: Server;
let base: string;

/** Generate ──(success: "to sink")──▶ Sink (SecretSink, stopped); an unconnected ReplaceText. */
const seed = parseFlowDocument({
  schemaVersion: 1,
  flow: {
    id: 'metrics-flow',
    name: 'Metrics flow',
    processors: [
      {
        id: 'gen',
        type: 'GenerateFlowFile',
        name: 'Generate',
        position: { x: 0, y: 0 },
        properties: { batchSize: '3', customText: 'hello' },
      },
      {
        id: 'sink',
        type: 'SecretSink',
        name: 'Sink',
        position: { x: 0, y: 200 },
        properties: { password: SECRET },
        autoTerminatedRelationships: ['success'],
      },
      // Named with the secret by mistake: the label must not show it.
      {
        id: 'loose',
        type: 'ReplaceText',
        name: `Loose ${SECRET}`,
        position: { x: 300, y: 0 },
      },
    ],
    connections: [
      {
        id: 'queue',
        name: 'to sink',
        source: { id: 'gen' },
        relationships: ['success'],
        destination: { id: 'sink' },
      },
    ],
  },
});

async function scrape(at = base): Promise<{ response: Response; text: string; samples: Sample[] }> {
  const response = await fetch(`${at}/metrics`);
  const text = await response.text();
  return { response, text, samples: parseSamples(text) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sluice-metrics-'));
  workspace = await FlowWorkspace.open({
    dataDir: dir,
    registry: testRegistry(),
    fsync: 'never',
    seed,
  });
  auth = await AuthService.open(dir, { SLUICE_ADMIN_PASSWORD: 'metrics-admin-password' });
  server = createApp({ workspace, auth }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await workspace.close();
  await auth.audit.flush();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /metrics', () => {
  it('answers without a login, in Prometheus text format, while the API needs one', async () => {
    // Given a server with login on
    // When Prometheus scrapes, and an anonymous caller asks the JSON status
    const { response, samples } = await scrape();
    const api = await fetch(`${base}/api/status`);

    // Then the scrape works and the API refuses
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(api.status).toBe(401);
    // prom-client's default process metrics are there too
    expect(samplesOf(samples, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(samplesOf(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
  });

  it("reports a connection's queued flowfiles and bytes with its ends' names", async () => {
    // Given three 5-byte flowfiles generated into the connection "to sink"
    const engine = workspace.get('metrics-flow')!;
    await engine.runOnce('gen');

    // When Prometheus scrapes
    const { samples } = await scrape();

    // Then the connection's gauges say exactly that, labelled with the flow and both ends
    const labels = {
      flow_id: 'metrics-flow',
      flow_name: 'Metrics flow',
      connection_id: 'queue',
      connection_name: 'to sink',
      source_id: 'gen',
      source_name: 'Generate',
      destination_id: 'sink',
      destination_name: 'Sink',
    };
    expect(samplesOf(samples, 'sluice_connection_queued_flowfiles', labels)).toEqual([
      { name: 'sluice_connection_queued_flowfiles', labels, value: 3 },
    ]);
    expect(valueOf(samples, 'sluice_connection_queued_bytes', labels)).toBe(15);
    expect(valueOf(samples, 'sluice_connection_backpressure_active', labels)).toBe(0);
  });

  it("reports each processor's 5-minute statistics as the engine counts them", async () => {
    // Given the generator has run (above), and its stats as the engine reports them
    const engine = workspace.get('metrics-flow')!;
    const gen = engine.processorStatus().find((p) => p.id === 'gen')!;

    // When Prometheus scrapes
    const { samples } = await scrape();

    // Then its out counts match the engine's, and the sink took nothing yet
    const of = (id: string) => ({ flow_id: 'metrics-flow', processor_id: id });
    expect(gen.stats.outCount).toBe(3);
    expect(valueOf(samples, 'sluice_processor_flowfiles_out_5m', of('gen'))).toBe(
      gen.stats.outCount,
    );
    expect(valueOf(samples, 'sluice_processor_bytes_out_5m', of('gen'))).toBe(15);
    expect(valueOf(samples, 'sluice_processor_tasks_5m', of('gen'))).toBe(gen.stats.tasks);
    expect(valueOf(samples, 'sluice_processor_flowfiles_in_5m', of('sink'))).toBe(0);
  });

  it('reports run states, with INVALID for a stopped processor that cannot start', async () => {
    // Given a running sink, a stopped generator and an unconnected ReplaceText
    await workspace.act('metrics-flow', (engine) => engine.start('sink'));

    // When Prometheus scrapes
    const { samples } = await scrape();

    // Then each processor has exactly one state at 1
    const stateOf = (id: string) =>
      samplesOf(samples, 'sluice_processor_run_state', { processor_id: id })
        .filter((s) => s.value === 1)
        .map((s) => s.labels['state']);
    expect(stateOf('gen')).toEqual(['STOPPED']);
    expect(stateOf('sink')).toEqual(['RUNNING']);
    expect(stateOf('loose')).toEqual(['INVALID']);
    expect(samplesOf(samples, 'sluice_processor_run_state', { processor_id: 'gen' })).toHaveLength(
      4,
    );
    await workspace.act('metrics-flow', (engine) => engine.stop('sink'));
  });

  it('counts error bulletins per processor and bulletins per level', async () => {
    // Given two ERROR bulletins and one WARN bulletin of the sink
    const engine = workspace.get('metrics-flow')!;
    const before = parseSamples(await (await fetch(`${base}/metrics`)).text());
    const errorsBefore = valueOf(before, 'sluice_bulletins_5m', { level: 'ERROR' });
    for (const level of ['ERROR', 'ERROR', 'WARN'] as const) {
      engine.bulletins.post({
        level,
        componentId: 'sink',
        componentName: 'Sink',
        componentType: 'SecretSink',
        message: `${level} for the test`,
      });
    }

    // When Prometheus scrapes
    const { samples } = await scrape();

    // Then the sink has two errors and the flow two more ERROR bulletins
    expect(
      valueOf(samples, 'sluice_processor_errors_5m', {
        flow_id: 'metrics-flow',
        processor_id: 'sink',
      }),
    ).toBe(2);
    expect(valueOf(samples, 'sluice_bulletins_5m', { level: 'ERROR' })).toBe(errorsBefore + 2);
    expect(valueOf(samples, 'sluice_bulletins_5m', { level: 'WARN' })).toBeGreaterThanOrEqual(1);
  });

  it('reports repository sizes as the content repository measures itself', async () => {
    // Given content written by the generator, as the repository counts it
    const engine = workspace.get('metrics-flow')!;
    const content = await engine.content.usage();

    // When Prometheus scrapes a new app (sizes are measured at most every 10 s: the first
    // scrape above measured an empty repository)
    const fresh = createApp({ workspace }).listen(0, '127.0.0.1');
    await new Promise((resolve) => fresh.once('listening', resolve));
    const { samples } = await scrape(`http://127.0.0.1:${(fresh.address() as AddressInfo).port}`);
    fresh.closeAllConnections();
    fresh.close();

    // Then the content repository's size is the same, and each repository has a size
    expect(content.bytes).toBeGreaterThan(0);
    const sizeOf = (repository: string) =>
      valueOf(samples, 'sluice_repository_size_bytes', { flow_id: 'metrics-flow', repository });
    expect(sizeOf('content')).toBe(content.bytes);
    expect(sizeOf('flowfile')).toBeGreaterThan(0);
    expect(sizeOf('provenance')).toBeGreaterThanOrEqual(0);
    expect(
      valueOf(samples, 'sluice_repository_files', {
        flow_id: 'metrics-flow',
        repository: 'content',
      }),
    ).toBe(content.files);
  });

  it('never shows a secret, even in a name that quotes one', async () => {
    // Given a processor whose name contains a sensitive property's value
    // When Prometheus scrapes
    const { text, samples } = await scrape();

    // Then the secret appears nowhere, and the name is there masked
    expect(text).not.toContain(SECRET);
    const names = samplesOf(samples, 'sluice_processor_tasks_5m', { processor_id: 'loose' }).map(
      (s) => s.labels['processor_name'],
    );
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^Loose \S+$/);
  });
});
