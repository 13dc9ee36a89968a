/**
 * The Sluice flow documents of the workloads, built as plain JSON and parsed through
 * `@sluice/flow-schema` like any saved flow. Processors are saved STOPPED: the harness starts them
 * so it knows exactly when the clock starts.
 */
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';

/** A processor entry of a flow document, before parsing. */
interface ProcessorJson {
  readonly id: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly autoTerminatedRelationships?: readonly string[];
}

/** A connection entry of a flow document, before parsing. */
interface ConnectionJson {
  readonly id: string;
  readonly source: string;
  readonly destination: string;
  readonly objectThreshold?: number;
}

function flowDocument(
  id: string,
  processors: readonly ProcessorJson[],
  connections: readonly ConnectionJson[],
): FlowDocument {
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id,
      name: id,
      processors: processors.map((p, i) => ({
        id: p.id,
        type: p.type,
        name: p.id,
        position: { x: 0, y: i * 200 },
        properties: p.properties,
        autoTerminatedRelationships: p.autoTerminatedRelationships ?? [],
        state: 'STOPPED',
      })),
      connections: connections.map((c) => ({
        id: c.id,
        source: { id: c.source },
        relationships: ['success'],
        destination: { id: c.destination },
        ...(c.objectThreshold === undefined
          ? {}
          : { backPressure: { objectThreshold: c.objectThreshold } }),
      })),
    },
  });
}

/** The seed's ReplaceText: wrap the whole content as `{"<filename>":"<content>"}`. */
const WRAP_AS_JSON: ProcessorJson = {
  id: 'replace',
  type: 'ReplaceText',
  properties: { searchValue: '(?s)(^.*$)', replacementValue: '{"${filename}":"$1"}' },
  autoTerminatedRelationships: ['success', 'failure'],
};

/**
 * W1: GenerateFlowFile (1 KB of Text, `batch` per run) → ReplaceText → success and failure
 * auto-terminated. `objectThreshold` is the back-pressure of the connection between them.
 */
export function w1Flow(batch: number, objectThreshold: number): FlowDocument {
  return flowDocument(
    'bench-w1',
    [
      {
        id: 'generate',
        type: 'GenerateFlowFile',
        properties: { fileSize: '1 KB', batchSize: String(batch), dataFormat: 'Text' },
      },
      WRAP_AS_JSON,
    ],
    [{ id: 'generated', source: 'generate', destination: 'replace', objectThreshold }],
  );
}

/** W2: ListFile (run once) → FetchFile → PutFile (success and failure auto-terminated). */
export function w2Flow(inputDir: string, outputDir: string): FlowDocument {
  return flowDocument(
    'bench-w2',
    [
      { id: 'list', type: 'ListFile', properties: { inputDirectory: inputDir } },
      {
        id: 'fetch',
        type: 'FetchFile',
        properties: {},
        autoTerminatedRelationships: ['not.found', 'permission.denied', 'failure'],
      },
      {
        id: 'put',
        type: 'PutFile',
        properties: { directory: outputDir, conflictResolutionStrategy: 'fail' },
        autoTerminatedRelationships: ['success', 'failure'],
      },
    ],
    [
      { id: 'listed', source: 'list', destination: 'fetch' },
      { id: 'fetched', source: 'fetch', destination: 'put' },
    ],
  );
}

/**
 * W3: GenerateFlowFile (small Text, `batch` per run) → ReplaceText, which stays stopped so every
 * flowfile queues. The connection's object threshold is raised so back-pressure does not stop the
 * generator before the target count.
 */
export function w3Flow(batch: number, objectThreshold: number): FlowDocument {
  return flowDocument(
    'bench-w3',
    [
      {
        id: 'generate',
        type: 'GenerateFlowFile',
        properties: { customText: 'small flowfile', batchSize: String(batch) },
      },
      WRAP_AS_JSON,
    ],
    [{ id: 'queued', source: 'generate', destination: 'replace', objectThreshold }],
  );
}
