import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFlowDocument } from '@sluice/flow-schema';
import type { Bulletin } from '../bulletins/bulletin.js';
import { FlowEngine } from '../controller/flow-engine.js';
import type { FlowFile } from '../flowfile/flowfile.js';
import {
  defineProcessor,
  relationshipsOf,
  type AnyProcessorDefinition,
} from '../processor/processor-definition.js';
import { ProcessorRegistry } from '../processor/processor-registry.js';
import type { ProvenanceEvent } from '../provenance/provenance-event.js';
import type { AnyControllerServiceDefinition } from '../service/controller-service-definition.js';

/** A flowfile that came out of the processor under test, with its content read. */
export interface OutputFlowFile {
  readonly flowFile: FlowFile;
  readonly attributes: Readonly<Record<string, string>>;
  readonly content: Buffer;
  /** Content as UTF-8 text. */
  readonly text: string;
}

/** A controller service the processor under test refers to by id; the runner enables it. */
export interface TestRunnerService {
  readonly definition: AnyControllerServiceDefinition;
  readonly properties?: Readonly<Record<string, string>>;
}

/** Options of a test run: the processor's configuration. */
export interface TestRunnerOptions {
  readonly properties?: Readonly<Record<string, string>>;
  /** Controller services by id, enabled before the processor runs. */
  readonly services?: Readonly<Record<string, TestRunnerService>>;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly autoTerminate?: readonly string[];
  readonly penaltyDuration?: string;
  /** Tasks the processor may run at once when started (scheduled); 1 by default. */
  readonly concurrentTasks?: number;
}

const SOURCE_ID = 'test-source';
const UNDER_TEST_ID = 'under-test';

interface PendingInput {
  readonly content: Uint8Array;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * Runs one processor through the real engine — real repositories in a temporary directory, real
 * sessions and queues — as NiFi's TestRunner does: enqueue flowfiles, run, then look at what went
 * to each relationship. Each relationship not auto-terminated is connected to a queue the runner reads.
 */
export class TestRunner {
  readonly #pending: PendingInput[];

  private constructor(
    readonly engine: FlowEngine,
    readonly dataDir: string,
    readonly relationships: readonly string[],
    pending: PendingInput[],
  ) {
    this.#pending = pending;
  }

  static async create(
    definition: AnyProcessorDefinition,
    options: TestRunnerOptions = {},
  ): Promise<TestRunner> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-test-runner-'));
    const properties = options.properties ?? {};
    const autoTerminated = new Set(options.autoTerminate ?? []);
    const relationships = relationshipsOf(definition, properties).filter(
      (r) => !autoTerminated.has(r),
    );
    const takesInput = definition.inputRequirement !== 'forbidden';
    const pending: PendingInput[] = [];
    const source = defineProcessor({
      type: 'TestRunnerSource',
      description: 'Feeds the flowfiles a test enqueued',
      tags: [],
      properties: {},
      relationships: { success: 'Enqueued flowfiles' },
      inputRequirement: 'forbidden',
      async onTrigger(_ctx, session) {
        for (const input of pending.splice(0)) {
          let flowFile = session.create();
          flowFile = session.putAllAttributes(flowFile, input.attributes);
          flowFile = await session.write(flowFile, input.content);
          session.transfer(flowFile, 'success');
        }
      },
    });
    const sink = defineProcessor({
      type: 'TestRunnerSink',
      description: 'Holds what the processor under test sent to a relationship',
      tags: [],
      properties: {},
      relationships: {},
      async onTrigger() {},
    });
    const processor = (id: string, type: string, extra: object = {}) => ({
      id,
      type,
      name: id,
      position: { x: 0, y: 0 },
      properties: {},
      ...extra,
    });
    const document = parseFlowDocument({
      schemaVersion: 1,
      flow: {
        id: 'test-flow',
        name: `TestRunner for ${definition.type}`,
        processors: [
          processor(UNDER_TEST_ID, definition.type, {
            properties,
            autoTerminatedRelationships: [...autoTerminated],
            scheduling: {
              penaltyDuration: options.penaltyDuration ?? '30 sec',
              ...(options.concurrentTasks !== undefined && {
                concurrentTasks: options.concurrentTasks,
              }),
            },
          }),
          ...(takesInput ? [processor(SOURCE_ID, 'TestRunnerSource')] : []),
          ...relationships.map((r) => processor(`sink-${r}`, 'TestRunnerSink')),
        ],
        connections: [
          ...(takesInput
            ? [
                {
                  id: 'input',
                  source: { id: SOURCE_ID },
                  relationships: ['success'],
                  destination: { id: UNDER_TEST_ID },
                  backPressure: { objectThreshold: 0, dataSizeThreshold: '0 B' },
                },
              ]
            : []),
          ...relationships.map((r) => ({
            id: r,
            source: { id: UNDER_TEST_ID },
            relationships: [r],
            destination: { id: `sink-${r}` },
            backPressure: { objectThreshold: 0, dataSizeThreshold: '0 B' },
          })),
        ],
        labels: [],
        controllerServices: Object.entries(options.services ?? {}).map(([id, service]) => ({
          id,
          type: service.definition.type,
          name: id,
          properties: service.properties ?? {},
          state: 'ENABLED',
        })),
        parameterContexts: [],
      },
    });
    const serviceTypes = new Map(
      Object.values(options.services ?? {}).map((s) => [s.definition.type, s.definition]),
    );
    const registry = new ProcessorRegistry([definition, source, sink], [...serviceTypes.values()]);
    const engine = await FlowEngine.open({
      dataDir,
      document,
      registry,
      fsync: 'never',
      autoStart: false,
      ...(options.parameters ? { parameterValues: options.parameters } : {}),
    });
    for (const id of engine.controllerServices.keys()) {
      const result = await engine.enableService(id);
      if (!result.ok) {
        await engine.close();
        throw new Error(`Could not enable service '${id}': ${result.reasons.join('; ')}`);
      }
    }
    return new TestRunner(engine, dataDir, relationships, pending);
  }

  /** Queues a flowfile for the processor under test (committed through a real session). */
  async enqueue(
    content: string | Uint8Array = '',
    attributes: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    this.#pending.push({
      content: typeof content === 'string' ? Buffer.from(content) : content,
      attributes,
    });
    const result = await this.engine.runOnce(SOURCE_ID);
    if (!result.ok) throw new Error(`Could not enqueue: ${result.reasons.join('; ')}`);
  }

  /** Validation errors of the processor under test (empty when it could start). */
  validationErrors(): string[] {
    return this.engine.processors
      .get(UNDER_TEST_ID)!
      .validate()
      .map((i) => (i.property ? `${i.property}: ${i.message}` : i.message));
  }

  /** Triggers the processor `times` times, as NiFi's Run Once; throws if it cannot be scheduled. */
  async run(times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      const result = await this.engine.runOnce(UNDER_TEST_ID);
      if (!result.ok) throw new Error(`Cannot run ${UNDER_TEST_ID}: ${result.reasons.join('; ')}`);
    }
  }

  /** What the processor transferred to a relationship so far, in order. */
  async flowFiles(relationship: string): Promise<OutputFlowFile[]> {
    if (!this.engine.connections.has(relationship)) {
      throw new Error(
        `Relationship '${relationship}' is auto-terminated or unknown; known: ${this.relationships.join(', ')}`,
      );
    }
    const output: OutputFlowFile[] = [];
    for (const flowFile of this.engine.listQueue(relationship, 0, Number.MAX_SAFE_INTEGER)) {
      const chunks: Buffer[] = [];
      for await (const chunk of this.engine.readContent(flowFile)) chunks.push(chunk);
      const content = Buffer.concat(chunks);
      output.push({
        flowFile,
        attributes: flowFile.attributes,
        content,
        text: content.toString('utf8'),
      });
    }
    return output;
  }

  /** Number of flowfiles still waiting in the processor's input queue. */
  inputQueueSize(): number {
    return this.engine.connections.get('input')?.size().count ?? 0;
  }

  /** Committed component state of the processor under test. */
  state(): Readonly<Record<string, string>> | undefined {
    return this.engine.state(UNDER_TEST_ID);
  }

  /** Provenance events the processor under test emitted. */
  async provenanceEvents(): Promise<ProvenanceEvent[]> {
    await this.engine.provenance.flush();
    return this.engine.provenance.query({ componentId: UNDER_TEST_ID, limit: 100_000 });
  }

  bulletins(): Bulletin[] {
    return this.engine.bulletins.query({ componentId: UNDER_TEST_ID, limit: 1000 });
  }

  counter(name: string): number {
    return this.engine.counters.get(name) ?? 0;
  }

  async close(): Promise<void> {
    await this.engine.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
