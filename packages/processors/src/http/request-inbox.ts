import type { ReceivedRequest } from './received-request.js';

/**
 * The requests read whole and waiting for a trigger, oldest first. The HTTP server adds to it
 * (within its limits), triggers take from it.
 */
export class RequestInbox {
  #requests: ReceivedRequest[] = [];
  #bytes = 0;
  #waiters = new Set<() => void>();

  get count(): number {
    return this.#requests.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Appends a request and wakes a waiting trigger. */
  add(request: ReceivedRequest): void {
    this.#requests.push(request);
    this.#bytes += request.body.length;
    for (const wake of [...this.#waiters]) wake();
  }

  /** Removes and returns up to `max` of the oldest requests and at most about `maxBytes` of body. */
  take(max: number, maxBytes: number): ReceivedRequest[] {
    let count = 0;
    let bytes = 0;
    while (count < Math.min(max, this.#requests.length)) {
      const size = this.#requests[count]!.body.length;
      if (count > 0 && bytes + size > maxBytes) break;
      bytes += size;
      count++;
    }
    return this.#remove(this.#requests.splice(0, count));
  }

  /** Removes and returns every request received before `time` (epoch ms). */
  takeOlderThan(time: number): ReceivedRequest[] {
    const count = this.#requests.findIndex((request) => request.receivedAt >= time);
    return this.#remove(this.#requests.splice(0, count === -1 ? this.#requests.length : count));
  }

  /** Removes and returns every request. */
  takeAll(): ReceivedRequest[] {
    return this.#remove(this.#requests.splice(0));
  }

  /** Resolves once a request waits, at `until` (epoch ms), or when `signal` aborts. */
  waitForRequests(until: number, signal: AbortSignal): Promise<void> {
    if (this.#requests.length > 0 || signal.aborted || Date.now() >= until)
      return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, until - Date.now());
      signal.addEventListener('abort', done, { once: true });
      this.#waiters.add(done);
    });
  }

  #remove(requests: ReceivedRequest[]): ReceivedRequest[] {
    for (const request of requests) this.#bytes -= request.body.length;
    return requests;
  }
}
