import { CompressionTypes, type IHeaders, type Producer } from 'kafkajs';
import { MessageTooLargeError } from './demarcated-messages.js';
import { classifyKafkaError } from './kafka-errors.js';

/** Kafka's acks: 0 (best effort), 1 (the leader wrote it), -1 (all in-sync replicas wrote it). */
export type Acks = 0 | 1 | -1;

/** Where and how one flowfile's messages go. */
export interface PublishTarget {
  readonly topic: string;
  /** An explicit partition; the key's hash (or round robin without a key) decides otherwise. */
  readonly partition: number | undefined;
  readonly key: Buffer | null;
  readonly headers: IHeaders;
}

/** The producer side of a trigger, the same for each of its flowfiles. */
export interface PublishSettings {
  readonly producer: Producer;
  readonly acks: Acks;
  readonly compression: CompressionTypes;
  readonly ackWaitMs: number;
  readonly maxRequestSize: number;
  /** `host:port,...`, for messages. */
  readonly where: string;
  /** The number of partitions of a topic; rejects like a send would when it cannot be known. */
  readonly partitionCount: (topic: string) => Promise<number>;
}

/** What became of one flowfile. */
export type PublishOutcome =
  | { readonly kind: 'sent'; readonly messages: number }
  | { readonly kind: 'refused'; readonly sent: number; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly sent: number; readonly reason: string };

/** Messages per send at most; kafkajs puts one send's messages of a partition in one batch. */
const MAX_MESSAGES_PER_SEND = 10_000;

function headersSize(headers: IHeaders): number {
  let size = 0;
  for (const [name, value] of Object.entries(headers)) {
    size += name.length + (Buffer.isBuffer(value) ? value.length : String(value ?? '').length);
  }
  return size;
}

/** The bytes a message's key and headers add to its value, as counted against Max Request Size. */
export function messageOverhead(key: Buffer | null, headers: IHeaders): number {
  return (key?.length ?? 0) + headersSize(headers);
}

/** One flowfile's whole content as one message, to share sends with other flowfiles' messages. */
export interface SharedMessage {
  readonly value: Buffer;
  readonly key: Buffer | null;
  readonly headers: IHeaders;
}

/** The reason a broker gave, said for people: what was refused and where. */
function refusalReason(type: string | undefined, reason: string, topic: string, where: string) {
  switch (type) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return `Topic '${topic}' does not exist on Kafka at ${where} (create it first: these brokers do not create topics on first use)`;
    case 'INVALID_TOPIC_EXCEPTION':
      return `Kafka at ${where} refused '${topic}' as a topic name: ${reason}`;
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
      return `Kafka at ${where} refused a message for topic '${topic}' as too large (the brokers' message.max.bytes or the topic's max.message.bytes): ${reason}`;
    case 'TOPIC_AUTHORIZATION_FAILED':
      return `Kafka at ${where} does not allow this client to write to topic '${topic}'`;
    default:
      return `Kafka at ${where} refused the messages for topic '${topic}': ${reason}`;
  }
}

/** Sorts a failed request into the outcome of the flowfile. */
function failed(error: unknown, sent: number, topic: string, where: string): PublishOutcome {
  const failure = classifyKafkaError(error);
  return failure.kind === 'unreachable'
    ? {
        kind: 'unreachable',
        sent,
        reason: `Kafka at ${where} could not be reached: ${failure.reason}`,
      }
    : { kind: 'refused', sent, reason: refusalReason(failure.type, failure.reason, topic, where) };
}

/**
 * Sends one flowfile's messages (values from `messages`, read lazily) in sends of at most Max
 * Request Size, one after another, and says what became of the flowfile. Only a failure to read
 * the content throws; Kafka's failures are outcomes. Messages sent before a failure stay sent:
 * without a Kafka transaction there is nothing to take them back (as NiFi without transactions).
 */
export async function publishMessages(
  messages: AsyncIterable<Buffer>,
  target: PublishTarget,
  settings: PublishSettings,
): Promise<PublishOutcome> {
  const { topic, partition, key, headers } = target;
  const { where, maxRequestSize } = settings;
  const overhead = messageOverhead(key, headers);
  let sent = 0;
  let chunk: Buffer[] = [];
  let chunkBytes = 0;

  const send = async (): Promise<PublishOutcome | undefined> => {
    if (chunk.length === 0) return undefined;
    const values = chunk;
    chunk = [];
    chunkBytes = 0;
    try {
      const written = await settings.producer.send({
        topic,
        acks: settings.acks,
        timeout: settings.ackWaitMs,
        compression: settings.compression,
        messages: values.map((value) => ({ value, key, headers, partition })),
      });
      // kafkajs drops messages for a partition the topic lacks and reports success; with acks
      // the brokers' answer shows it. (Without acks the partition was checked beforehand.)
      if (
        partition !== undefined &&
        settings.acks !== 0 &&
        !written.some((w) => w.partition === partition)
      ) {
        return {
          kind: 'refused',
          sent,
          reason: `Topic '${topic}' on Kafka at ${where} has no partition ${partition}`,
        };
      }
      sent += values.length;
      return undefined;
    } catch (error) {
      return failed(error, sent, topic, where);
    }
  };

  try {
    if (partition !== undefined && settings.acks === 0) {
      const count = await settings.partitionCount(topic);
      if (partition >= count) {
        return {
          kind: 'refused',
          sent,
          reason: `Topic '${topic}' on Kafka at ${where} has ${count} partitions; there is no partition ${partition}`,
        };
      }
    }
  } catch (error) {
    return failed(error, sent, topic, where);
  }

  let index = 0;
  try {
    for await (const value of messages) {
      index++;
      const size = value.length + overhead;
      // Refused before the messages gathered with it are sent: fewer half-sent flowfiles.
      if (size > maxRequestSize) {
        return {
          kind: 'refused',
          sent,
          reason: `Message ${index} of the FlowFile is ${size} bytes with its key and headers, more than the Max Request Size of ${maxRequestSize} bytes`,
        };
      }
      if (chunkBytes + size > maxRequestSize || chunk.length >= MAX_MESSAGES_PER_SEND) {
        const failure = await send();
        if (failure) return failure;
      }
      chunk.push(value);
      chunkBytes += size;
    }
  } catch (error) {
    if (!(error instanceof MessageTooLargeError)) throw error;
    return {
      kind: 'refused',
      sent,
      reason: `Message ${error.index} of the FlowFile is more than the Max Request Size of ${maxRequestSize} bytes`,
    };
  }
  return (await send()) ?? { kind: 'sent', messages: sent };
}

/**
 * Sends one message per flowfile to `topic`, for the default partitioner (no explicit partition),
 * as many per send as Max Request Size allows, one send after another: one request for many
 * flowfiles instead of a round trip each. Kafka keeps their order within each partition. Each
 * message must be within Max Request Size. A failed send ends it: the outcome's `sent` counts the
 * messages sent before it (the first ones, in order); the failed send's partitions may still have
 * taken their messages, so sending the rest again is at-least-once.
 */
export async function publishTogether(
  topic: string,
  messages: readonly SharedMessage[],
  settings: PublishSettings,
): Promise<PublishOutcome> {
  let sent = 0;
  while (sent < messages.length) {
    let end = sent;
    let bytes = 0;
    while (end < messages.length && end - sent < MAX_MESSAGES_PER_SEND) {
      const { value, key, headers } = messages[end]!;
      const size = value.length + messageOverhead(key, headers);
      if (end > sent && bytes + size > settings.maxRequestSize) break;
      bytes += size;
      end++;
    }
    try {
      await settings.producer.send({
        topic,
        acks: settings.acks,
        timeout: settings.ackWaitMs,
        compression: settings.compression,
        messages: messages
          .slice(sent, end)
          .map(({ value, key, headers }) => ({ value, key, headers })),
      });
    } catch (error) {
      return failed(error, sent, topic, settings.where);
    }
    sent = end;
  }
  return { kind: 'sent', messages: sent };
}

/** kafkajs's codec for a Compression Type value (only gzip is built into kafkajs). */
export function compressionOf(type: 'none' | 'gzip'): CompressionTypes {
  return type === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
}
