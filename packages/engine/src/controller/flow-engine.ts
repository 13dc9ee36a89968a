import path from 'node:path';
import type { ControllerServiceConfig, FlowDocument, ProcessorConfig } from '@sluice/flow-schema';
import { BulletinBoard } from '../bulletins/bulletin-board.js';
import { maskSecrets, sensitiveValues } from './sensitive-values.js';
import { ContentRepository } from '../content/content-repository.js';
import { EngineEvents } from '../events/engine-events.js';
import type { FlowFile } from '../flowfile/flowfile.js';
import type { ProcessorRegistry } from '../processor/processor-registry.js';
import { ProvenanceRepository } from '../provenance/provenance-repository.js';
import {
  ConnectionQueue,
  DEFAULT_QUEUE_SETTINGS,
  type QueueSettings,
} from '../queue/connection-queue.js';
import { FlowFileRepository } from '../repository/flowfile-repository.js';
import type { QueueListingPage, QueueListingQuery } from '../queue/listing/listing-query.js';
import { QueueLister, type QueuedFlowFile } from '../queue/listing/queue-lister.js';
import type { FsyncPolicy } from '../repository/fsync-policy.js';
import type { ComponentStateStore } from '../session/session-environment.js';
import { StatusHistory } from '../stats/status-history.js';
import { StatusHistoryFile } from '../stats/status-history-file.js';
import { StandardProcessSession } from '../session/standard-process-session.js';
import { checkFlowEdit } from './check-flow-edit.js';
import type { ConnectionStatus, ProcessorStatus } from './component-status.js';
import { ProcessorNode, type NodeServices, type StartResult } from './processor-node.js';
import { settingsOf } from './queue-settings.js';
import { RepositoryAlerts } from './repository-alerts.js';
import { asOutOfSpace } from '../repository/out-of-space.js';
import { ControllerServiceNode } from '../service/controller-service-node.js';
import { serviceLookup } from '../service/service-lookup.js';
import { unknownControllerService, unknownProcessor } from './unknown-processor.js';

/** How to open an engine on a flow. */
export interface FlowEngineOptions {
  /** Root of the repositories: content/, flowfile/, provenance/, bulletins/. */
  readonly dataDir: string;
  readonly document: FlowDocument;
  readonly registry: ProcessorRegistry;
  readonly fsync?: FsyncPolicy;
  /** Overrides of queue defaults (swap threshold and batch, mostly for tests and benchmarks). */
  readonly queueDefaults?: Partial<Pick<QueueSettings, 'swapThreshold' | 'swapBatch'>>;
  /** Values of parameters supplied at runtime (sensitive ones never live in flow JSON). */
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** Start the processors whose saved state is RUNNING (default true). */
  readonly autoStart?: boolean;
  /** How often a status-history point is recorded (default 60 s, as NiFi; tests use less). */
  readonly statusIntervalMs?: number;
  /**
   * Unwritten provenance events beyond which commits wait for the provenance writer (default
   * 100,000; see ProvenanceRepository.room).
   */
  readonly provenanceMaxQueuedEvents?: number;
}

/**
 * A running flow: the repositories, the connection queues and the processor nodes of one flow
 * document. Opening it replays the flowfile repository, so every queue comes back exactly as it
 * was at the last commit, and deletes content nothing references.
 */
export class FlowEngine {
  readonly events = new EngineEvents();
  readonly processors = new Map<string, ProcessorNode>();
  readonly connections = new Map<string, ConnectionQueue>();
  readonly controllerServices = new Map<string, ControllerServiceNode>();
  readonly counters = new Map<string, number>();
  /** One point a minute per processor and connection, kept for 24 hours. */
  readonly statusHistory = new StatusHistory();
  #statusTimer: NodeJS.Timeout | undefined;
  /** Where the status history is kept, so it survives a restart. */
  #historyFile: StatusHistoryFile | undefined;
  readonly #states = new Map<string, Readonly<Record<string, string>>>();
  #closed = false;
  #document: FlowDocument;
  #secrets: readonly string[] = [];
  readonly #nodeServices: NodeServices;
  /** Repository failures in the background (swaps included), posted at most once a minute each. */
  #alerts = new RepositoryAlerts();

  private constructor(
    document: FlowDocument,
    readonly content: ContentRepository,
    readonly flowFiles: FlowFileRepository,
    readonly provenance: ProvenanceRepository,
    readonly bulletins: BulletinBoard,
    private readonly options: FlowEngineOptions,
  ) {
    this.#document = document;
    this.#nodeServices = this.#services();
    this.#secrets = sensitiveValues(document, options.registry, options.parameterValues);
    bulletins.redactWith((message) => maskSecrets(message, this.#secrets));
  }

  /** The flow's secrets (sensitive property and parameter values), longest first. */
  get secretValues(): readonly string[] {
    return this.#secrets;
  }

  /** The flow this engine runs, as last applied. */
  get document(): FlowDocument {
    return this.#document;
  }

  /**
   * Applies an edited flow to the running engine, as the editor does on every change: new
   * processors and connections appear, removed ones go, changed settings take effect. Refused,
   * with every reason and nothing changed, when an edit would lose data or pull the rug from a
   * running processor: removing a connection that holds flowfiles, removing or reconfiguring a
   * running processor, or rewiring a connection whose ends are running (NiFi's rules).
   */
  async applyFlow(next: FlowDocument): Promise<StartResult> {
    const reasons = checkFlowEdit(
      this.#document,
      next,
      this.processors,
      this.connections,
      this.controllerServices,
    );
    if (reasons.length > 0) return { ok: false, reasons };
    const nextProcessors = new Map(next.flow.processors.map((p) => [p.id, p]));
    const nextConnections = new Map(next.flow.connections.map((c) => [c.id, c]));
    const defaults = { ...DEFAULT_QUEUE_SETTINGS, ...this.options.queueDefaults };
    for (const id of [...this.processors.keys()]) {
      if (!nextProcessors.has(id)) this.processors.delete(id);
    }
    for (const [id, queue] of [...this.connections]) {
      if (!nextConnections.has(id)) {
        await queue.close();
        this.connections.delete(id);
        this.#lister?.forget(id);
      }
    }
    const nextServices = new Set(next.flow.controllerServices.map((s) => s.id));
    for (const id of [...this.controllerServices.keys()]) {
      if (!nextServices.has(id)) this.controllerServices.delete(id);
    }
    this.#document = next;
    this.#secrets = sensitiveValues(next, this.options.registry, this.options.parameterValues);
    for (const config of next.flow.controllerServices) {
      const node = this.controllerServices.get(config.id);
      if (!node || node.config.type !== config.type)
        this.controllerServices.set(config.id, this.#createServiceNode(config));
      else node.config = config;
    }
    for (const config of next.flow.processors) {
      const node = this.processors.get(config.id);
      if (!node) this.processors.set(config.id, this.#createNode(config));
      else node.config = config;
    }
    for (const connection of next.flow.connections) {
      const queue = this.connections.get(connection.id);
      const settings = settingsOf(connection, defaults);
      if (!queue)
        this.connections.set(
          connection.id,
          new ConnectionQueue(connection.id, settings, this.flowFiles),
        );
      else queue.updateSettings(settings);
    }
    this.#rewire();
    for (const node of this.processors.values()) node.wake();
    return { ok: true };
  }

  /** Opens the repositories under `dataDir`, restores the queues, and starts RUNNING processors. */
  static async open(options: FlowEngineOptions): Promise<FlowEngine> {
    const fsync = options.fsync ?? 'batch';
    const dir = options.dataDir;
    const alerts = new RepositoryAlerts();
    const contentDir = path.join(dir, 'content');
    const flowFileDir = path.join(dir, 'flowfile');
    const provenanceDir = path.join(dir, 'provenance');
    const content = await ContentRepository.open(contentDir, {
      fsync,
      onError: alerts.reporter('content repository', contentDir),
    });
    const flowFiles = await FlowFileRepository.open(flowFileDir, {
      fsync,
      onError: alerts.reporter('flowfile repository', flowFileDir),
    });
    const provenance = await ProvenanceRepository.open(provenanceDir, {
      onError: alerts.reporter('provenance repository', provenanceDir),
      ...(options.provenanceMaxQueuedEvents !== undefined
        ? { maxQueuedEvents: options.provenanceMaxQueuedEvents }
        : {}),
    });
    const bulletins = await BulletinBoard.open(path.join(dir, 'bulletins'));
    const engine = new FlowEngine(
      options.document,
      content,
      flowFiles,
      provenance,
      bulletins,
      options,
    );
    alerts.attach((message) => engine.#systemBulletin(message, 'ERROR'));
    engine.#alerts = alerts;
    await engine.#restore();
    engine.#wire();
    engine.#historyFile = await StatusHistoryFile.open(
      path.join(dir, 'status-history'),
      engine.statusHistory,
    );
    engine.#statusTimer = setInterval(() => engine.recordStatus(), engine.statusIntervalMs);
    engine.#statusTimer.unref();
    if (options.autoStart ?? true) {
      for (const service of options.document.flow.controllerServices) {
        if (service.state !== 'ENABLED') continue;
        const result = await engine.enableService(service.id);
        if (!result.ok) {
          engine.#systemBulletin(
            `Controller service '${service.name}' (${service.id}) was saved enabled but cannot be enabled: ${result.reasons.join('; ')}`,
          );
        }
      }
      for (const processor of options.document.flow.processors) {
        if (processor.state !== 'RUNNING') continue;
        const result = await engine.start(processor.id);
        if (!result.ok) {
          engine.#systemBulletin(
            `Processor '${processor.name}' (${processor.id}) was saved running but cannot start: ${result.reasons.join('; ')}`,
          );
        }
      }
    }
    return engine;
  }

  /** Starts a processor, or says why it cannot. */
  start(processorId: string): Promise<StartResult> {
    return this.#node(processorId).start();
  }

  stop(processorId: string): Promise<void> {
    return this.#node(processorId).stop();
  }

  runOnce(processorId: string): Promise<StartResult> {
    return this.#node(processorId).runOnce();
  }

  /** Enables a controller service, or says why it cannot. */
  enableService(serviceId: string): Promise<StartResult> {
    return this.#serviceNode(serviceId).enable();
  }

  /**
   * Disables a controller service. Refused while a running processor uses it, as in NiFi: the
   * operator stops those first, so no task loses its client mid-flight.
   */
  async disableService(serviceId: string): Promise<StartResult> {
    const node = this.#serviceNode(serviceId);
    const users = this.serviceUsers(serviceId).filter((p) => p.state === 'RUNNING');
    if (users.length > 0) {
      return {
        ok: false,
        reasons: users.map(
          (p) =>
            `Processor '${p.config.name}' is running and uses '${node.config.name}'; stop it first`,
        ),
      };
    }
    await node.disable();
    return { ok: true };
  }

  /** The processors whose properties refer to a controller service. */
  serviceUsers(serviceId: string): ProcessorNode[] {
    return [...this.processors.values()].filter((p) => p.serviceReferences().includes(serviceId));
  }

  /** Starts every processor that is stopped; returns the refusals by processor id. */
  async startAll(): Promise<Map<string, readonly string[]>> {
    const refused = new Map<string, readonly string[]>();
    for (const node of this.processors.values()) {
      if (node.state !== 'STOPPED') continue;
      const result = await node.start();
      if (!result.ok) refused.set(node.id, result.reasons);
    }
    return refused;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.processors.values()].map((n) => n.stop()));
  }

  processorStatus(): ProcessorStatus[] {
    return [...this.processors.values()].map((node) => ({
      id: node.id,
      name: node.config.name,
      type: node.definition.type,
      state: node.state,
      activeTasks: node.activeTasks,
      backPressured: node.isBackPressured(),
      validationErrors: node.validate().map((i) => i.message),
      stats: node.stats.total(),
    }));
  }

  connectionStatus(): ConnectionStatus[] {
    return [...this.connections.values()].map((queue) => ({
      id: queue.id,
      queued: queue.size(),
      swapped: queue.swappedCount(),
      full: queue.isFull(),
      stats: queue.stats.total(),
    }));
  }

  /** Flowfiles queued in memory in a connection, in priority order. */
  listQueue(connectionId: string, offset = 0, limit = 100): FlowFile[] {
    return this.#queue(connectionId).list(offset, limit);
  }

  /** Reads the content of a queued flowfile (streamed). */
  readContent(flowFile: FlowFile): AsyncIterable<Buffer> {
    return flowFile.claim ? this.content.read(flowFile.claim) : (async function* () {})();
  }

  #lister: QueueLister | undefined;

  /**
   * A page of what a connection holds, swapped flowfiles included, sorted and filtered (the
   * queue inspector). Swap files are only read; the queue's order and records are untouched.
   */
  listQueuePage(connectionId: string, query: QueueListingQuery): Promise<QueueListingPage> {
    this.#lister ??= new QueueLister(this.flowFiles);
    return this.#lister.list(this.#queue(connectionId), query);
  }

  /** A flowfile queued in a connection, with its position; undefined once it has left. */
  findQueued(connectionId: string, flowFileId: string): Promise<QueuedFlowFile | undefined> {
    this.#lister ??= new QueueLister(this.flowFiles);
    return this.#lister.find(this.#queue(connectionId), flowFileId);
  }

  /** Reads bytes `start` (inclusive) to `end` (exclusive) of a flowfile's content (streamed). */
  readContentRange(flowFile: FlowFile, start: number, end: number): AsyncIterable<Buffer> {
    if (!flowFile.claim || end <= start) return (async function* () {})();
    return this.content.read(flowFile.claim, { start, end });
  }

  /** True when no processor has a task running and every queue is empty. */
  isQuiescent(): boolean {
    for (const node of this.processors.values()) if (node.activeTasks > 0) return false;
    for (const queue of this.connections.values()) if (!queue.isEmpty()) return false;
    return true;
  }

  /**
   * Drops every flowfile queued in a connection (NiFi's "Empty queue"), swapped ones included,
   * each with a DROP provenance event, in committed sessions. Flowfiles a running processor has
   * already taken are not queued any more and stay with it. Returns how many were dropped.
   */
  async emptyQueue(connectionId: string): Promise<number> {
    const queue = this.#queue(connectionId);
    const connection = this.#document.flow.connections.find((c) => c.id === connectionId);
    let dropped = 0;
    for (let idle = 0; idle < 200;) {
      const session = new StandardProcessSession({
        ...this.#nodeServices.session,
        component: { id: connectionId, type: 'Connection', name: connection?.name ?? connectionId },
        incoming: [queue],
        target: () => undefined,
        penaltyMs: 0,
        onCommitted: () => {},
      });
      const batch = session.get(10_000);
      for (const flowFile of batch) session.remove(flowFile);
      await session.commit();
      dropped += batch.length;
      if (batch.length > 0) {
        idle = 0;
        continue;
      }
      if (queue.swappedCount() === 0) break;
      // Swapped records come back into memory in the background as the queue drains.
      idle++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return dropped;
  }

  /** How often a status-history point is recorded, in milliseconds. */
  get statusIntervalMs(): number {
    return this.options.statusIntervalMs ?? 60_000;
  }

  /**
   * Adds a status-history point for every processor and connection (called every
   * {@link statusIntervalMs}) and appends it to the history file.
   */
  recordStatus(time = Date.now()): void {
    const points = new Map<string, Record<string, number>>();
    for (const status of this.processorStatus()) points.set(status.id, { ...status.stats });
    for (const status of this.connectionStatus()) {
      points.set(status.id, {
        queuedCount: status.queued.count,
        queuedBytes: status.queued.bytes,
        ...status.stats,
      });
    }
    for (const [id, values] of points) this.statusHistory.record(id, { time, values });
    this.#historyFile?.append(time, points);
  }

  /** Committed component state of a processor. */
  state(componentId: string): Readonly<Record<string, string>> | undefined {
    return this.#states.get(componentId);
  }

  /**
   * Stops scheduling (the saved run states are kept), waits for tasks, and closes the
   * repositories. Every step runs even when one before it failed (on a full disk, say), so no
   * repository is left open; the first failure is thrown at the end.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#statusTimer);
    this.#lister?.close();
    const failures: unknown[] = [];
    const step = async (run: () => Promise<unknown>): Promise<void> => {
      try {
        await run();
      } catch (error) {
        failures.push(error);
      }
    };
    await step(() => Promise.all([...this.processors.values()].map((n) => n.stop())));
    await step(() => Promise.all([...this.controllerServices.values()].map((s) => s.disable())));
    await step(() => Promise.all([...this.connections.values()].map((q) => q.close())));
    await step(() => this.provenance.close());
    await step(() => this.bulletins.flush());
    await step(async () => this.#historyFile?.flush());
    await step(() => this.flowFiles.close());
    await step(() => this.content.close());
    if (failures.length > 0) throw failures[0];
  }

  async #restore(): Promise<void> {
    const recovered = await this.flowFiles.recover();
    const defaults = { ...DEFAULT_QUEUE_SETTINGS, ...this.options.queueDefaults };
    for (const connection of this.document.flow.connections) {
      this.connections.set(
        connection.id,
        new ConnectionQueue(connection.id, settingsOf(connection, defaults), this.flowFiles),
      );
    }
    const references = new Map<string, number>();
    const count = (file: string, n: number) =>
      references.set(file, (references.get(file) ?? 0) + n);
    const queueIds = new Set([...recovered.queues.keys(), ...recovered.swapFiles.keys()]);
    for (const queueId of queueIds) {
      const flowFiles = recovered.queues.get(queueId) ?? [];
      const swapFiles = recovered.swapFiles.get(queueId) ?? [];
      for (const flowFile of flowFiles) if (flowFile.claim) count(flowFile.claim.file, 1);
      for (const swap of swapFiles)
        for (const [file, n] of Object.entries(swap.claimReferences)) count(file, n);
      let queue = this.connections.get(queueId);
      if (!queue) {
        // The flow no longer has this connection; keep its flowfiles rather than lose them.
        queue = new ConnectionQueue(queueId, defaults, this.flowFiles);
        this.connections.set(queueId, queue);
        this.#systemBulletin(
          `Connection ${queueId} is not in the flow but holds ${flowFiles.length} flowfiles; they are kept`,
        );
      }
      queue.restore(flowFiles, swapFiles);
    }
    for (const [component, state] of recovered.states) this.#states.set(component, state);
    await this.content.initializeReferences(references);
  }

  /** Parameter lookup through the current document's context, then runtime-supplied values. */
  #parameterContext() {
    const { flow } = this.#document;
    return flow.parameterContexts.find((c) => c.id === flow.parameterContextId);
  }

  #services(): NodeServices {
    const states: ComponentStateStore = {
      get: (id) => this.#states.get(id),
      set: (id, state) => (state ? this.#states.set(id, state) : this.#states.delete(id)),
    };
    return {
      session: {
        fsync: this.options.fsync ?? 'batch',
        content: this.content,
        wal: this.flowFiles,
        provenance: this.provenance,
        states,
        now: () => Date.now(),
      },
      bulletins: this.bulletins,
      events: this.events,
      parameter: (name) =>
        this.options.parameterValues?.[name] ??
        this.#parameterContext()?.parameters.find((p) => p.name === name)?.value,
      parameterExists: (name) =>
        this.options.parameterValues?.[name] !== undefined ||
        !!this.#parameterContext()?.parameters.some((p) => p.name === name),
      serviceSummary: serviceLookup(this.controllerServices),
      service: (id, api) => {
        const node = this.controllerServices.get(id);
        if (!node) throw new Error(`No controller service with id '${id}'`);
        if (node.provides !== api)
          throw new Error(`Controller service '${node.config.name}' does not provide ${api}`);
        return node.instance();
      },
      onCounters: (deltas) => {
        for (const [name, delta] of deltas) {
          this.counters.set(name, (this.counters.get(name) ?? 0) + delta);
        }
      },
    };
  }

  #createServiceNode(config: ControllerServiceConfig): ControllerServiceNode {
    const definition = this.options.registry.service(config.type);
    const problem = definition ? undefined : `Unknown controller service type '${config.type}'`;
    return new ControllerServiceNode(
      config,
      definition ?? unknownControllerService(config.type),
      this.#nodeServices,
      problem,
    );
  }

  #createNode(config: ProcessorConfig): ProcessorNode {
    const definition = this.options.registry.get(config.type);
    const problem = definition ? undefined : `Unknown processor type '${config.type}'`;
    return new ProcessorNode(
      config,
      definition ?? unknownProcessor(config.type),
      this.#nodeServices,
      problem,
    );
  }

  #wire(): void {
    for (const config of this.#document.flow.controllerServices) {
      this.controllerServices.set(config.id, this.#createServiceNode(config));
    }
    for (const config of this.#document.flow.processors) {
      this.processors.set(config.id, this.#createNode(config));
    }
    this.#rewire();
  }

  /**
   * Rebuilds every processor's incoming and outgoing queues from the current document. The
   * arrays are changed in place, so sessions holding them see the new wiring.
   */
  #rewire(): void {
    for (const node of this.processors.values()) {
      node.incoming.length = 0;
      node.outgoing.clear();
    }
    for (const connection of this.#document.flow.connections) {
      const queue = this.connections.get(connection.id)!;
      const source = this.processors.get(connection.source.id);
      const destination = this.processors.get(connection.destination.id);
      if (!source || !destination) continue;
      destination.incoming.push(queue);
      for (const relationship of connection.relationships) {
        const list = source.outgoing.get(relationship) ?? [];
        list.push(queue);
        source.outgoing.set(relationship, list);
      }
      queue.onEnqueue = () => destination.wake();
      queue.onSpace = () => source.wake();
      // A swap is retried every second: on a full disk that would be a bulletin a second.
      queue.onError = (error) => {
        const swapDir = path.join(this.options.dataDir, 'flowfile', 'swap');
        const named = asOutOfSpace('flowfile repository', swapDir, error) as Error;
        this.#alerts.report(`Connection ${connection.id}: swap failed: ${named.message}`);
      };
    }
  }

  #node(id: string): ProcessorNode {
    const node = this.processors.get(id);
    if (!node) throw new Error(`No processor with id '${id}' in flow '${this.document.flow.name}'`);
    return node;
  }

  #serviceNode(id: string): ControllerServiceNode {
    const node = this.controllerServices.get(id);
    if (!node)
      throw new Error(`No controller service with id '${id}' in flow '${this.document.flow.name}'`);
    return node;
  }

  #queue(id: string): ConnectionQueue {
    const queue = this.connections.get(id);
    if (!queue)
      throw new Error(`No connection with id '${id}' in flow '${this.document.flow.name}'`);
    return queue;
  }

  #systemBulletin(message: string, level: 'WARN' | 'ERROR' = 'WARN'): void {
    const bulletin = this.bulletins.post({
      level,
      componentId: 'flow',
      componentName: this.document.flow.name,
      componentType: 'Flow',
      message,
    });
    this.events.emit({ type: 'bulletin', bulletin });
  }
}
