import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FlowEngine, type FsyncPolicy, type ProcessorRegistry } from '@sluice/engine';
import { parseFlowDocument, type FlowDocument } from '@sluice/flow-schema';
import { loadSecretKey, type KeySource } from '../secrets/secret-key.js';
import { SecretVault } from '../secrets/secret-vault.js';
import { FlowStore, type UnreadableFlow } from './flow-store.js';

/** How to open the workspace. */
export interface FlowWorkspaceOptions {
  /** Root of Sluice's data: flows under `flows/`, each flow's repositories under `repositories/<id>/`. */
  readonly dataDir: string;
  readonly registry: ProcessorRegistry;
  readonly fsync?: FsyncPolicy;
  /** Start the processors saved RUNNING (default true). */
  readonly autoStart?: boolean;
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** Saved and opened when there is no saved flow yet (the demo flow on a first start). */
  readonly seed?: FlowDocument;
  /** How often each flow records a status-history point (default 60 s; tests use less). */
  readonly statusIntervalMs?: number;
}

/** The outcome of an edit: applied and saved, or refused with the reasons. */
export type EditResult =
  | { readonly ok: true; readonly document: FlowDocument }
  | { readonly ok: false; readonly reasons: readonly string[] };

/**
 * Every flow of a Sluice server, one engine each. Edits go through here so that each one is
 * applied to the engine (NiFi's safety rules) and then saved, one at a time per flow.
 */
export class FlowWorkspace {
  readonly #engines = new Map<string, FlowEngine>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #openListeners = new Set<(engine: FlowEngine) => void>();

  private constructor(
    readonly store: FlowStore,
    readonly unreadable: readonly UnreadableFlow[],
    private readonly options: FlowWorkspaceOptions,
    /** Where the key that encrypts secrets at rest came from (for the start-up log). */
    readonly secretKeySource: KeySource,
  ) {}

  get registry(): ProcessorRegistry {
    return this.options.registry;
  }

  /**
   * Parameter values supplied when the server starts rather than saved in a flow (the demo's
   * directory); engines look parameters up here too, so validation outside an engine must.
   */
  get parameterValues(): Readonly<Record<string, string>> {
    return this.options.parameterValues ?? {};
  }

  /** Loads the saved flows (or saves the seed) and opens an engine on each. */
  static async open(options: FlowWorkspaceOptions): Promise<FlowWorkspace> {
    const { key, source } = await loadSecretKey(options.dataDir);
    const vault = new SecretVault(path.join(options.dataDir, 'secrets'), key);
    const store = new FlowStore(path.join(options.dataDir, 'flows'), options.registry, vault);
    const stored = await store.loadAll();
    const workspace = new FlowWorkspace(store, stored.unreadable, options, source);
    const documents = [...stored.documents];
    if (documents.length === 0 && stored.unreadable.length === 0 && options.seed) {
      await store.save(options.seed);
      documents.push(options.seed);
    }
    for (const document of documents) await workspace.#openEngine(document);
    return workspace;
  }

  /** The flows, in name order. */
  list(): FlowEngine[] {
    return [...this.#engines.values()].sort((a, b) =>
      a.document.flow.name.localeCompare(b.document.flow.name),
    );
  }

  /** The engine of a flow, or undefined. */
  get(flowId: string): FlowEngine | undefined {
    return this.#engines.get(flowId);
  }

  /**
   * Calls `listener` with each engine opened from now on (a flow created or imported), so that
   * what subscribes to the engines at start (the bulletin log) sees new flows too.
   */
  onEngineOpened(listener: (engine: FlowEngine) => void): () => void {
    this.#openListeners.add(listener);
    return () => this.#openListeners.delete(listener);
  }

  /** Creates an empty flow, saves it and opens its engine. */
  async create(name: string): Promise<FlowEngine> {
    const document = parseFlowDocument({ schemaVersion: 1, flow: { id: randomUUID(), name } });
    await this.store.save(document);
    return this.#openEngine(document);
  }

  /**
   * Adds a flow built elsewhere (an import), saves it and opens its engine. Its id must be new;
   * processors saved RUNNING start, as on a restart.
   */
  async add(document: FlowDocument): Promise<FlowEngine> {
    if (this.#engines.has(document.flow.id)) {
      throw new Error(`A flow with id '${document.flow.id}' already exists`);
    }
    await this.store.save(document);
    return this.#openEngine(document);
  }

  /**
   * Applies the document `build` makes from the current one, then saves it. Edits of one flow
   * run one after another, so each builds on the last.
   */
  edit(flowId: string, build: (current: FlowDocument) => FlowDocument): Promise<EditResult> {
    return this.#serialized(flowId, async () => {
      const engine = this.#engine(flowId);
      const next = build(engine.document);
      const result = await engine.applyFlow(next);
      if (!result.ok) return result;
      await this.#save(engine);
      return { ok: true, document: engine.document };
    });
  }

  /** Runs an action on a flow's engine (start, stop...) and saves the run states it leaves. */
  act<T>(flowId: string, action: (engine: FlowEngine) => Promise<T>): Promise<T> {
    return this.#serialized(flowId, async () => {
      const engine = this.#engine(flowId);
      const result = await action(engine);
      await this.#save(engine);
      return result;
    });
  }

  /** Deletes a flow: refused while a processor runs or a queue holds flowfiles. */
  delete(flowId: string): Promise<EditResult> {
    return this.#serialized(flowId, async () => {
      const engine = this.#engine(flowId);
      const reasons: string[] = [];
      const running = engine.processorStatus().filter((p) => p.state === 'RUNNING');
      if (running.length > 0) {
        reasons.push(
          `Flow '${engine.document.flow.name}' has running processors (${running.map((p) => p.name).join(', ')}); stop them before deleting it`,
        );
      }
      const queued = engine.connectionStatus().reduce((n, c) => n + c.queued.count, 0);
      if (queued > 0) {
        reasons.push(
          `Flow '${engine.document.flow.name}' holds ${queued} queued flowfiles; empty its queues before deleting it`,
        );
      }
      if (reasons.length > 0) return { ok: false, reasons };
      const document = engine.document;
      await engine.close();
      this.#engines.delete(flowId);
      await this.store.remove(flowId);
      await rm(this.#repositories(flowId), { recursive: true, force: true });
      return { ok: true, document };
    });
  }

  /** Closes every engine (run states stay as saved, so running flows start again on the next open). */
  async close(): Promise<void> {
    await Promise.all([...this.#engines.values()].map((engine) => engine.close()));
    this.#engines.clear();
  }

  async #openEngine(document: FlowDocument): Promise<FlowEngine> {
    const engine = await FlowEngine.open({
      dataDir: this.#repositories(document.flow.id),
      document,
      registry: this.options.registry,
      ...(this.options.fsync ? { fsync: this.options.fsync } : {}),
      ...(this.options.parameterValues ? { parameterValues: this.options.parameterValues } : {}),
      autoStart: this.options.autoStart ?? true,
      ...(this.options.statusIntervalMs ? { statusIntervalMs: this.options.statusIntervalMs } : {}),
    });
    this.#engines.set(document.flow.id, engine);
    for (const listener of this.#openListeners) listener(engine);
    return engine;
  }

  /** A flow's document with each processor's and service's live state: what is saved and exported. */
  static withRunStates(engine: FlowEngine): FlowDocument {
    const { flow } = engine.document;
    return {
      ...engine.document,
      flow: {
        ...flow,
        processors: flow.processors.map((p) => ({
          ...p,
          state: engine.processors.get(p.id)?.state ?? p.state,
        })),
        controllerServices: flow.controllerServices.map((s) => {
          const state = engine.controllerServices.get(s.id)?.state;
          if (state === undefined) return s;
          return {
            ...s,
            state: state === 'ENABLED' || state === 'ENABLING' ? 'ENABLED' : 'DISABLED',
          };
        }),
      },
    };
  }

  /** Saves the document with each processor's live run state, so a restart resumes it. */
  async #save(engine: FlowEngine): Promise<void> {
    await this.store.save(FlowWorkspace.withRunStates(engine));
  }

  #repositories(flowId: string): string {
    if (!FlowStore.isSafeId(flowId)) throw new Error(`Flow id '${flowId}' is not a safe name`);
    return path.join(this.options.dataDir, 'repositories', flowId);
  }

  #engine(flowId: string): FlowEngine {
    const engine = this.#engines.get(flowId);
    if (!engine) throw new UnknownFlowError(flowId);
    return engine;
  }

  #serialized<T>(flowId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(flowId) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.#locks.set(
      flowId,
      next.catch(() => undefined),
    );
    return next;
  }
}

/** Thrown when a flow id names no flow. */
export class UnknownFlowError extends Error {
  constructor(readonly flowId: string) {
    super(`No flow with id '${flowId}'`);
    this.name = 'UnknownFlowError';
  }
}
