import { defineProcessor, prop, type ValidationIssue } from '@sluice/engine';
import { compileJavaFullMatch } from '@sluice/expression-language';
import { KafkaConnectionServiceApi } from './services/kafka-connection-service.js';
import {
  bufferEncodingOf,
  HEADER_CHARSETS,
  KEY_ENCODINGS,
} from './support/kafka/kafka-encoding.js';
import { KafkaRecordSource } from './support/kafka/kafka-record-source.js';
import { recordFlowFiles, type RecordOutputSettings } from './support/kafka/record-flowfiles.js';
import { validJavaRegex } from './support/regex-validation.js';

/** Most record bytes a consumer holds before it pauses, whatever Max Poll Records allows. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

const properties = {
  kafkaConnectionService: prop.service({
    name: 'Kafka Connection Service',
    description: 'Provides connections to Kafka Broker for publishing Kafka Records',
    required: true,
    api: KafkaConnectionServiceApi,
  }),
  groupId: prop.string({
    name: 'Group ID',
    description: 'Kafka Consumer Group Identifier corresponding to Kafka group.id property',
    required: true,
  }),
  topicFormat: prop.choice({
    name: 'Topic Format',
    description:
      'Specifies whether the Topics provided are a comma separated list of names or a single regular expression',
    values: [
      {
        value: 'names',
        displayName: 'names',
        description: 'Topic is a full topic name or comma separated list of names',
      },
      {
        value: 'pattern',
        displayName: 'pattern',
        description:
          'Topic is a regular expression according to the Java Pattern syntax, matched against the topics that exist when the processor starts',
      },
    ],
    default: 'names',
  }),
  topics: prop.string({
    name: 'Topics',
    description:
      'The name or pattern of the Kafka Topics from which the Processor consumes Kafka Records. More than one can be supplied if comma separated.',
    required: true,
    el: 'environment',
  }),
  autoOffsetReset: prop.choice({
    name: 'Auto Offset Reset',
    description:
      'Automatic offset configuration applied when no previous consumer offset found corresponding to Kafka auto.offset.reset property',
    values: [
      {
        value: 'earliest',
        displayName: 'earliest',
        description: 'Automatically reset the offset to the earliest offset',
      },
      {
        value: 'latest',
        displayName: 'latest',
        description: 'Automatically reset the offset to the latest offset',
      },
      {
        value: 'none',
        displayName: 'none',
        description:
          "Throw exception to the consumer if no previous offset found for the consumer's group",
      },
    ],
    default: 'latest',
  }),
  commitOffsets: prop.boolean({
    name: 'Commit Offsets',
    description:
      'Specifies whether this Processor should commit the offsets to Kafka after receiving messages. Offsets are committed only after the session that created the flowfiles is committed, so a crash replays messages rather than losing them.',
    default: 'true',
  }),
  maxUncommittedTime: prop.duration({
    name: 'Max Uncommitted Time',
    description:
      'Specifies the maximum amount of time allowed to pass before offsets must be committed: how long one run keeps collecting messages into its session before committing it. Larger values mean fewer, larger sessions and more latency.',
    default: '1 sec',
  }),
  maxPollRecords: prop.integer({
    name: 'Max Poll Records',
    description:
      'The most messages one run takes into its session, and the most the consumer keeps fetched ahead in memory (it also stops at 32 MB): beyond that it pauses fetching until runs drain what it holds.',
    default: '10000',
    min: 1,
    max: 1_000_000,
  }),
  headerNamePattern: prop.string({
    name: 'Header Name Pattern',
    description:
      'Regular Expression Pattern applied to Kafka Record Header Names for selecting Header Values to be written as FlowFile attributes',
    validate: validJavaRegex,
  }),
  headerEncoding: prop.choice({
    name: 'Header Encoding',
    description:
      'Character encoding applied when reading Kafka Record Header values and writing FlowFile attributes',
    values: HEADER_CHARSETS,
    default: 'UTF-8',
  }),
  processingStrategy: prop.choice({
    name: 'Processing Strategy',
    description: 'Strategy for processing Kafka Records and writing serialized output to FlowFiles',
    values: [
      {
        value: 'FLOW_FILE',
        displayName: 'FLOW_FILE',
        description: 'Write one FlowFile for each Kafka Record consumed',
      },
      {
        value: 'DEMARCATOR',
        displayName: 'DEMARCATOR',
        description: 'Write one FlowFile for each batch of Kafka Records consumed',
      },
    ],
    default: 'FLOW_FILE',
  }),
  keyAttributeEncoding: prop.choice({
    name: 'Key Attribute Encoding',
    description: 'Encoding for value of configured FlowFile attribute containing Kafka Record Key.',
    values: KEY_ENCODINGS,
    default: 'utf-8',
  }),
  messageDemarcator: prop.text({
    name: 'Message Demarcator',
    description:
      'With Processing Strategy DEMARCATOR: the string (interpreted as UTF-8) placed between the Kafka messages of one topic partition in a FlowFile. To enter special character such as a new line, press Shift+Enter.',
  }),
  separateByKey: prop.boolean({
    name: 'Separate By Key',
    description:
      'When this property is enabled, two messages will only be added to the same FlowFile if both of the Kafka Messages have identical keys.',
    default: 'false',
  }),
} as const;

/** What one start prepares: the consumer and the output settings. */
interface Scheduled {
  readonly source: KafkaRecordSource;
  readonly output: RecordOutputSettings;
  readonly maxRecords: number;
  readonly maxUncommittedMs: number;
  readonly transitUri: (topic: string) => string;
}

/**
 * ConsumeKafka: consumes messages from Kafka topics as a member of a consumer group, one flowfile
 * per message or per partition batch. Offsets are committed to Kafka only after the session that
 * holds the flowfiles is committed: at-least-once, as NiFi's ConsumeKafka.
 */
export const ConsumeKafka = defineProcessor({
  // One consumer per start, and offsets must be committed in order.
  triggerSerially: true,
  type: 'ConsumeKafka',
  description:
    'Consumes messages from Apache Kafka Consumer API. The complementary processor for sending messages is PublishKafka. Each message becomes a FlowFile (FLOW_FILE), or the messages of one topic partition taken in a run are joined with the Message Demarcator (DEMARCATOR). The consumer stays in its group while the processor runs, keeps up to Max Poll Records fetched ahead (pausing beyond that), and commits offsets only after the FlowFiles are committed, so a failure delivers messages again rather than losing them.',
  tags: ['Kafka', 'Get', 'Ingest', 'Ingress', 'Topic', 'PubSub', 'Consume'],
  inputRequirement: 'forbidden',
  properties,
  relationships: { success: 'FlowFiles containing one or more serialized Kafka Records' },
  validate(ctx) {
    const issues: ValidationIssue[] = [];
    if (
      ctx.raw('processingStrategy') === 'DEMARCATOR' &&
      (ctx.raw('messageDemarcator') ?? '') === ''
    ) {
      issues.push({
        property: 'messageDemarcator',
        message: "'Message Demarcator' is required when 'Processing Strategy' is DEMARCATOR",
      });
    }
    if (ctx.raw('topicFormat') === 'pattern' && !ctx.hasExpression('topics')) {
      const problem = validJavaRegex((ctx.raw('topics') ?? '').trim());
      if (problem) issues.push({ property: 'topics', message: `'Topics' ${problem}` });
    }
    return issues;
  },
  onScheduled(ctx): Scheduled {
    const service = ctx.requiredProperty('kafkaConnectionService');
    const topicsText = ctx.requiredProperty('topics');
    const topics =
      ctx.property('topicFormat') === 'pattern'
        ? compileJavaFullMatch(topicsText.trim()).regex
        : topicsText
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== '');
    if (Array.isArray(topics) && topics.length === 0) throw new Error("'Topics' names no topic");
    const commitOffsets = ctx.property('commitOffsets') ?? true;
    const maxRecords = ctx.property('maxPollRecords') ?? 10_000;
    const headerPattern = ctx.property('headerNamePattern');
    const source = new KafkaRecordSource({
      service,
      groupId: ctx.requiredProperty('groupId'),
      topics,
      autoOffsetReset: ctx.property('autoOffsetReset') ?? 'latest',
      limits: { maxRecords, maxBytes: MAX_BUFFERED_BYTES },
      commitOffsets,
      log: ctx.log,
    });
    return {
      source,
      maxRecords,
      maxUncommittedMs: ctx.property('maxUncommittedTime') ?? 1_000,
      transitUri: (topic) => service.transitUri(topic),
      output: {
        strategy: ctx.property('processingStrategy') ?? 'FLOW_FILE',
        demarcator: Buffer.from(ctx.property('messageDemarcator') ?? '', 'utf8'),
        separateByKey: ctx.property('separateByKey') ?? false,
        keyEncoding: ctx.property('keyAttributeEncoding') ?? 'utf-8',
        headerNamePattern: headerPattern ? compileJavaFullMatch(headerPattern).regex : undefined,
        headerEncoding: bufferEncodingOf(ctx.property('headerEncoding') ?? 'UTF-8'),
        commitOffsets,
      },
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const { source, output } = scheduled;
    await source.ensureStarted();
    const records = await source.take(
      scheduled.maxRecords,
      Date.now() + scheduled.maxUncommittedMs,
      ctx.signal,
    );
    if (records.length === 0) return;
    let committed = false;
    try {
      for (const out of recordFlowFiles(records, output)) {
        let flowFile = session.putAllAttributes(session.create(), out.attributes);
        flowFile = await session.write(flowFile, out.content);
        session.provenance.receive(flowFile, scheduled.transitUri(out.topic));
        session.transfer(flowFile, 'success');
      }
      await session.commit();
      committed = true;
    } finally {
      // Not committed: the records stay ours to emit again; Kafka still has them uncommitted too.
      if (!committed) source.giveBack(records);
    }
    await source.commit(records);
  },
  async onStopped(_ctx, scheduled) {
    await scheduled?.source.stop();
  },
});
