/**
 * The editor benchmark's flow: 250 GenerateFlowFile → 250 LogAttribute on a grid, 600
 * connections (every generator to its own logger, to the next logger, and 100 of them to the one
 * after that), the generators on a 1-second schedule so the live stats change every tick.
 */
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';

/** Processors and connections of the editor benchmark (the 500 / 600). */
export const EDITOR_FLOW_SIZE = { pairs: 250, extraConnections: 350 } as const;

/** Builds the flow document, saved RUNNING so it ticks as soon as the server opens it. */
export function editorFlow(): FlowDocument {
  const { pairs, extraConnections } = EDITOR_FLOW_SIZE;
  const columns = 25;
  const processors = [];
  const connections = [];
  for (let i = 0; i < pairs; i++) {
    const x = (i % columns) * 520;
    const y = Math.floor(i / columns) * 420;
    processors.push(
      {
        id: `gen-${i}`,
        type: 'GenerateFlowFile',
        name: `Generate ${i}`,
        position: { x, y },
        properties: { fileSize: '16 B' },
        scheduling: { period: '1 sec' },
        state: 'RUNNING',
      },
      {
        id: `log-${i}`,
        type: 'LogAttribute',
        name: `Log ${i}`,
        position: { x: x + 260, y: y + 160 },
        properties: { logLevel: 'debug' },
        autoTerminatedRelationships: ['success'],
        scheduling: { period: '1 sec' },
        state: 'RUNNING',
      },
    );
    connections.push({
      id: `c-${i}`,
      source: { id: `gen-${i}` },
      relationships: ['success'],
      destination: { id: `log-${i}` },
    });
  }
  for (let i = 0; i < extraConnections; i++) {
    connections.push({
      id: `x-${i}`,
      source: { id: `gen-${i % pairs}` },
      relationships: ['success'],
      destination: { id: `log-${(i + 1 + Math.floor(i / pairs)) % pairs}` },
    });
  }
  return parseFlowDocument({
    schemaVersion: 1,
    flow: { id: 'editor-bench', name: 'Editor benchmark', processors, connections },
  });
}
