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
}
