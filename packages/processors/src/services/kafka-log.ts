import type { ComponentLog } from '@sluice/engine';
import { logLevel, type logCreator } from 'kafkajs';

/** A repeated kafkajs message is reported at most once in this window. */
const REPEAT_WINDOW_MS = 60_000;

/**
 * Routes kafkajs's own log (errors only) to a component's log, where warnings become bulletins.
 * kafkajs otherwise prints JSON lines on stdout, and while a broker is down it repeats the same
 * "Connection error" every retry: a message that only differs by numbers (ports, retry times) is
 * posted once per minute. The processors report their own failures with context, so kafkajs's
 * errors are warnings here.
 */
export function componentLogCreator(log: ComponentLog, now: () => number = Date.now): logCreator {
  const lastPosted = new Map<string, number>();
  return () =>
    ({ namespace, level, log: entry }) => {
      if (level > logLevel.ERROR) return;
      const message = `Kafka client${namespace ? ` (${namespace})` : ''}: ${entry.message}`;
      const key = message.replace(/\d+/g, '#');
      const time = now();
      const last = lastPosted.get(key);
      if (last !== undefined && time - last < REPEAT_WINDOW_MS) return;
      // Bounded: messages carrying ever-new text must not grow the map forever.
      if (lastPosted.size >= 1000) lastPosted.clear();
      lastPosted.set(key, time);
      log.warn(message);
    };
}
