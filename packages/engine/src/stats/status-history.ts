/** One point of a component's status history. */
export interface StatusPoint {
  readonly time: number;
  readonly values: Readonly<Record<string, number>>;
}

/** Status history: one point a minute, kept for 24 hours (1,440 points) per component. */
export class StatusHistory {
  readonly #points = new Map<string, StatusPoint[]>();
  constructor(private readonly capacity = 1440) {}

  record(componentId: string, point: StatusPoint): void {
    const list = this.#points.get(componentId) ?? [];
    list.push(point);
    if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
    this.#points.set(componentId, list);
  }

  get(componentId: string): readonly StatusPoint[] {
    return this.#points.get(componentId) ?? [];
  }

  forget(componentId: string): void {
    this.#points.delete(componentId);
  }

  /** Every component's points, oldest first (what a compacted history file is rebuilt from). */
  entries(): IterableIterator<[string, readonly StatusPoint[]]> {
    return this.#points.entries();
  }

  /** Drops the points older than `before`, and the components left with none (removed ones). */
  prune(before: number): void {
    for (const [componentId, list] of this.#points) {
      const keep = list.findIndex((point) => point.time >= before);
      if (keep === -1) this.#points.delete(componentId);
      else if (keep > 0) list.splice(0, keep);
    }
  }
}
