import { parseDuration, type ProcessorConfig } from '@sluice/flow-schema';
import { Cron } from 'croner';
import type { BulletinBoard } from '../bulletins/bulletin-board.js';
import type { EngineEvents, RunState } from '../events/engine-events.js';
import type { FlowFile } from '../flowfile/flowfile.js';
import type { ComponentLog, LogLevel } from '../processor/process-context.js';
import {
  relationshipsOf,
  type AnyProcessorDefinition,
  type ValidationIssue,
} from '../processor/processor-definition.js';
import { StandardProcessContext } from '../processor/standard-process-context.js';
import { validateProperties, type ServiceLookup } from '../processor/validate-properties.js';
import type { ConnectionQueue } from '../queue/connection-queue.js';
import { isOutOfSpace, OutOfSpaceError } from '../repository/out-of-space.js';
import type { SessionEnvironment } from '../session/session-environment.js';
import { StandardProcessSession } from '../session/standard-process-session.js';
import { processorWindow } from '../stats/component-stats.js';

/** Engine services a processor node uses; shared by all nodes of a flow. */
export interface NodeServices {
  readonly session: Omit<
    SessionEnvironment,
    'component' | 'incoming' | 'target' | 'penaltyMs' | 'onCommitted'
  >;
  readonly bulletins: BulletinBoard;
  readonly events: EngineEvents;
  parameter(name: string): string | undefined;
  parameterExists(name: string): boolean;
  /** Controller services of the flow, for validating references. */
  serviceSummary: ServiceLookup;
  /** The enabled instance of a controller service providing `api`; throws a readable error. */
  service(id: string, api: string): unknown;
  onCounters(counters: ReadonlyMap<string, number>): void;
}

/** Outcome of a start request: refused starts say why, one reason per line a person can act on. */
export type StartResult =
  { readonly ok: true } | { readonly ok: false; readonly reasons: readonly string[] };

/** NiFi's bored yield: a processor that found no work waits this long before it is tried again. */
const BORED_YIELD_MS = 10;

const LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/**
 * One processor of a running flow: its configuration, its connections, and its scheduling. It is
 * triggered only when running, when it has work (a pollable incoming flowfile, or it is a source),
 * when no outgoing queue is full, and when its run schedule, cron, yield and concurrency allow.
 */
export class ProcessorNode {
  readonly incoming: ConnectionQueue[] = [];
  readonly outgoing = new Map<string, ConnectionQueue[]>();
  readonly stats = processorWindow();
  #state: RunState;
  #active = new Set<Promise<void>>();
  #wakeScheduled = false;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = 0;
  #cron: Cron | undefined;
  #cronDue = false;
  #yieldUntil = 0;
  #lastTrigger = 0;
  #abort = new AbortController();
  #context: StandardProcessContext | undefined;
  #scheduled: unknown;
  /** The last pipelined commit, still becoming durable; settles, never rejects. */
  #pendingCommit: Promise<void> = Promise.resolve();
  /** What the pending commit sends to each relationship, until it is applied. */
  #pendingTransfers: ReadonlyMap<string, { count: number; bytes: number }> = new Map();
  /** Until when a full disk, already bulletined, is not bulletined again (the yield it caused). */
  #outOfSpaceQuietUntil = 0;

  constructor(
    public config: ProcessorConfig,
    readonly definition: AnyProcessorDefinition,
    private readonly services: NodeServices,
    /** Set when the type is unknown: the node exists so the flow loads, but it can never start. */
    readonly loadProblem?: string,
  ) {
    this.#state = config.state === 'DISABLED' ? 'DISABLED' : 'STOPPED';
  }

  get id(): string {
    return this.config.id;
  }

  get state(): RunState {
    return this.#state;
  }

  /** Number of tasks running now. */
  get activeTasks(): number {
    return this.#active.size;
  }

  /** Ids of the controller services this processor's properties refer to. */
  serviceReferences(): string[] {
    return Object.entries(this.definition.properties)
      .filter(([, descriptor]) => descriptor.kind === 'service')
      .map(([key]) => this.config.properties[key]?.trim())
      .filter((id): id is string => !!id);
  }

  /** All relationships of the configured processor (declared and dynamic). */
  relationships(): string[] {
    return relationshipsOf(this.definition, this.config.properties);
  }

  /** Everything that keeps this processor from starting, as NiFi's validation errors. */
  validate(): ValidationIssue[] {
    if (this.loadProblem) return [{ message: this.loadProblem }];
    const issues = validateProperties(
      this.definition,
      this.config.properties,
      (n) => this.services.parameterExists(n),
      this.services.serviceSummary,
      this.config.sensitiveDynamicProperties,
    );
    const autoTerminated = new Set(this.config.autoTerminatedRelationships);
    for (const relationship of this.relationships()) {
      if (!this.outgoing.get(relationship)?.length && !autoTerminated.has(relationship)) {
        issues.push({
          message: `Relationship '${relationship}' is not connected to any component and is not auto-terminated`,
        });
      }
    }
    if (this.definition.inputRequirement === 'required' && this.incoming.length === 0) {
      issues.push({ message: `${this.definition.type} requires an incoming connection` });
    }
    if (this.definition.inputRequirement === 'forbidden' && this.incoming.length > 0) {
      issues.push({ message: `${this.definition.type} does not accept incoming connections` });
    }
    try {
      this.#scheduling();
    } catch (error) {
      issues.push({
        message: `Scheduling: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    return issues;
  }

  /** Starts the processor, or says why it cannot start. */
  async start(): Promise<StartResult> {
    if (this.#state === 'RUNNING') return { ok: true };
    if (this.#state === 'DISABLED')
      return { ok: false, reasons: ['The processor is disabled; enable it first'] };
    const prepared = await this.#prepare();
    if (!prepared.ok) return prepared;
    this.#setState('RUNNING');
    const { strategy, cron } = this.#scheduling();
    if (strategy === 'CRON_DRIVEN' && cron) {
      this.#cron = new Cron(cron, () => {
        this.#cronDue = true;
        this.wake();
      });
    }
    this.wake();
    return { ok: true };
  }

  /** Stops scheduling and waits for running tasks to finish (their sessions commit or roll back). */
  async stop(): Promise<void> {
    if (this.#state !== 'RUNNING') return;
    this.#setState('STOPPED');
    this.#clearTimers();
    this.#abort.abort();
    await Promise.allSettled([...this.#active]);
    await this.#pendingCommit;
    await this.#release();
  }

  /** Runs one task while stopped (NiFi's "Run Once"). */
  async runOnce(): Promise<StartResult> {
    if (this.#state !== 'STOPPED')
      return {
        ok: false,
        reasons: [`The processor is ${this.#state.toLowerCase()}; run once needs it stopped`],
      };
    const prepared = await this.#prepare();
    if (!prepared.ok) return prepared;
    try {
      await this.#runTask();
    } finally {
      await this.#release();
    }
    return { ok: true };
  }

  enable(): void {
    if (this.#state === 'DISABLED') this.#setState('STOPPED');
  }

  async disable(): Promise<void> {
    await this.stop();
    this.#setState('DISABLED');
  }

  /** Asks the scheduler to consider triggering; cheap and idempotent. */
  wake(): void {
    if (this.#wakeScheduled || this.#state !== 'RUNNING') return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      this.#tick();
    });
  }

  /** True when an outgoing queue is full: the processor must not run (back-pressure). */
  isBackPressured(): boolean {
    for (const queues of this.outgoing.values())
      for (const q of queues) if (q.isFull()) return true;
    return false;
  }

  #tick(): void {
    while (this.#state === 'RUNNING' && this.#active.size < this.#concurrentTasks()) {
      const decision = this.#decide(Date.now());
      if (decision === 'idle') return;
      if (typeof decision === 'number') {
        this.#wakeAt(decision);
        return;
      }
      this.#startTask();
    }
  }

  /** 'go', 'idle' (something else will wake us), or the time to look again. */
  #decide(now: number): 'go' | 'idle' | number {
    if (now < this.#yieldUntil) return this.#yieldUntil;
    if (this.isBackPressured()) return 'idle';
    const { strategy, period } = this.#scheduling();
    if (strategy === 'CRON_DRIVEN') {
      if (!this.#cronDue) return 'idle';
    } else if (period > 0 && now - this.#lastTrigger < period) {
      return this.#lastTrigger + period;
    }
    if (this.incoming.length === 0) return 'go';
    if (this.incoming.some((q) => q.hasPollable(now))) return 'go';
    const releases = this.incoming
      .map((q) => q.nextPenaltyRelease())
      .filter((t): t is number => t !== undefined);
    return releases.length > 0 ? Math.min(...releases) : 'idle';
  }

  #startTask(): void {
    this.#cronDue = false;
    const task = this.#runTask().finally(() => {
      this.#active.delete(task);
      this.wake();
    });
    this.#active.add(task);
  }

  async #runTask(): Promise<void> {
    const context = this.#context!;
    const started = Date.now();
    this.#lastTrigger = started;
    const session = new StandardProcessSession(this.#sessionEnvironment());
    try {
      await this.definition.onTrigger(context, session, this.#scheduled);
      if (!session.didWork && this.incoming.length === 0) {
        this.#yieldUntil = Math.max(this.#yieldUntil, Date.now() + BORED_YIELD_MS);
      }
      if (session.isOpen) {
        const transfers = session.transfers();
        const pipelined = this.#pipelines(session, transfers);
        const committing = session.commit();
        if (pipelined) {
          // The next task runs while this commit becomes durable (its fsync), instead of
          // waiting for it; commits still apply in order (see SessionEnvironment.previousCommit),
          // and at most one is pending.
          const previous = this.#pendingCommit;
          this.#pendingTransfers = transfers;
          this.#pendingCommit = committing
            .catch((error: unknown) => this.#failed(error))
            .finally(() => {
              if (this.#pendingTransfers === transfers) this.#pendingTransfers = new Map();
            });
          await previous;
        } else {
          await committing;
        }
      }
    } catch (error) {
      // A full disk is no fault of the flowfiles: they are retried as soon as the yield ends.
      if (session.isOpen) session.rollback({ penalize: !isOutOfSpace(error) });
      this.#failed(error);
    } finally {
      this.stats.add({ tasks: 1, taskMillis: Date.now() - started });
    }
  }

  /**
   * Whether a session's commit may finish after its task: only for a processor running one task
   * at a time (several tasks already overlap, and order is not theirs to keep), only while
   * running (Run Once returns after the commit), not when the session sets state, which the
   * next session must read, and not when its flowfiles fill an outgoing queue: the next trigger
   * is decided on the queues as they will be, so back-pressure stops the processor exactly as if
   * it had waited.
   */
  #pipelines(
    session: StandardProcessSession,
    transfers: ReadonlyMap<string, { count: number; bytes: number }>,
  ): boolean {
    if (this.#concurrentTasks() !== 1 || this.#state !== 'RUNNING' || session.setsState) {
      return false;
    }
    for (const [relationship, { count, bytes }] of transfers) {
      // The commit before may not be applied yet: its flowfiles count too.
      const pending = this.#pendingTransfers.get(relationship) ?? { count: 0, bytes: 0 };
      for (const queue of this.outgoing.get(relationship) ?? []) {
        if (queue.isFullWith(count + pending.count, bytes + pending.bytes)) return false;
      }
    }
    return true;
  }

  /** How many tasks may run at once: one for a processor that must be triggered serially. */
  #concurrentTasks(): number {
    return this.definition.triggerSerially ? 1 : this.config.scheduling.concurrentTasks;
  }

  /**
   * A task's session was rolled back: says why, and the processor yields. A full repository disk
   * is said once per yield, not once per session: a pipelined commit and the task after it fail
   * together, and a processor with concurrent tasks would otherwise post one bulletin per task.
   */
  #failed(error: unknown): void {
    const now = Date.now();
    const yieldMs = parseDuration(this.config.scheduling.yieldDuration);
    this.#yieldUntil = Math.max(this.#yieldUntil, now + yieldMs);
    let message = error instanceof Error ? error.message : String(error);
    if (error instanceof OutOfSpaceError) {
      if (now < this.#outOfSpaceQuietUntil) return;
      this.#outOfSpaceQuietUntil = this.#yieldUntil;
      message = error.forComponent(this.config.name);
    }
    this.#log(
      'ERROR',
      `${message}; the session was rolled back and the processor yields for ${this.config.scheduling.yieldDuration}`,
    );
  }

  #sessionEnvironment(): SessionEnvironment {
    return {
      previousCommit: () => this.#pendingCommit,
      ...this.services.session,
      component: { id: this.id, type: this.definition.type, name: this.config.name },
      incoming: this.incoming,
      target: (relationship) => {
        const queues = this.outgoing.get(relationship);
        if (queues?.length) return { kind: 'queues', queues };
        if (this.config.autoTerminatedRelationships.includes(relationship))
          return { kind: 'terminate' };
        return undefined;
      },
      penaltyMs: parseDuration(this.config.scheduling.penaltyDuration),
      onCommitted: (metrics, counters) => {
        this.stats.add({
          inCount: metrics.inCount,
          inBytes: metrics.inBytes,
          outCount: metrics.outCount,
          outBytes: metrics.outBytes,
          bytesRead: metrics.bytesRead,
          bytesWritten: metrics.bytesWritten,
        });
        if (counters.size > 0) this.services.onCounters(counters);
        this.services.events.emit({ type: 'committed', processorId: this.id });
      },
    };
  }

  async #prepare(): Promise<StartResult> {
    const issues = this.validate();
    if (issues.length > 0) {
      return { ok: false, reasons: issues.map((i) => i.message) };
    }
    this.#abort = new AbortController();
    this.#yieldUntil = 0;
    this.#outOfSpaceQuietUntil = 0;
    this.#context = new StandardProcessContext({
      id: this.id,
      name: this.config.name,
      definition: this.definition,
      properties: this.config.properties,
      parameter: (name) => this.services.parameter(name),
      service: (id, api) => this.services.service(id, api),
      log: this.#componentLog(),
      signal: this.#abort.signal,
      yield: () => {
        this.#yieldUntil = Date.now() + parseDuration(this.config.scheduling.yieldDuration);
      },
      availableRelationships: () =>
        new Set(
          this.relationships().filter(
            (relationship) => !this.outgoing.get(relationship)?.some((queue) => queue.isFull()),
          ),
        ),
      hasIncomingConnection: () => this.incoming.length > 0,
      hasConnection: (relationship) => (this.outgoing.get(relationship)?.length ?? 0) > 0,
    });
    try {
      this.#scheduled = await this.definition.onScheduled?.(this.#context);
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#log('ERROR', `Could not be scheduled: ${message}`);
      return { ok: false, reasons: [message] };
    }
  }

  async #release(): Promise<void> {
    try {
      if (this.#context) await this.definition.onStopped?.(this.#context, this.#scheduled);
    } catch (error) {
      this.#log(
        'WARN',
        `Error while stopping: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.#scheduled = undefined;
  }

  #scheduling(): {
    strategy: 'TIMER_DRIVEN' | 'CRON_DRIVEN';
    period: number;
    cron: string | undefined;
  } {
    const { strategy, period, cron } = this.config.scheduling;
    if (strategy === 'CRON_DRIVEN') {
      if (!cron) throw new Error('a cron-driven processor needs a cron expression');
      // Validates the expression; croner throws a readable error on a bad one.
      new Cron(cron, { paused: true }).stop();
    }
    return { strategy, period: parseDuration(period), cron };
  }

  #wakeAt(time: number): void {
    if (this.#timer && this.#timerAt <= time) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerAt = time;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.wake();
      },
      Math.max(0, time - Date.now()),
    );
  }

  #clearTimers(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#cron?.stop();
    this.#cron = undefined;
  }

  #setState(state: RunState): void {
    this.#state = state;
    this.services.events.emit({ type: 'runState', processorId: this.id, state });
  }

  #componentLog(): ComponentLog {
    return {
      debug: (m) => this.#log('DEBUG', m),
      info: (m) => this.#log('INFO', m),
      warn: (m, f) => this.#log('WARN', m, f),
      error: (m, f) => this.#log('ERROR', m, f),
    };
  }

  #log(level: LogLevel, message: string, flowFile?: FlowFile): void {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.config.scheduling.bulletinLevel)) return;
    const bulletin = this.services.bulletins.post({
      level,
      componentId: this.id,
      componentName: this.config.name,
      componentType: this.definition.type,
      message,
      ...(flowFile ? { flowFileId: flowFile.id } : {}),
    });
    this.services.events.emit({ type: 'bulletin', bulletin });
  }
}
