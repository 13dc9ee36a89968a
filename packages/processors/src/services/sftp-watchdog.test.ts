import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SftpWatchdog } from './sftp-watchdog.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A request whose answer the test gives by calling the returned function. */
function pendingRequest(watchdog: SftpWatchdog) {
  let answer: (error: Error | null, value?: string) => void = () => undefined;
  const settled = { value: undefined as string | undefined, error: undefined as Error | undefined };
  const promise = watchdog
    .request<string>((done) => {
      answer = done;
    })
    .then(
      (value) => void (settled.value = value),
      (error: Error) => void (settled.error = error),
    );
  return { answer: (value: string) => answer(null, value), settled, promise };
}

describe('SftpWatchdog (Data Timeout)', () => {
  it('never times out a slow transfer whose answers keep coming', async () => {
    // given a 1 s limit and three reads in flight
    const onTimeout = vi.fn(() => new Error('timed out'));
    const watchdog = new SftpWatchdog(1_000, onTimeout);
    const reads = [pendingRequest(watchdog), pendingRequest(watchdog), pendingRequest(watchdog)];

    // when each answer comes 0.8 s after the one before (2.4 s in all)
    for (const [i, read] of reads.entries()) {
      await vi.advanceTimersByTimeAsync(800);
      read.answer(`chunk ${i}`);
    }
    await Promise.all(reads.map((r) => r.promise));

    // then all arrived and the clock never fired
    expect(reads.map((r) => r.settled.value)).toEqual(['chunk 0', 'chunk 1', 'chunk 2']);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('fails every outstanding request once nothing came for the limit, and ignores late answers', async () => {
    // given two requests and a server that went silent
    const error = new Error('no answer within the Data Timeout');
    const onTimeout = vi.fn(() => error);
    const watchdog = new SftpWatchdog(1_000, onTimeout);
    const first = pendingRequest(watchdog);
    const second = pendingRequest(watchdog);

    // when the limit passes, then an answer arrives late
    await vi.advanceTimersByTimeAsync(1_000);
    first.answer('too late');
    await Promise.all([first.promise, second.promise]);

    // then both failed with the one error, made once for the two
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(onTimeout).toHaveBeenCalledWith(2);
    expect([first.settled, second.settled]).toEqual([
      { value: undefined, error },
      { value: undefined, error },
    ]);
  });

  it('runs no clock while nothing is outstanding', async () => {
    const onTimeout = vi.fn(() => new Error('timed out'));
    const watchdog = new SftpWatchdog(1_000, onTimeout);
    const read = pendingRequest(watchdog);
    read.answer('done');
    await read.promise;

    await vi.advanceTimersByTimeAsync(10_000);

    expect(read.settled.value).toBe('done');
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
