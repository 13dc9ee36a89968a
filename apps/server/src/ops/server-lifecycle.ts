/** Where a server is in its life: readiness answers 503 once it is no longer `serving`. */
export type ServerPhase = 'serving' | 'shutting-down' | 'closed';

/**
 * The server's phase, shared by the readiness probe and the shutdown: flipping it first tells a
 * load balancer to stop sending work before the listener closes.
 */
export class ServerLifecycle {
  #phase: ServerPhase = 'serving';

  get phase(): ServerPhase {
    return this.#phase;
  }

  /** Marks the start of a shutdown; readiness answers 503 from now on. */
  beginShutdown(): void {
    if (this.#phase === 'serving') this.#phase = 'shutting-down';
  }

  /** Marks the end: the flows are closed. */
  closed(): void {
    this.#phase = 'closed';
  }
}
