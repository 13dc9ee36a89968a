import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateFlow } from '@sluice/engine';
import { standardRegistry } from '@sluice/processors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertNiFiFlow, formatReportLine, isNiFiFlowDefinition } from '../src/index.js';
import type { ImportReportLine, NiFiConversion } from '../src/index.js';

// Fixtures are hand-written in NiFi 2's export shape; see fixtures/README.md for their sources.
const fixtures = path.join(import.meta.dirname, 'fixtures');
const registry = standardRegistry();

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(fixtures, name), 'utf8')) as Record<string, unknown>;
}

function converted(result: NiFiConversion) {
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result;
}

/** The report lines about one path prefix, as text. */
function linesAt(report: readonly ImportReportLine[], prefix: string): string[] {
  return report.filter((l) => l.path.startsWith(prefix)).map((l) => l.reason);
}

/** A minimal flow definition around some processors and connections. */
function definition(flowContents: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { flowContents: { identifier: 'root', name: 'Root', ...flowContents }, ...extra };
}

function processor(fields: Record<string, unknown>) {
  return {
    identifier: 'p1',
    name: 'P',
    type: 'org.apache.nifi.processors.standard.LogAttribute',
    position: { x: 0, y: 0 },
    autoTerminatedRelationships: ['success'],
    ...fields,
  };
}

describe('detecting a NiFi flow definition', () => {
  it('recognises downloads, registry snapshots and upload wrappers, not Sluice documents', async () => {
    expect(isNiFiFlowDefinition(await fixture('local-demo.nifi.json'))).toBe(true);
    expect(isNiFiFlowDefinition({ snapshotMetadata: { version: 1 }, flowContents: {} })).toBe(true);
    expect(isNiFiFlowDefinition({ versionedFlowSnapshot: { flowContents: {} } })).toBe(true);
    expect(isNiFiFlowDefinition({ schemaVersion: 1, flow: { id: 'f', name: 'F' } })).toBe(false);
    expect(isNiFiFlowDefinition([])).toBe(false);
    expect(isNiFiFlowDefinition(null)).toBe(false);
  });
});

describe('the NiFi version of the local demo', () => {
  it('converts to an equivalent flow that the engine finds valid', async () => {
    const nifi = await fixture('local-demo.nifi.json');
    const { document, report } = converted(convertNiFiFlow(nifi, registry, { flowId: 'demo' }));
    const example = JSON.parse(
      await readFile(path.join(import.meta.dirname, '../../../examples/local-demo.json'), 'utf8'),
    ) as { flow: { processors: { name: string; type: string; properties: object }[] } };

    expect(validateFlow(document, registry)).toMatchObject({ ok: true });
    expect(document.flow).toMatchObject({ id: 'demo', name: 'Local demo' });
    // Same processors, same non-default properties as Sluice's own demo flow.
    for (const expected of example.flow.processors) {
      const actual = document.flow.processors.find((p) => p.name === expected.name);
      expect(actual?.type).toBe(expected.type);
      expect(actual?.properties).toMatchObject(expected.properties);
      expect(actual?.state).toBe('RUNNING');
    }
    const strip = document.flow.processors.find((p) => p.name === 'Strip quotes')!;
    // NiFi stores ReplaceText's search value under its legacy name, "Regular Expression".
    expect(strip.properties['searchValue']).toBe('"');
    expect(document.flow.connections).toHaveLength(8);
    const failures = document.flow.connections.find((c) => c.relationships.includes('not.found'));
    expect(failures?.relationships).toEqual(['failure', 'not.found', 'permission.denied']);
    expect(failures?.bends).toEqual([{ x: 420, y: 260 }]);
    expect(document.flow.labels).toEqual([
      {
        id: '1abe1000-0193-1000-0000-000000000001',
        text: 'Drop text files into #{demo.dir}/in',
        position: { x: 400, y: 0 },
        size: { width: 240, height: 48 },
        style: { background: '#fff7d7', fontSize: 14 },
      },
    ]);
    expect(document.flow.parameterContexts[0]?.parameters).toEqual([
      expect.objectContaining({ name: 'demo.dir', value: './data/demo', sensitive: false }),
    ]);
    expect(document.flow.parameterContextId).toBe(document.flow.parameterContexts[0]?.id);
    // Only ListFile's NiFi-only settings are reported.
    expect(new Set(report.map((l) => l.id))).toEqual(
      new Set(['a1c0ffee-0193-1000-0000-000000000001']),
    );
  });
});

describe('the kitchen sink', () => {
  async function kitchenSink() {
    return converted(convertNiFiFlow(await fixture('kitchen-sink.nifi.json'), registry));
  }

  it('maps processors: type, legacy property names, case of allowable values, scheduling, state', async () => {
    const { document } = await kitchenSink();
    const byName = Object.fromEntries(document.flow.processors.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual([
      'Archive / Put',
      'Generate',
      'Log small',
      'Route by size',
      'Tag',
    ]);
    expect(byName['Generate']).toMatchObject({
      type: 'GenerateFlowFile',
      comments: 'Makes a greeting every five minutes',
      position: { x: 10.4, y: -20.6 },
      properties: { customText: 'hello', dataFormat: 'Text', fileSize: '0B', batchSize: '1' },
      scheduling: {
        strategy: 'CRON_DRIVEN',
        cron: '0 0/5 * * * ?',
        penaltyDuration: '10 sec',
        yieldDuration: '2 sec',
        bulletinLevel: 'DEBUG',
      },
      state: 'DISABLED',
    });
    expect(byName['Tag']).toMatchObject({
      type: 'UpdateAttribute',
      properties: { env: '#{environment}', 'source.system': 'nifi' },
      scheduling: { concurrentTasks: 2 },
      state: 'STOPPED',
    });
    expect(Object.keys(byName['Tag']!.properties).sort()).toEqual(['env', 'source.system']);
    expect(byName['Route by size']).toMatchObject({
      properties: { routingStrategy: 'Route to Property name', large: '${fileSize:gt(1000)}' },
      autoTerminatedRelationships: ['unmatched'],
    });
    expect(byName['Log small']).toMatchObject({
      properties: { logLevel: 'warn', outputFormat: 'Single Line' },
      scheduling: { period: '1 min', bulletinLevel: 'ERROR' },
      state: 'RUNNING',
    });
    // Nested group flattened: its position (400, 600) is added to the processor's own.
    expect(byName['Archive / Put']).toMatchObject({
      position: { x: 500, y: 800 },
      properties: { directory: '#{archive.dir}', createMissingDirectories: 'true' },
    });
  });

  it('maps connections, joining funnels and ports into direct connections', async () => {
    const { document } = await kitchenSink();
    const byId = Object.fromEntries(document.flow.connections.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual([
      'conn-gen-tag',
      'conn-route-archive-put-0193-1000-0000-000000000007',
      'conn-route-log',
      'conn-tag-funnel-route-0193-1000-0000-000000000003',
    ]);
    expect(byId['conn-gen-tag']).toEqual({
      id: 'conn-gen-tag',
      name: 'greetings',
      source: { id: 'gen-0193-1000-0000-000000000001' },
      destination: { id: 'upd-0193-1000-0000-000000000002' },
      relationships: ['success'],
      backPressure: { objectThreshold: 500, dataSizeThreshold: '100 MB' },
      prioritizers: ['OLDEST_FIRST', 'PRIORITY_ATTRIBUTE'],
      expiration: '1 hour',
      bends: [
        { x: 120.4, y: 100 },
        { x: 140, y: 150 },
      ],
    });
    expect(byId['conn-tag-funnel-route-0193-1000-0000-000000000003']).toMatchObject({
      source: { id: 'upd-0193-1000-0000-000000000002' },
      destination: { id: 'route-0193-1000-0000-000000000003' },
      prioritizers: ['FIFO'],
    });
    expect(byId['conn-route-archive-put-0193-1000-0000-000000000007']).toMatchObject({
      name: 'large files',
      relationships: ['large'],
      destination: { id: 'put-0193-1000-0000-000000000007' },
    });
    expect(byId['conn-route-log']).toMatchObject({
      backPressure: { objectThreshold: 10000, dataSizeThreshold: '1 GB' },
      expiration: '0 sec',
    });
  });

  it('maps labels and parameter contexts, copying inherited parameters and leaving secrets empty', async () => {
    const { document } = await kitchenSink();
    expect(document.flow.labels.map((l) => [l.text, l.size, l.style])).toEqual([
      [
        'Kitchen sink\nof NiFi features',
        { width: 180.6, height: 60 },
        { background: '#e0f0ff', fontSize: 18 },
      ],
      ['Plain', { width: 150, height: 150 }, undefined],
    ]);
    const ingest = document.flow.parameterContexts.find((c) => c.name === 'Ingest')!;
    expect(document.flow.parameterContextId).toBe(ingest.id);
    expect(ingest.description).toBe('Settings of the ingest flow');
    expect(ingest.parameters).toEqual([
      { name: 'environment', value: 'staging', sensitive: false },
      { name: 'api.token', sensitive: true, description: 'Token of the API' },
      { name: 'archive.dir', value: '/var/archive', sensitive: false },
    ]);
    expect(document.flow.parameterContexts.map((c) => c.name).sort()).toEqual([
      'Archive settings',
      'Ingest',
      'Shared',
    ]);
    expect(document.flow.controllerServices).toEqual([]);
  });

  it('reports everything it could not map, with the NiFi path, id and name', async () => {
    const { report } = await kitchenSink();
    const text = report.map(formatReportLine);
    const expected = [
      "flowContents.processGroups[0]: process group 'Archive' (archive-0193-1000-0000-000000000000): Sluice has no process groups",
      'flowContents.funnels[0]: funnel (funnel-0193-1000-0000-000000000001): Sluice has no funnels',
      "flowContents.processGroups[0].inputPorts[0]: input port 'to archive' (archive-in-0193-1000-0000-000000000001): Sluice has no input ports",
      "flowContents.remoteProcessGroups[0]: remote process group 'Central NiFi' (rpg-0193-1000-0000-000000000001): Sluice has no site-to-site",
      "flowContents.controllerServices[0]: controller service 'JSON writer' (cs-0193-1000-0000-000000000001): Sluice has no controller service of type org.apache.nifi.json.JsonRecordSetWriter",
      'externalControllerServices["5ca1ab1e-0193-1000-0000-0000000000ee"]: controller service \'Shared SSL Context\'',
      "flowContents.processors[0].properties[\"character-set\"]: property 'character-set' (gen-0193-1000-0000-000000000001): Sluice's GenerateFlowFile has no property",
      "flowContents.processors[0]: processor 'Generate' (gen-0193-1000-0000-000000000001): run duration 25 ms",
      "flowContents.processors[0]: processor 'Generate' (gen-0193-1000-0000-000000000001): bulletin level TRACE does not exist in Sluice; DEBUG is used",
      'flowContents.processors[1].properties["Store State"]: property \'Store State\'',
      'flowContents.processors[1].properties["canonical-value-lookup-cache-size"]',
      "flowContents.processors[1]: processor 'Tag' (upd-0193-1000-0000-000000000002): retry settings",
      "flowContents.processors[2]: processor 'Route by size' (route-0193-1000-0000-000000000003): auto-terminated relationship 'matched' does not exist",
      "flowContents.processors[3]: processor 'Call API' (http-0193-1000-0000-000000000004): type org.apache.nifi.processors.standard.PostHTTP has no Sluice counterpart",
      "flowContents.processors[4]: processor 'Acme replace' (acme-0193-1000-0000-000000000005): type com.acme.nifi.ReplaceText has no Sluice counterpart",
      "flowContents.processGroups[0].processors[0].properties[\"Conflict Resolution Strategy\"]: property 'Conflict Resolution Strategy' (put-0193-1000-0000-000000000007): value 'overwrite' is not one of Sluice's Conflict Resolution Strategy values (replace, ignore, fail)",
      "flowContents.processGroups[0].processors[0].properties.Owner: property 'Owner' (put-0193-1000-0000-000000000007): Sluice's PutFile has no property 'Owner'",
      "flowContents.connections[0]: connection 'greetings' (conn-gen-tag): prioritizer com.acme.nifi.ShortestFirstPrioritizer has no Sluice counterpart",
      "flowContents.connections[0]: connection 'greetings' (conn-gen-tag): load balancing (ROUND_ROBIN)",
      "flowContents.connections[3]: connection 'Tag → Call API' (conn-tag-http): its destination processor was not imported",
      "flowContents.connections[4]: connection 'Call API → Acme replace' (conn-http-acme): its source processor was not imported",
      "flowContents.connections[5]: connection 'large files' (conn-route-archive): relationship 'gone' does not exist",
      "flowContents.connections[6]: connection 'Route by size → Log small' (conn-route-log): back-pressure data size threshold 'a lot' is not a data size",
      "flowContents.connections[6]: connection 'Route by size → Log small' (conn-route-log): flowfile expiration 'soon' is not a duration",
      "flowContents.connections[7]: connection 'Route by size → ingest' (conn-route-remote): it leads to remote input port 'ingest', which reaches no imported processor",
      "parameterContexts.Ingest.inheritedParameterContexts: parameter context 'Ingest': Sluice has no inheritance: the parameters of 'Shared' were copied into it",
      "parameterContexts.Ingest.parameters[1]: parameter 'api.token': sensitive: NiFi does not export its value",
      "flowContents.processGroups[0].parameterContextName: process group 'Archive' (archive-0193-1000-0000-000000000000): used parameter context 'Archive settings'",
    ];
    expect(text).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(text[i]).toContain(start));
  });

  it('gives a document the engine accepts', async () => {
    const { document } = await kitchenSink();
    expect(validateFlow(document, registry)).toMatchObject({ ok: true });
  });
});

describe('single mappings', () => {
  it('reads a registry snapshot, naming the flow after the registry flow', () => {
    const result = converted(
      convertNiFiFlow(
        {
          snapshotMetadata: { version: 3, author: 'ops', timestamp: 1700000000000 },
          flow: { name: 'Ingest (registry)' },
          bucket: { name: 'prod' },
          flowContents: { identifier: 'g', name: 'Group', processors: [processor({})] },
          flowEncodingVersion: '1.0',
        },
        registry,
      ),
    );
    expect(result.document.flow).toMatchObject({ id: 'g', name: 'Ingest (registry)' });
  });

  it('takes the flow id and name from the options', () => {
    const result = converted(
      convertNiFiFlow(definition({ processors: [] }), registry, { flowId: 'x', name: 'Named' }),
    );
    expect(result.document.flow).toMatchObject({ id: 'x', name: 'Named' });
  });

  it.each([
    ['0 0 2 * * ? *', { strategy: 'CRON_DRIVEN', cron: '0 0 2 * * ?' }, 'the year field'],
    ['0 0 2 * * ? 2030', { strategy: 'TIMER_DRIVEN' }, 'cannot be read by Sluice'],
  ])('converts the cron expression %s', (cron, scheduling, reason) => {
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [processor({ schedulingStrategy: 'CRON_DRIVEN', schedulingPeriod: cron })],
        }),
        registry,
      ),
    );
    expect(result.document.flow.processors[0]?.scheduling).toMatchObject(scheduling);
    expect(linesAt(result.report, 'flowContents.processors[0]').join()).toContain(reason);
  });

  it('falls back to defaults for bad scheduling values, reporting each', () => {
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [
            processor({
              schedulingStrategy: 'EVENT_DRIVEN',
              schedulingPeriod: 'often',
              concurrentlySchedulableTaskCount: 0,
              penaltyDuration: 'x',
              yieldDuration: 'y',
              bulletinLevel: 'LOUD',
              scheduledState: 'PAUSED',
            }),
          ],
        }),
        registry,
      ),
    );
    expect(result.document.flow.processors[0]).toMatchObject({
      scheduling: {
        strategy: 'TIMER_DRIVEN',
        period: '0 sec',
        concurrentTasks: 1,
        penaltyDuration: '30 sec',
        yieldDuration: '1 sec',
        bulletinLevel: 'WARN',
      },
      state: 'STOPPED',
    });
    expect(linesAt(result.report, 'flowContents.processors[0]')).toEqual([
      'scheduling strategy EVENT_DRIVEN is not supported by Sluice; timer-driven instead',
      "run schedule 'often' is not a duration Sluice reads; the default is used",
      'concurrent tasks 0 is not a whole number of at least 1; 1 is used',
      "penalty duration 'x' is not a duration Sluice reads; the default is used",
      "yield duration 'y' is not a duration Sluice reads; the default is used",
      'bulletin level LOUD is unknown; WARN is used',
      'scheduled state PAUSED is unknown; imported stopped',
    ]);
  });

  it('maps a bare Sluice type name and the bundle-qualified Apache one alike', () => {
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [
            processor({ identifier: 'a', type: 'LogAttribute' }),
            processor({
              identifier: 'b',
              type: 'org.apache.nifi.processors.standard.LogAttribute',
              bundle: { group: 'org.apache.nifi', artifact: 'nifi-standard-nar', version: '2.0.0' },
            }),
          ],
        }),
        registry,
      ),
    );
    expect(result.document.flow.processors.map((p) => p.type)).toEqual([
      'LogAttribute',
      'LogAttribute',
    ]);
  });

  it('takes properties without descriptors as dynamic only for processors that accept them', () => {
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [
            processor({ identifier: 'u', type: 'UpdateAttribute', properties: { color: 'red' } }),
            processor({ identifier: 'l', properties: { color: 'red', __proto__: null } }),
          ],
        }),
        registry,
      ),
    );
    expect(result.document.flow.processors[0]?.properties).toEqual({ color: 'red' });
    expect(result.document.flow.processors[1]?.properties).toEqual({});
    expect(linesAt(result.report, 'flowContents.processors[1]')).toEqual([
      "Sluice's LogAttribute has no property 'color'; dropped",
    ]);
  });

  it("keeps NiFi's sensitive dynamic property marks where the type supports them, and reports them elsewhere", () => {
    // Given an InvokeHTTP and an UpdateAttribute, each with a sensitive dynamic property whose
    // value NiFi left out of the export
    const secretHeader = {
      Authorization: { name: 'Authorization', sensitive: true, dynamic: true },
      'X-Trace': { name: 'X-Trace', sensitive: false, dynamic: true },
    };
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [
            processor({
              identifier: 'h',
              type: 'org.apache.nifi.processors.standard.InvokeHTTP',
              properties: {
                'HTTP URL': 'https://api.example.org',
                Authorization: null,
                'X-Trace': 'on',
              },
              propertyDescriptors: secretHeader,
              autoTerminatedRelationships: ['Original', 'Response', 'Retry', 'No Retry', 'Failure'],
            }),
            processor({
              identifier: 'u',
              type: 'UpdateAttribute',
              properties: { token: null },
              propertyDescriptors: { token: { name: 'token', sensitive: true, dynamic: true } },
            }),
          ],
        }),
        registry,
      ),
    );

    // Then InvokeHTTP keeps the mark (the value is to be set in Sluice), UpdateAttribute reports it
    const [http, update] = result.document.flow.processors;
    expect(http?.sensitiveDynamicProperties).toEqual(['Authorization']);
    expect(http?.properties).toMatchObject({ 'X-Trace': 'on' });
    expect(http?.properties).not.toHaveProperty('Authorization');
    expect(update).not.toHaveProperty('sensitiveDynamicProperties');
    expect(linesAt(result.report, 'flowContents.processors[1]')).toEqual([
      "sensitive dynamic properties (token): Sluice's UpdateAttribute does not support them; their values were not exported by NiFi, set them again as plain properties if needed",
    ]);
  });

  it('drops a connection none of whose relationships exists, and one to a dead-end port', () => {
    const result = converted(
      convertNiFiFlow(
        definition({
          processors: [
            processor({ identifier: 'a', autoTerminatedRelationships: [] }),
            processor({ identifier: 'b' }),
          ],
          outputPorts: [{ identifier: 'out', name: 'Out' }],
          connections: [
            {
              identifier: 'c1',
              source: { id: 'a', type: 'PROCESSOR' },
              destination: { id: 'b', type: 'PROCESSOR' },
              selectedRelationships: ['original'],
            },
            {
              identifier: 'c2',
              source: { id: 'a', type: 'PROCESSOR' },
              destination: { id: 'out', type: 'OUTPUT_PORT', name: 'Out' },
              selectedRelationships: ['success'],
            },
          ],
        }),
        registry,
      ),
    );
    expect(result.document.flow.connections).toEqual([]);
    expect(linesAt(result.report, 'flowContents.connections')).toEqual([
      "relationship 'original' does not exist in Sluice's processor; left out",
      'none of its relationships exists in Sluice; dropped',
      "it leads to output port 'Out', which reaches no imported processor; dropped",
    ]);
  });

  it('reports a bound parameter context the definition lacks, and provided parameters', () => {
    const result = converted(
      convertNiFiFlow(
        definition(
          { parameterContextName: 'Missing' },
          {
            parameterContexts: {
              P: {
                name: 'P',
                parameters: [{ name: 'secret', provided: true, sensitive: false }],
                inheritedParameterContexts: ['Gone'],
              },
            },
            parameterProviders: { vault: { name: 'vault' } },
          },
        ),
        registry,
      ),
    );
    expect(result.document.flow.parameterContextId).toBeUndefined();
    expect(result.report.map((l) => l.reason)).toEqual([
      'Sluice has no parameter providers; skipped',
      "inherits 'Gone', which the definition does not hold; its parameters are missing",
      "Sluice has no inheritance: the parameters of 'Gone' were copied into it",
      'came from a parameter provider, which Sluice does not have; set its value by hand',
      'the definition does not hold this parameter context; #{...} references stay unresolved',
    ]);
  });
});

describe('bad input', () => {
  it('refuses what is not a flow definition, at the root', () => {
    expect(convertNiFiFlow({ schemaVersion: 1 }, registry)).toEqual({
      ok: false,
      issues: [
        { path: '$', message: 'not a NiFi flow definition: expected an object with flowContents' },
      ],
      report: [],
    });
  });

  it('lists every structural problem by JSON path', () => {
    const result = convertNiFiFlow(
      definition({
        processors: [{ identifier: 'p', position: { x: 'left', y: 0 } }],
        connections: [{ identifier: 'c', source: { id: 'p', type: 'PROCESSOR' } }],
      }),
      registry,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
      'flowContents.connections[0].destination',
      'flowContents.processors[0].position.x',
      'flowContents.processors[0].type',
    ]);
  });

  it('refuses duplicate ids through flow-schema', () => {
    const result = convertNiFiFlow(
      definition({ processors: [processor({}), processor({})] }),
      registry,
    );
    expect(!result.ok && result.issues[0]?.message).toContain('duplicate id "p1"');
  });

  it('refuses groups nested too deep, without exhausting the stack', () => {
    let group: Record<string, unknown> = { identifier: 'leaf' };
    for (let i = 0; i < 5000; i++) group = { identifier: `g${i}`, processGroups: [group] };
    const result = convertNiFiFlow({ flowContents: group }, registry);
    expect(!result.ok && result.issues[0]?.message).toContain('nested more than 100 deep');
  });

  it('never throws for arbitrary JSON, and every refusal names a path and a reason', () => {
    const anything = fc.oneof(
      fc.jsonValue(),
      fc.record({ flowContents: fc.jsonValue() }),
      fc.record({
        flowContents: fc.record({
          identifier: fc.string(),
          processors: fc.array(
            fc.record({
              identifier: fc.string(),
              type: fc.constantFrom(
                'LogAttribute',
                'org.apache.nifi.processors.standard.ReplaceText',
                'x',
              ),
              properties: fc.dictionary(fc.string(), fc.option(fc.string())),
              schedulingPeriod: fc.option(fc.string()),
              schedulingStrategy: fc.option(fc.constantFrom('TIMER_DRIVEN', 'CRON_DRIVEN', 'X')),
            }),
          ),
          connections: fc.jsonValue(),
        }),
        parameterContexts: fc.jsonValue(),
      }),
    );
    fc.assert(
      fc.property(anything, (input) => {
        const result = convertNiFiFlow(input, registry);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.path).not.toBe('');
            expect(issue.message).not.toBe('');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
