import type { SluiceFixture } from './sluice.js';

/**
 * A new flow built through the API: "Make files" (GenerateFlowFile, batch of 3) → "Log them"
 * (LogAttribute, success auto-terminated), both stopped. Returns its id.
 */
export async function smallFlow(sluice: SluiceFixture, name: string): Promise<string> {
  const flowId = await sluice.emptyFlow(name);
  const { api } = sluice;
  const generate = await api.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Make files',
    position: { x: 100, y: 150 },
    properties: { batchSize: '3' },
  });
  const log = await api.processors.add.mutate({
    flowId,
    type: 'LogAttribute',
    name: 'Log them',
    position: { x: 500, y: 150 },
  });
  await api.processors.update.mutate({
    flowId,
    id: log.processor.id,
    autoTerminatedRelationships: ['success'],
  });
  await api.connections.add.mutate({
    flowId,
    source: generate.processor.id,
    destination: log.processor.id,
    relationships: ['success'],
  });
  return flowId;
}
