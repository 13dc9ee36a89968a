import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { classifyKafkaError } from './kafka-errors.js';

/** A broker's protocol error, as kafkajs builds it from an error code. */
function protocolError(type: string, message: string, retriable: boolean): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(message), { type, retriable }));
}

describe('classifyKafkaError', () => {
  it('sees a refused connection through kafkajs wrappers as unreachable, with the inner reason', () => {
    const refused = new KafkaJSConnectionError(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
      {
        code: 'ECONNREFUSED',
      },
    );
    const wrapped = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 4800 });
    expect(classifyKafkaError(wrapped)).toEqual({
      kind: 'unreachable',
      type: undefined,
      reason: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    });
  });

  it('sees brokers without leaders or replicas as unreachable: the data is not at fault', () => {
    const noLeader = protocolError('LEADER_NOT_AVAILABLE', 'There is no leader', true);
    expect(
      classifyKafkaError(
        new KafkaJSNumberOfRetriesExceeded(noLeader, { retryCount: 5, retryTime: 4800 }),
      ),
    ).toMatchObject({
      kind: 'unreachable',
      type: 'LEADER_NOT_AVAILABLE',
    });
  });

  it('sees a missing topic, an invalid name or a message too large as refused, naming the type', () => {
    const missing = protocolError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      'This server does not host this topic-partition',
      true,
    );
    expect(
      classifyKafkaError(
        new KafkaJSNumberOfRetriesExceeded(missing, { retryCount: 5, retryTime: 4800 }),
      ),
    ).toEqual({
      kind: 'refused',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
      reason: 'This server does not host this topic-partition',
    });
    expect(
      classifyKafkaError(protocolError('MESSAGE_TOO_LARGE', 'too large', false)),
    ).toMatchObject({ kind: 'refused', type: 'MESSAGE_TOO_LARGE' });
    expect(classifyKafkaError('something odd')).toEqual({
      kind: 'refused',
      type: undefined,
      reason: 'something odd',
    });
  });
});
