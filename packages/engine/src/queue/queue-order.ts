let last = 0;

/**
 * The next FIFO position for an enqueued flowfile: increasing within a process and, because it
 * starts from the clock in microseconds, across restarts too.
 */
export function nextQueueOrder(): number {
  last = Math.max(last + 1, Date.now() * 1000);
  return last;
}
