/**
 * Sorting kafkajs failures the way the Kafka processors route them: the cluster could not be
 * reached (nothing is wrong with the data: keep it queued and retry later), or a broker answered
 * and refused this particular send (route the flowfile to failure with the reason).
 */

/** How a failed Kafka request is handled. */
export type KafkaFailureKind = 'unreachable' | 'refused';

/** A failed Kafka request, sorted, with kafkajs's innermost explanation. */
export interface KafkaFailure {
  readonly kind: KafkaFailureKind;
  /** Kafka's protocol error name (e.g. `UNKNOWN_TOPIC_OR_PARTITION`) when a broker answered. */
  readonly type: string | undefined;
  /** The innermost error's message: kafkajs wraps the cause in retry errors. */
  readonly reason: string;
}

/** kafkajs errors that mean no broker answered in time, whatever was sent. */
const UNREACHABLE_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
  // A login the brokers refuse fails every send alike: a configuration problem, not the data's.
  'KafkaJSSASLAuthenticationError',
]);

/** Broker answers that mean the cluster cannot take writes right now (leaders moving, replicas down). */
const UNAVAILABLE_TYPES = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'REQUEST_TIMED_OUT',
  'BROKER_NOT_AVAILABLE',
  'NETWORK_EXCEPTION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'KAFKA_STORAGE_ERROR',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR_FOR_GROUP',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'SASL_AUTHENTICATION_FAILED',
]);

/** Node's socket errors, when one surfaces without a kafkajs wrapper. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly type?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
}

/** The error and the errors it wraps, outermost first (bounded, in case of a cycle). */
function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let e = error; e && typeof e === 'object' && chain.length < 10; e = (e as ErrorLike).cause) {
    chain.push(e as ErrorLike);
  }
  return chain;
}

/** Sorts a kafkajs failure (a producer send, a connect, an admin request). */
export function classifyKafkaError(error: unknown): KafkaFailure {
  const chain = chainOf(error);
  const innermost = chain.at(-1);
  const reason =
    innermost && typeof innermost.message === 'string' ? innermost.message : String(error);
  const type = chain.map((e) => e.type).find((t): t is string => typeof t === 'string');
  const unreachable = chain.some(
    (e) =>
      (typeof e.name === 'string' && UNREACHABLE_ERRORS.has(e.name)) ||
      (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) ||
      (typeof e.type === 'string' && UNAVAILABLE_TYPES.has(e.type)),
  );
  return { kind: unreachable ? 'unreachable' : 'refused', type, reason };
}
