import {
  defineProcessor,
  prop,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { compileJavaFullMatch } from '@sluice/expression-language';
import type { IHeaders, Producer } from 'kafkajs';
import {
  KafkaConnectionServiceApi,
  type KafkaConnectionService,
} from './services/kafka-connection-service.js';
import { demarcatedMessages } from './support/kafka/demarcated-messages.js';
import {
  compressionOf,
  messageOverhead,
  publishMessages,
  publishTogether,
  type Acks,
  type PublishOutcome,
  type PublishSettings,
  type PublishTarget,
  type SharedMessage,
} from './support/kafka/flowfile-publisher.js';
import { bufferEncodingOf, HEADER_CHARSETS, keyBytes } from './support/kafka/kafka-encoding.js';
import { validJavaRegex } from './support/regex-validation.js';

/** The attribute holding why a flowfile went to failure. */
export const PUBLISH_KAFKA_FAILURE_ATTRIBUTE = 'publishkafka.failure.reason';

/** NiFi's PublishKafka takes up to 500 flowfiles or 1 MB of content per run. */
const MAX_FLOWFILES = 500;
const MAX_BATCH_BYTES = 1024 * 1024;

const properties = {
  kafkaConnectionService: prop.service({
    name: 'Kafka Connection Service',
    description: 'Provides connections to Kafka Broker for publishing Kafka Records',
    required: true,
    api: KafkaConnectionServiceApi,
  }),
  topicName: prop.string({
    name: 'Topic Name',
    description: 'Name of the Kafka Topic to which the Processor publishes Kafka Records',
    required: true,
    el: 'flowfile',
  }),
  failureStrategy: prop.choice({
    name: 'Failure Strategy',
    description:
      'Specifies how the processor handles a FlowFile that Kafka refuses (a missing topic, a message too large). A Kafka that cannot be reached always rolls the FlowFiles back, whatever this says, so they wait in the queue instead of being lost.',
    values: [
      {
        value: 'Route to Failure',
        displayName: 'Route to Failure',
        description: `The FlowFile is routed to failure, penalized, with the reason in '${PUBLISH_KAFKA_FAILURE_ATTRIBUTE}'`,
      },
      {
        value: 'Rollback',
        displayName: 'Rollback',
        description:
          'The FlowFiles are rolled back to the input queue and the processor yields, keeping their order; a FlowFile Kafka keeps refusing blocks the queue',
      },
    ],
    default: 'Route to Failure',
  }),
  deliveryGuarantee: prop.choice({
    name: 'Delivery Guarantee',
    description:
      'Specifies the requirement for guaranteeing that a message is sent to Kafka. Corresponds to Kafka Client acks property.',
    values: [
      {
        value: '0',
        displayName: 'Best Effort',
        description:
          'FlowFile will be routed to success after successfully sending the content to a Kafka node, without waiting for any acknowledgment from the node at all. This provides the best performance but may result in data loss.',
      },
      {
        value: '1',
        displayName: 'Guarantee Single Node Delivery',
        description:
          'FlowFile will be routed to success if the message is received by a single Kafka node, whether or not it is replicated. This is faster than <Guarantee Replicated Delivery> but can result in data loss if a Kafka node crashes',
      },
      {
        value: 'all',
        displayName: 'Guarantee Replicated Delivery',
        description:
          'FlowFile will be routed to failure unless the message is replicated to the appropriate number of Kafka Nodes according to the Topic configuration',
      },
    ],
    default: 'all',
  }),
  compressionType: prop.choice({
    name: 'Compression Type',
    description:
      'Specifies the compression strategy for records sent to Kafka. Corresponds to Kafka Client compression.type property. Only none and gzip are offered: kafkajs has gzip built in, while snappy, lz4 and zstd would need native codec packages. Consumers decompress whatever the topic holds.',
    values: ['none', 'gzip'],
    default: 'none',
  }),
  maxRequestSize: prop.dataSize({
    name: 'Max Request Size',
    description:
      'The maximum size of a request in bytes. Corresponds to Kafka Client max.request.size property. A message larger than this (value, key and headers) sends its FlowFile to failure; the messages of one FlowFile are sent in requests of at most this size.',
    default: '1 MB',
  }),
  partition: prop.string({
    name: 'Partition',
    description:
      "Specifies the Kafka Partition destination for Records: a partition number, or an expression giving one per FlowFile. When empty, the key decides the partition (Kafka's default partitioner), or it rotates for messages without a key.",
    el: 'flowfile',
  }),
  messageDemarcator: prop.text({
    name: 'Message Demarcator',
    description:
      'Specifies the string (interpreted as UTF-8) to use for demarcating multiple messages within a single FlowFile. If not specified, the entire content of the FlowFile will be used as a single message. If specified, the contents of the FlowFile will be split on this delimiter and each section sent as a separate Kafka message (empty sections are skipped). To enter special character such as a new line, press Shift+Enter.',
    el: 'flowfile',
  }),
  attributeHeaderPattern: prop.string({
    name: 'FlowFile Attribute Header Pattern',
    description:
      'A Regular Expression that is matched against all FlowFile attribute names. Any attribute whose name matches the pattern will be added to the Kafka messages as a Header. If not specified, no FlowFile attributes will be added as headers.',
    validate: validJavaRegex,
  }),
  headerEncoding: prop.choice({
    name: 'Header Encoding',
    description:
      'For any attribute that is added as a Kafka Record Header, this property indicates the Character Encoding to use for serializing the headers.',
    values: HEADER_CHARSETS,
    default: 'UTF-8',
  }),
  kafkaKey: prop.string({
    name: 'Kafka Key',
    description:
      "The Key to use for the Message. If not specified, the FlowFile attribute 'kafka.key' is used as the message key, if it is present. Beware that setting Kafka key and demarcating at the same time may potentially lead to many Kafka messages with the same key, which topic compaction deduplicates.",
    el: 'flowfile',
  }),
  keyAttributeEncoding: prop.choice({
    name: 'Kafka Key Attribute Encoding',
    description: 'How the Kafka Key (or the kafka.key attribute) is turned into the key bytes',
    values: [
      {
        value: 'utf-8',
        displayName: 'UTF-8 Encoded',
        description: 'The key is interpreted as a UTF-8 Encoded string.',
      },
      {
        value: 'hex',
        displayName: 'Hex Encoded',
        description:
          'The key is interpreted as arbitrary binary data that is encoded using hexadecimal characters',
      },
    ],
    default: 'utf-8',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** What one start prepares. */
interface Scheduled {
  readonly headerPattern: RegExp | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function acksOf(value: '0' | '1' | 'all'): Acks {
  return value === 'all' ? -1 : value === '1' ? 1 : 0;
}

/** Takes flowfiles up to NiFi's batch limits; a first flowfile over the byte limit goes alone. */
function takeBatch(session: ProcessSession): FlowFile[] {
  const batch: FlowFile[] = [];
  let bytes = 0;
  while (batch.length < MAX_FLOWFILES && bytes < MAX_BATCH_BYTES) {
    const flowFile = session.get();
    if (!flowFile) break;
    batch.push(flowFile);
    bytes += flowFile.size;
  }
  return batch;
}

/** The topic and what goes with each message of the flowfile, or why it cannot be published. */
function targetOf(
  ctx: Context,
  flowFile: FlowFile,
  scheduled: Scheduled,
): PublishTarget | { readonly problem: string } {
  let topic: string;
  let partitionText: string | undefined;
  let keyText: string | undefined;
  try {
    topic = ctx.requiredProperty('topicName', flowFile).trim();
    partitionText = ctx.property('partition', flowFile)?.trim();
    keyText = ctx.property('kafkaKey', flowFile) ?? flowFile.attributes['kafka.key'];
  } catch (error) {
    return { problem: `Could not evaluate the properties: ${messageOf(error)}` };
  }
  if (topic === '') return { problem: 'Topic Name evaluated to an empty string' };
  let partition: number | undefined;
  if (partitionText) {
    if (!/^\d+$/.test(partitionText)) {
      return { problem: `Partition '${partitionText}' is not a partition number (0 or more)` };
    }
    partition = Number(partitionText);
  }
  let key: Buffer | null = null;
  // An empty key (an expression giving nothing) means no key: the messages then spread over the
  // partitions instead of all hashing to one.
  if (keyText) {
    try {
      key = keyBytes(keyText, ctx.property('keyAttributeEncoding') ?? 'utf-8');
    } catch (error) {
      return { problem: messageOf(error) };
    }
  }
  const headers: IHeaders = {};
  if (scheduled.headerPattern) {
    const encoding = bufferEncodingOf(ctx.property('headerEncoding') ?? 'UTF-8');
    for (const [name, value] of Object.entries(flowFile.attributes)) {
      if (scheduled.headerPattern.test(name)) headers[name] = Buffer.from(value, encoding);
    }
  }
  return { topic, partition, key, headers };
}

/** A flowfile's result: its outcome, and its topic when that could be evaluated. */
interface Published {
  readonly outcome: PublishOutcome;
  readonly topic: string | undefined;
}

/** Publishes one flowfile: its messages, one per demarcated part or its whole content. */
async function publishOne(
  ctx: Context,
  session: ProcessSession,
  flowFile: FlowFile,
  scheduled: Scheduled,
  settings: PublishSettings,
): Promise<Published> {
  const target = targetOf(ctx, flowFile, scheduled);
  if ('problem' in target) {
    return { outcome: { kind: 'refused', sent: 0, reason: target.problem }, topic: undefined };
  }
  let demarcator: string | undefined;
  try {
    demarcator = ctx.property('messageDemarcator', flowFile);
  } catch (error) {
    const reason = `Could not evaluate the Message Demarcator: ${messageOf(error)}`;
    return { outcome: { kind: 'refused', sent: 0, reason }, topic: target.topic };
  }
  let messages: AsyncIterable<Buffer>;
  if (demarcator) {
    messages = demarcatedMessages(
      session.read(flowFile),
      Buffer.from(demarcator, 'utf8'),
      settings.maxRequestSize,
    );
  } else if (flowFile.size > settings.maxRequestSize) {
    const reason = `The FlowFile's content is ${flowFile.size} bytes, more than the Max Request Size of ${settings.maxRequestSize} bytes`;
    return { outcome: { kind: 'refused', sent: 0, reason }, topic: target.topic };
  } else {
    const whole = await session.readBuffer(flowFile);
    messages = (async function* () {
      yield whole;
    })();
  }
  return { outcome: await publishMessages(messages, target, settings), topic: target.topic };
}

/**
 * The flowfile's whole content as one message for the topic's default partitioner, which can
 * share a send with other flowfiles' messages; undefined when the flowfile is sent on its own
 * (demarcated, an explicit partition, over Max Request Size, or a property that does not
 * evaluate: {@link publishOne} says why).
 */
async function sharedMessage(
  ctx: Context,
  session: ProcessSession,
  flowFile: FlowFile,
  scheduled: Scheduled,
  settings: PublishSettings,
): Promise<{ topic: string; message: SharedMessage } | undefined> {
  const target = targetOf(ctx, flowFile, scheduled);
  if ('problem' in target || target.partition !== undefined) return undefined;
  try {
    if (ctx.property('messageDemarcator', flowFile)) return undefined;
  } catch {
    return undefined;
  }
  const { key, headers } = target;
  if (flowFile.size + messageOverhead(key, headers) > settings.maxRequestSize) return undefined;
  return {
    topic: target.topic,
    message: { value: await session.readBuffer(flowFile), key, headers },
  };
}

/**
 * Publishes a batch in queue order. Consecutive flowfiles that are one whole message each for the
 * same topic share sends (one round trip for many, instead of one each); when Kafka refuses such
 * a send, its flowfiles are sent again one at a time, so the refusal lands on the flowfile Kafka
 * refuses. Resolves with each flowfile's result, or with the reason Kafka could not be reached.
 */
async function publishBatch(
  ctx: Context,
  session: ProcessSession,
  flowFiles: readonly FlowFile[],
  scheduled: Scheduled,
  settings: PublishSettings,
): Promise<Published[] | { readonly unreachable: string }> {
  const results: Published[] = [];
  let group: { topic: string; flowFiles: FlowFile[]; messages: SharedMessage[] } | undefined;
  const alone = async (flowFile: FlowFile): Promise<string | undefined> => {
    const result = await publishOne(ctx, session, flowFile, scheduled, settings);
    if (result.outcome.kind === 'unreachable') return result.outcome.reason;
    results.push(result);
    return undefined;
  };
  const flush = async (): Promise<string | undefined> => {
    if (!group) return undefined;
    const { topic, flowFiles: members, messages } = group;
    group = undefined;
    const outcome = await publishTogether(topic, messages, settings);
    if (outcome.kind === 'unreachable') return outcome.reason;
    const sent = outcome.kind === 'sent' ? members.length : outcome.sent;
    for (let i = 0; i < sent; i++) results.push({ outcome: { kind: 'sent', messages: 1 }, topic });
    for (const flowFile of members.slice(sent)) {
      const unreachable = await alone(flowFile);
      if (unreachable) return unreachable;
    }
    return undefined;
  };
  for (const flowFile of flowFiles) {
    const shared = await sharedMessage(ctx, session, flowFile, scheduled, settings);
    if (!shared || shared.topic !== group?.topic) {
      const unreachable = await flush();
      if (unreachable) return { unreachable };
    }
    if (shared) {
      group ??= { topic: shared.topic, flowFiles: [], messages: [] };
      group.flowFiles.push(flowFile);
      group.messages.push(shared.message);
      continue;
    }
    const unreachable = await alone(flowFile);
    if (unreachable) return { unreachable };
  }
  const unreachable = await flush();
  return unreachable ? { unreachable } : results;
}

/**
 * PublishKafka: sends each flowfile's content to a Kafka topic as one message, or as one message
 * per demarcated part, with a key and headers from attributes. A flowfile goes to success only
 * once Kafka acknowledged all of its messages (per the Delivery Guarantee); while Kafka cannot be
 * reached the flowfiles are rolled back (penalized) and the processor yields, so nothing is lost
 * even with an auto-terminated failure relationship.
 */
export const PublishKafka = defineProcessor({
  type: 'PublishKafka',
  description:
    "Sends the contents of a FlowFile as a message, or as several messages split on a Message Demarcator, to Apache Kafka. The complementary processor for fetching messages is ConsumeKafka. FlowFiles that Kafka refuses (missing topic, message too large) follow the Failure Strategy; while Kafka cannot be reached FlowFiles are rolled back and the processor yields. Kafka transactions (NiFi's Transactions Enabled) are not supported: a FlowFile refused part-way through leaves its earlier messages published, and a FlowFile rolled back after a partial send is sent again (at-least-once).",
  tags: ['Apache', 'Kafka', 'Put', 'Send', 'Message', 'PubSub'],
  properties,
  relationships: {
    success: 'FlowFiles for which all content was sent to Kafka.',
    failure: 'Any FlowFile that cannot be sent to Kafka will be routed to this Relationship',
  },
  onScheduled(ctx): Scheduled {
    const pattern = ctx.property('attributeHeaderPattern');
    return { headerPattern: pattern ? compileJavaFullMatch(pattern).regex : undefined };
  },
  async onTrigger(ctx, session, scheduled) {
    const flowFiles = takeBatch(session);
    if (flowFiles.length === 0) return;
    const service: KafkaConnectionService = ctx.requiredProperty('kafkaConnectionService');
    const where = service.bootstrapServers.join(',');
    const rollBack = (reason: string): void => {
      ctx.log.error(
        `${reason}; ${flowFiles.length} FlowFiles were rolled back to the queue and penalized, and the processor yields`,
      );
      session.rollback({ penalize: true });
      ctx.yield();
    };
    let producer: Producer;
    try {
      producer = await service.producer();
    } catch (error) {
      return rollBack(messageOf(error));
    }
    const partitionCounts = new Map<string, Promise<number>>();
    const settings: PublishSettings = {
      producer,
      acks: acksOf(ctx.property('deliveryGuarantee') ?? 'all'),
      compression: compressionOf(ctx.property('compressionType') ?? 'none'),
      ackWaitMs: service.ackWaitMs,
      maxRequestSize: ctx.property('maxRequestSize') ?? 1024 * 1024,
      where,
      partitionCount: (topic) => {
        let count = partitionCounts.get(topic);
        if (!count) {
          count = service
            .admin()
            .then((admin) => admin.fetchTopicMetadata({ topics: [topic] }))
            .then(({ topics }) => topics[0]?.partitions.length ?? 0);
          partitionCounts.set(topic, count);
        }
        return count;
      },
    };
    // Messages keep the queue's order within a partition, and a refusal is the refused FlowFile's alone.
    const results = await publishBatch(ctx, session, flowFiles, scheduled, settings);
    if ('unreachable' in results) return rollBack(results.unreachable);
    const refused = results.filter((r) => r.outcome.kind === 'refused');
    if (refused.length > 0 && ctx.property('failureStrategy') === 'Rollback') {
      const first = refused[0]!.outcome;
      return rollBack(
        `${first.kind === 'refused' ? first.reason : ''} (Failure Strategy Rollback)`,
      );
    }
    results.forEach(({ outcome, topic }, i) => {
      let flowFile = flowFiles[i]!;
      switch (outcome.kind) {
        case 'sent': {
          flowFile = session.putAttribute(flowFile, 'msg.count', String(outcome.messages));
          session.adjustCounter('Messages Sent', outcome.messages);
          session.provenance.send(
            flowFile,
            service.transitUri(topic ?? ''),
            `${outcome.messages} messages`,
          );
          session.transfer(flowFile, 'success');
          return;
        }
        case 'refused': {
          const sentNote =
            outcome.sent > 0 ? ` (${outcome.sent} of its messages were sent before)` : '';
          ctx.log.error(
            `Could not publish ${flowFile.id}${sentNote}: ${outcome.reason}; routing to failure`,
            flowFile,
          );
          flowFile = session.putAttribute(
            flowFile,
            PUBLISH_KAFKA_FAILURE_ATTRIBUTE,
            outcome.reason,
          );
          session.transfer(session.penalize(flowFile), 'failure');
          return;
        }
        case 'unreachable':
          // Handled above: the whole session was rolled back.
          return;
        default: {
          const _exhaustive: never = outcome;
          throw new Error(`Unknown outcome ${String(_exhaustive)}`);
        }
      }
    });
  },
});
