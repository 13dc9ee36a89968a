import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';

/** Number of flowfiles the crash test generates. */
export const CRASH_TEST_FLOWFILES = 10_000;

/** Content GenerateFlowFile gives every flowfile in the crash test. */
export const CRASH_TEST_CONTENT = 'known content';

/**
 * GenerateFlowFile (one batch of 10,000, run once) → ReplaceText (the seed's JSON wrap) → PutFile.
 * The generator is stopped in the flow: the crash child runs it once, and only when nothing was
 * generated before.
 */
export function crashTestFlow(outputDir: string): FlowDocument {
  return parseFlowDocument({
    schemaVersion: 1,
    flow: {
      id: 'crash-test',
      name: 'Crash test',
      processors: [
        {
          id: 'generate',
          type: 'GenerateFlowFile',
          name: 'Generate',
          position: { x: 0, y: 0 },
          properties: { batchSize: String(CRASH_TEST_FLOWFILES), customText: CRASH_TEST_CONTENT },
          state: 'STOPPED',
        },
        {
          id: 'replace',
          type: 'ReplaceText',
          name: 'Wrap as JSON',
          position: { x: 0, y: 200 },
          properties: { searchValue: '(?s)(^.*$)', replacementValue: '{"${filename}":"$1"}' },
          autoTerminatedRelationships: ['failure'],
          state: 'RUNNING',
        },
        {
          id: 'put',
          type: 'PutFile',
          name: 'Write',
          position: { x: 0, y: 400 },
          properties: { directory: outputDir, conflictResolutionStrategy: 'replace' },
          autoTerminatedRelationships: ['success', 'failure'],
          state: 'RUNNING',
        },
      ],
      connections: [
        {
          id: 'generated',
          source: { id: 'generate' },
          relationships: ['success'],
          destination: { id: 'replace' },
          backPressure: { objectThreshold: 20_000 },
        },
        {
          id: 'replaced',
          source: { id: 'replace' },
          relationships: ['success'],
          destination: { id: 'put' },
          backPressure: { objectThreshold: 2_000 },
        },
      ],
    },
  });
}
