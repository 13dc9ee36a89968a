import type { ComponentLog } from '@sluice/engine';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { componentLogCreator } from './kafka-log.js';

function recordingLog(): { log: ComponentLog; warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): undefined => undefined;
  return {
    warnings,
    log: { debug: ignore, info: ignore, warn: (m) => warnings.push(m), error: ignore },
  };
}

const entry = (level: logLevel, message: string) => ({
  namespace: 'Connection',
  level,
  label: 'ERROR',
  log: { timestamp: '', message },
});

describe('componentLogCreator', () => {
  it('turns kafkajs errors into warnings of the component, and drops lesser levels', () => {
    const { log, warnings } = recordingLog();
    const write = componentLogCreator(log)(logLevel.ERROR);
    write(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'));
    write(entry(logLevel.WARN, 'The group is rebalancing, re-joining'));
    write(entry(logLevel.INFO, 'Consumer has joined the group'));
    expect(warnings).toEqual([
      'Kafka client (Connection): Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    ]);
  });

  it('reports a message repeated with other numbers once a minute', () => {
    const { log, warnings } = recordingLog();
    let now = 0;
    const write = componentLogCreator(log, () => now)(logLevel.ERROR);
    write(entry(logLevel.ERROR, 'Restarting the consumer in 300ms'));
    now = 59_000;
    write(entry(logLevel.ERROR, 'Restarting the consumer in 2164ms'));
    write(entry(logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded'));
    now = 61_000;
    write(entry(logLevel.ERROR, 'Restarting the consumer in 3132ms'));
    expect(warnings).toEqual([
      'Kafka client (Connection): Restarting the consumer in 300ms',
      'Kafka client (Connection): Crash: KafkaJSNumberOfRetriesExceeded',
      'Kafka client (Connection): Restarting the consumer in 3132ms',
    ]);
  });
});
