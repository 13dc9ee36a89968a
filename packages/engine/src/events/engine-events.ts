import type { Bulletin } from '../bulletins/bulletin.js';

/** A controller service's state: enabling and disabling take a moment (clients open and close). */
export type ControllerServiceState = 'DISABLED' | 'ENABLING' | 'ENABLED' | 'DISABLING';

/** A processor's run state as the engine sees it. */
export type RunState = 'STOPPED' | 'RUNNING' | 'DISABLED';

/** What the engine announces; the server subscribes and forwards to browsers. */
export type EngineEvent =
  | { readonly type: 'bulletin'; readonly bulletin: Bulletin }
  | { readonly type: 'runState'; readonly processorId: string; readonly state: RunState }
  | { readonly type: 'committed'; readonly processorId: string }
  | {
      readonly type: 'serviceState';
      readonly serviceId: string;
      readonly state: ControllerServiceState;
    };

/** A minimal typed event stream: listeners get every event; unsubscribe with the returned function. */
export class EngineEvents {
  readonly #listeners = new Set<(event: EngineEvent) => void>();

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure must not break the engine or other listeners.
        console.error('engine event listener failed', error);
      }
    }
  }
}
