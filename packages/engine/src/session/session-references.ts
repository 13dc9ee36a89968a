import type { ContentClaim } from '../content/content-claim.js';
import type { ContentStore } from './session-environment.js';

/**
 * The content references a session added (one per claim it wrote, one per clone or copy that
 * shares a claim), counted per claim file. Commit keeps as many as committed records need and
 * releases the rest; rollback releases them all.
 */
export class SessionReferences {
  readonly #content: ContentStore;
  readonly #added = new Map<string, number>();

  constructor(content: ContentStore) {
    this.#content = content;
  }

  /** Records a reference to `claim`'s file; `increment` takes it (a write's claim already holds one). */
  add(claim: ContentClaim, increment: boolean): void {
    if (increment) this.#content.incrementReferences(claim.file);
    this.addHeld(claim.file, 1);
  }

  /** Records `count` references to `file` that are already held (counted by the content repository). */
  addHeld(file: string, count: number): void {
    this.#added.set(file, (this.#added.get(file) ?? 0) + count);
  }

  /**
   * Settles a commit. `needed` is the number of committed records per claim file, each of which
   * keeps one reference; `originals` counts, per file, the references of the flowfiles the
   * session took, which committed records take over first. Every other reference is released.
   */
  settle(needed: Map<string, number>, originals: ReadonlyMap<string, number>): void {
    for (const [file, count] of originals) this.#release(file, count, needed);
    for (const [file, count] of this.#added) this.#release(file, count, needed);
    this.#added.clear();
  }

  /** The claim files the session added references to (every file it wrote). */
  files(): Iterable<string> {
    return this.#added.keys();
  }

  /** Releases every reference the session added (rollback). */
  releaseAll(): void {
    for (const [file, count] of this.#added) this.#content.decrementReferences(file, count);
    this.#added.clear();
  }

  #release(file: string, count: number, needed: Map<string, number>): void {
    const kept = Math.min(count, needed.get(file) ?? 0);
    if (kept > 0) needed.set(file, (needed.get(file) ?? 0) - kept);
    if (count > kept) this.#content.decrementReferences(file, count - kept);
  }
}
