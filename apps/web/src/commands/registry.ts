import type { Command, CommandApi, CommandContext } from './types.js';

/** What the toolbar needs to know about the history. */
export interface HistorySnapshot {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Label of the command Undo would revert, or null. */
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** True while a command, an undo or a redo is running or waiting to run. */
  readonly busy: boolean;
}

/** Options of a {@link CommandRegistry}. */
export interface CommandRegistryOptions {
  /** How many commands Undo can go back (the oldest are forgotten). */
  readonly limit?: number;
}

/**
 * The edit history of one flow: runs commands, keeps the undo and redo stacks, and the id-alias
 * map that lets an old command address a component that an undo re-created under a new id.
 * Runs one command at a time, in call order, so an undo never overtakes the edit it reverts.
 * A command whose `do` fails is not recorded; an undo or redo that fails stays where it was.
 */
export class CommandRegistry {
  readonly #api: CommandApi;
  readonly #limit: number;
  #flowId: string | null = null;
  #undo: Command[] = [];
  #redo: Command[] = [];
  readonly #aliases = new Map<string, string>();
  #queue: Promise<unknown> = Promise.resolve();
  #running = 0;
  #epoch = 0;
  readonly #listeners = new Set<() => void>();
  #snapshot: HistorySnapshot;

  constructor(api: CommandApi, options: CommandRegistryOptions = {}) {
    this.#api = api;
    this.#limit = options.limit ?? 200;
    this.#snapshot = this.#computeSnapshot();
  }

  /** The flow whose history this is. */
  get flowId(): string | null {
    return this.#flowId;
  }

  /** Starts an empty history for a flow (another flow's commands make no sense here). */
  reset(flowId: string | null): void {
    this.#flowId = flowId;
    this.#undo = [];
    this.#redo = [];
    this.#aliases.clear();
    this.#epoch++;
    this.#changed();
  }

  /** Runs a new edit and records it; the redo stack is dropped, as in every editor. */
  execute(command: Command): Promise<void> {
    return this.#serial(async (ctx, epoch) => {
      await command.do(ctx);
      if (epoch !== this.#epoch) return;
      this.#undo.push(command);
      if (this.#undo.length > this.#limit) this.#undo.shift();
      this.#redo = [];
    });
  }

  /** Reverts the last edit; resolves to it, or to undefined when there was nothing to undo. */
  undo(): Promise<Command | undefined> {
    return this.#serial(async (ctx, epoch) => {
      const command = this.#undo.at(-1);
      if (!command) return undefined;
      await command.undo(ctx);
      if (epoch === this.#epoch) this.#redo.push(this.#undo.pop()!);
      return command;
    });
  }

  /** Applies again the last undone edit; resolves to it, or to undefined. */
  redo(): Promise<Command | undefined> {
    return this.#serial(async (ctx, epoch) => {
      const command = this.#redo.at(-1);
      if (!command) return undefined;
      await command.do(ctx);
      if (epoch === this.#epoch) this.#undo.push(this.#redo.pop()!);
      return command;
    });
  }

  /**
   * The id a component has now. Aliases chain: a processor created as A, re-created as B by an
   * undo of its delete and as C by a later one resolves from A and from B to C.
   */
  resolve(id: string): string {
    let current = id;
    // Server ids are fresh UUIDs, so a chain cannot loop; the bound only guards against a bug.
    for (let i = 0; i < 10_000; i++) {
      const next = this.#aliases.get(current);
      if (next === undefined || next === current) return current;
      current = next;
    }
    return current;
  }

  /** Listens to changes of {@link getSnapshot}; returns what stops listening. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The history's state now; the same object until it changes (for useSyncExternalStore). */
  getSnapshot(): HistorySnapshot {
    return this.#snapshot;
  }

  #context(): CommandContext {
    const flowId = this.#flowId;
    if (flowId === null) throw new Error('No flow is open');
    return {
      api: this.#api,
      flowId,
      resolve: (id) => this.resolve(id),
      alias: (from, to) => {
        if (from !== to) this.#aliases.set(from, to);
      },
    };
  }

  #serial<T>(task: (ctx: CommandContext, epoch: number) => Promise<T>): Promise<T> {
    // Busy from the call on (not only once it runs), so the toolbar reflects queued work too.
    this.#running++;
    this.#changed();
    const run = async () => {
      try {
        return await task(this.#context(), this.#epoch);
      } finally {
        this.#running--;
        this.#changed();
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #computeSnapshot(): HistorySnapshot {
    const undo = this.#undo.at(-1);
    const redo = this.#redo.at(-1);
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      undoLabel: undo?.label ?? null,
      redoLabel: redo?.label ?? null,
      busy: this.#running > 0,
    };
  }

  #changed(): void {
    const next = this.#computeSnapshot();
    const prev = this.#snapshot;
    if (
      next.canUndo === prev.canUndo &&
      next.canRedo === prev.canRedo &&
      next.undoLabel === prev.undoLabel &&
      next.redoLabel === prev.redoLabel &&
      next.busy === prev.busy
    ) {
      return;
    }
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}
