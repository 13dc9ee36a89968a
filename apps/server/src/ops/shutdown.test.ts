import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '../../test/log-capture.js';
import { gracefulShutdown, handleShutdownSignals } from './shutdown.js';

/** A close that finishes when the test says so. */
function pendingClose() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { close: vi.fn(() => promise), finish, fail };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('gracefulShutdown', () => {
  it('closes on the first signal and exits 0 once closed, logging each step', async () => {
    // Given a shutdown whose close is still running
    const logs = captureLogs();
    const { close, finish } = pendingClose();
    const exit = vi.fn();
    const shutdown = gracefulShutdown({ close, logger: logs.logger, timeoutMs: 30_000, exit });

    // When SIGTERM arrives
    shutdown.signal('SIGTERM');

    // Then close runs, and nothing exits until it is done
    expect(close).toHaveBeenCalledTimes(1);
    expect(shutdown.state).toBe('stopping');
    await vi.advanceTimersByTimeAsync(1000);
    expect(exit).not.toHaveBeenCalled();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
    expect(shutdown.state).toBe('exited');
    expect(logs.records().map((r) => [r.level, r.msg])).toEqual([
      ['info', 'SIGTERM received: shutting down (a second signal forces the exit)'],
      ['info', 'Shutdown complete'],
    ]);
    expect(logs.records()[0]).toMatchObject({ signal: 'SIGTERM', timeoutMs: 30_000 });
  });

  it('forces exit 1 on a second signal, without waiting for close', async () => {
    // Given a shutdown in progress
    const logs = captureLogs();
    const { close, finish } = pendingClose();
    const exit = vi.fn();
    const shutdown = gracefulShutdown({ close, logger: logs.logger, timeoutMs: 30_000, exit });
    shutdown.signal('SIGINT');

    // When a second SIGINT arrives
    shutdown.signal('SIGINT');

    // Then the process exits 1 at once, and a close finishing later changes nothing
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(close).toHaveBeenCalledTimes(1);
    expect(logs.records().at(-1)).toMatchObject({
      level: 'error',
      signal: 'SIGINT',
      msg: 'Second SIGINT during shutdown: exiting now without waiting for the flows to close',
    });
  });

  it('forces exit 1 when close outlasts the timeout', async () => {
    // Given a close that never finishes and a 5-second timeout
    const logs = captureLogs();
    const { close } = pendingClose();
    const exit = vi.fn();
    const shutdown = gracefulShutdown({ close, logger: logs.logger, timeoutMs: 5000, exit });
    shutdown.signal('SIGTERM');

    // When 4.9 s pass, then 5 s
    await vi.advanceTimersByTimeAsync(4900);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);

    // Then it exits 1, saying why
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(logs.records().at(-1)).toMatchObject({
      level: 'error',
      msg: 'Shutdown did not finish within 5000 ms: forcing the exit',
    });
  });

  it('exits 1 when close fails, logging the error', async () => {
    // Given a close that fails
    const logs = captureLogs();
    const { close, fail } = pendingClose();
    const exit = vi.fn();
    const shutdown = gracefulShutdown({ close, logger: logs.logger, timeoutMs: 5000, exit });

    // When the shutdown runs
    shutdown.signal('SIGTERM');
    fail(new Error('the WAL could not be flushed'));
    await vi.advanceTimersByTimeAsync(0);

    // Then it exits 1 with the reason logged
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(logs.records().at(-1)).toMatchObject({
      level: 'error',
      msg: 'Shutdown failed',
      error: { message: 'the WAL could not be flushed' },
    });
  });
});

describe('handleShutdownSignals', () => {
  it('passes every SIGTERM and SIGINT to the shutdown until removed', () => {
    // Given handlers installed on an event target
    const handlers = new Map<string, () => void>();
    const target = {
      on: vi.fn((name: string, handler: () => void) => handlers.set(name, handler)),
      off: vi.fn((name: string) => handlers.delete(name)),
    };
    const signal = vi.fn();
    const remove = handleShutdownSignals(
      { state: 'running', signal },
      target as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    );

    // When both signals arrive, SIGTERM twice
    handlers.get('SIGTERM')!();
    handlers.get('SIGINT')!();
    handlers.get('SIGTERM')!();

    // Then each reached the shutdown, and removing the handlers unregisters both
    expect(signal.mock.calls).toEqual([['SIGTERM'], ['SIGINT'], ['SIGTERM']]);
    remove();
    expect(handlers.size).toBe(0);
  });
});
