import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlowDocument, type FlowDocumentInput } from '@sluice/flow-schema';
import { FlowEngine, type FlowEngineOptions } from '../controller/flow-engine.js';
import type { AnyProcessorDefinition } from '../processor/processor-definition.js';
import { ProcessorRegistry } from '../processor/processor-registry.js';

/** A flow engine in a temporary directory, reopenable to simulate a restart. */
export interface TestEngine {
  engine: FlowEngine;
  readonly dataDir: string;
  /** Closes and opens the engine again on the same repositories. */
  reopen(): Promise<FlowEngine>;
  dispose(): Promise<void>;
}

/** Opens an engine on a flow built from `flow` with the given processor types. */
export async function openTestEngine(
  flow: FlowDocumentInput['flow'],
  types: readonly AnyProcessorDefinition[],
  options: Partial<FlowEngineOptions> = {},
): Promise<TestEngine> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-engine-'));
  const document = parseFlowDocument({ schemaVersion: 1, flow });
  const open = () =>
    FlowEngine.open({
      dataDir,
      document,
      registry: new ProcessorRegistry(types),
      autoStart: false,
      fsync: 'never',
      ...options,
    });
  const handle: TestEngine = {
    engine: await open(),
    dataDir,
    async reopen() {
      await handle.engine.close();
      handle.engine = await open();
      return handle.engine;
    },
    async dispose() {
      await handle.engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
