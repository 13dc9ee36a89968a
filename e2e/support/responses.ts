import type { Page } from '@playwright/test';

/** The bodies of the responses a page received, as {@link captureResponses} collects them. */
export interface CapturedResponses {
  /** The body of every response read so far, in the order they were read. */
  readonly bodies: readonly string[];
  /** Waits until every response received so far has been read into {@link bodies}. */
  settled(): Promise<void>;
}

/**
 * Collects the body of every response the page receives from now on, to prove something (a
 * secret) never reaches the browser. Event streams are left out: they never finish while the
 * page is open, so a test reads their messages itself.
 */
export function captureResponses(page: Page): CapturedResponses {
  const bodies: string[] = [];
  const reads: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.headers()['content-type']?.includes('text/event-stream')) return;
    reads.push(
      response
        .text()
        .then((text) => void bodies.push(text))
        // A body the browser dropped (a redirect, a closed page) has nothing to leak.
        .catch(() => undefined),
    );
  });
  return {
    bodies,
    async settled() {
      // Responses may keep coming while the earlier ones are read: wait until none is new.
      for (let seen = -1; seen !== reads.length;) {
        seen = reads.length;
        await Promise.all(reads);
      }
    },
  };
}
