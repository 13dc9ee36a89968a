import { asOutOfSpace, type RepositoryKind } from '../repository/out-of-space.js';

/** How long the same repository message stays quiet after it was posted. */
const QUIET_MS = 60_000;
/** Messages kept until {@link RepositoryAlerts.attach}; more are only logged. */
const MAX_EARLY = 100;

/**
 * Turns failures the repositories meet in the background (a provenance write retried every
 * second on a full disk, a claim file that could not be deleted) into flow bulletins. The same
 * message is posted at most once a minute: a full disk would otherwise post one a second.
 * The repositories open before the engine and its board exist: what they report until
 * {@link attach} is kept and posted then.
 */
export class RepositoryAlerts {
  #post: ((message: string) => void) | undefined;
  readonly #early: string[] = [];
  readonly #posted = new Map<string, number>();

  /** Posts from now on through `post`, starting with what was reported before. */
  attach(post: (message: string) => void): void {
    this.#post = post;
    for (const message of this.#early.splice(0)) this.report(message);
  }

  /** The `onError` callback of the repository of `kind` kept in `dir`. */
  reporter(kind: RepositoryKind, dir: string): (error: Error) => void {
    return (error) => {
      const named = asOutOfSpace(kind, dir, error) as Error;
      this.report(named === error ? `The ${kind} at ${dir}: ${error.message}` : named.message);
    };
  }

  /** Posts `message`, unless it was posted less than a minute ago. */
  report(message: string): void {
    if (this.#post === undefined) {
      if (this.#early.length < MAX_EARLY) this.#early.push(message);
      else console.error(message);
      return;
    }
    const now = Date.now();
    if (now - (this.#posted.get(message) ?? -Infinity) < QUIET_MS) return;
    // Old entries go, so messages naming ever new files cannot grow the map without end.
    for (const [old, time] of this.#posted) if (now - time >= QUIET_MS) this.#posted.delete(old);
    this.#posted.set(message, now);
    this.#post(message);
  }
}
