import type { FlowEngine } from '@sluice/engine';

/** What a {@link FlowWatch} saw between its start and its stop. */
export interface FlowWatchReport {
  /** Highest queued count of each connection. */
  readonly peaks: Readonly<Record<string, number>>;
  /** Processors seen held back by a full outgoing queue at least once. */
  readonly backPressured: ReadonlySet<string>;
  readonly samples: number;
}

/**
 * Samples a running flow's queues and processors every `intervalMs`, keeping each queue's peak
 * and which processors back-pressure held. Sampling can miss a peak shorter than the interval,
 * so a peak it reports is a lower bound of the true one.
 */
export class FlowWatch {
  readonly #engine: FlowEngine;
  readonly #peaks: Record<string, number> = {};
  readonly #backPressured = new Set<string>();
  #samples = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(engine: FlowEngine, intervalMs = 100) {
    this.#engine = engine;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Takes one sample now (also called by the timer). */
  sample(): void {
    this.#samples++;
    for (const connection of this.#engine.connectionStatus()) {
      const peak = this.#peaks[connection.id] ?? 0;
      if (connection.queued.count > peak) this.#peaks[connection.id] = connection.queued.count;
      else this.#peaks[connection.id] = peak;
    }
    for (const processor of this.#engine.processorStatus()) {
      if (processor.backPressured) this.#backPressured.add(processor.id);
    }
  }

  /** What was seen so far; the watch goes on. */
  report(): FlowWatchReport {
    return {
      peaks: { ...this.#peaks },
      backPressured: new Set(this.#backPressured),
      samples: this.#samples,
    };
  }

  /** Stops sampling and returns what was seen. */
  stop(): FlowWatchReport {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.sample();
    return this.report();
  }
}
