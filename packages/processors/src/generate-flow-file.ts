import { randomFillSync } from 'node:crypto';
import { defineProcessor, prop, type FlowFile, type ProcessContext } from '@sluice/engine';

/** NiFi's alphabet for Text data, so generated text looks the same as NiFi's. */
const TEXT_CHARS = Buffer.from(
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890!@#$%^&*()-_=+/?.,\';:"?<>\n\t ',
  'latin1',
);

/**
 * Content up to this size is handed to the session as one Buffer (the session buffers it and
 * writes each distinct Buffer once); larger content is streamed so it never sits in memory whole.
 */
const INLINE_LIMIT = 1024 * 1024;

/** Unique content above this size is streamed, so a large batch is not held in memory until commit. */
const UNIQUE_INLINE_LIMIT = 64 * 1024;

/** Size of the chunks a streamed content is generated in. */
const CHUNK_SIZE = 64 * 1024;

type DataFormat = 'Binary' | 'Text';

/** Per-start preparation: the shared content of non-unique flowfiles, generated once as NiFi does. */
interface Prepared {
  /** The whole shared content when it is small enough to keep. */
  readonly shared: Buffer | undefined;
  /** For large shared content: a random block repeated to the file size. */
  readonly sharedBlock: Buffer | undefined;
}

/** Fills `length` bytes of random data in the given format. */
function randomData(length: number, format: DataFormat): Buffer {
  const buffer = randomFillSync(Buffer.allocUnsafe(length));
  if (format === 'Text') {
    for (let i = 0; i < buffer.length; i++) buffer[i] = TEXT_CHARS[buffer[i]! % TEXT_CHARS.length]!;
  }
  return buffer;
}

/** Streams `size` fresh random bytes, one chunk at a time. */
async function* randomStream(size: number, format: DataFormat): AsyncIterable<Uint8Array> {
  for (let left = size; left > 0; left -= CHUNK_SIZE)
    yield randomData(Math.min(left, CHUNK_SIZE), format);
}

/** Streams `size` bytes made of `block` repeated, so large shared content needs one block of memory. */
async function* repeatedStream(size: number, block: Buffer): AsyncIterable<Uint8Array> {
  for (let left = size; left > 0; left -= block.length) {
    yield left >= block.length ? block : block.subarray(0, left);
  }
}

const properties = {
  fileSize: prop.dataSize({
    name: 'File Size',
    description:
      'The size of the file that will be used. Ignored when Custom Text is set. Content above 1 MB is streamed, never held in memory whole.',
    default: '0 B',
  }),
  batchSize: prop.integer({
    name: 'Batch Size',
    description: 'The number of FlowFiles to be transferred in each invocation',
    default: '1',
    min: 1,
  }),
  dataFormat: prop.choice({
    name: 'Data Format',
    description: 'Specifies whether the data should be Text or Binary',
    values: ['Binary', 'Text'],
    default: 'Text',
  }),
  uniqueFlowFiles: prop.boolean({
    name: 'Unique FlowFiles',
    description:
      'If true, each FlowFile that is generated will be unique. If false, a random value will be generated and all FlowFiles will get the same content but this offers much higher throughput',
    default: 'false',
  }),
  customText: prop.text({
    name: 'Custom Text',
    description:
      'If Data Format is text and if Unique FlowFiles is false, then this custom text will be used as content of the generated FlowFiles and the File Size will be ignored. When it holds an expression (e.g. ${UUID()} or ${now()}), each FlowFile gets its own evaluation.',
    el: 'environment',
  }),
  mimeType: prop.string({
    name: 'Mime Type',
    description: 'Specifies the value to set for the "mime.type" attribute.',
    el: 'environment',
  }),
} as const;

/** The configured size in whole bytes (NiFi sizes may be fractional, e.g. 1.5 KB). */
function fileSizeOf(ctx: ProcessContext<typeof properties>): number {
  return Math.floor(ctx.property('fileSize') ?? 0);
}

/**
 * GenerateFlowFile: creates flowfiles with random or custom content, for load tests and as the
 * start of simple flows. Dynamic properties become attributes.
 */
export const GenerateFlowFile = defineProcessor({
  type: 'GenerateFlowFile',
  description:
    'This processor creates FlowFiles with random data or custom content. GenerateFlowFile is useful for load testing, configuration, and simulation. Also see DuplicateFlowFile for additional load testing.',
  tags: ['test', 'random', 'generate', 'load'],
  inputRequirement: 'forbidden',
  properties,
  relationships: { success: 'All FlowFiles generated are routed to success' },
  dynamicProperties: {
    description:
      "Specifies an attribute on generated FlowFiles defined by the Dynamic Property's key and value. Each FlowFile gets its own evaluation, so ${UUID()} differs per FlowFile.",
    expressionScope: 'environment',
  },
  validate(ctx) {
    const custom = ctx.raw('customText');
    if (custom === undefined || custom === '') return [];
    const unique = ctx.raw('uniqueFlowFiles')?.trim().toLowerCase() === 'true';
    if (unique || ctx.raw('dataFormat') !== 'Text') {
      return [
        {
          property: 'customText',
          message:
            "If 'Custom Text' is set, then 'Data Format' must be Text and 'Unique FlowFiles' must be false",
        },
      ];
    }
    return [];
  },
  onScheduled(ctx): Prepared {
    // NiFi generates the shared content once per start; so do we, but only one block of a large one.
    const custom = ctx.property('customText');
    if (ctx.property('uniqueFlowFiles') || (custom !== undefined && custom !== '')) {
      return { shared: undefined, sharedBlock: undefined };
    }
    const size = fileSizeOf(ctx);
    const format = ctx.property('dataFormat') ?? 'Text';
    if (size <= INLINE_LIMIT) return { shared: randomData(size, format), sharedBlock: undefined };
    return { shared: undefined, sharedBlock: randomData(INLINE_LIMIT, format) };
  },
  async onTrigger(ctx, session, prepared) {
    const batchSize = ctx.property('batchSize') ?? 1;
    const format = ctx.property('dataFormat') ?? 'Text';
    const size = fileSizeOf(ctx);
    const mimeType = ctx.property('mimeType');
    // Without dynamic properties or a mime type there is nothing to set on each flowfile.
    const setsAttributes =
      ctx.dynamicPropertyNames.length > 0 || (mimeType !== undefined && mimeType !== '');
    const attributes = (): Record<string, string> => {
      // Evaluated per flowfile (NiFi evaluates once per batch) so ${UUID()} gives each its own value.
      const result = Object.fromEntries(ctx.dynamicProperties());
      if (mimeType !== undefined && mimeType !== '') result['mime.type'] = mimeType;
      return result;
    };
    const custom = ctx.raw('customText');
    const customIsSet = custom !== undefined && custom !== '';
    const customIsExpression = customIsSet && ctx.hasExpression('customText');
    // One Buffer for the batch: the session writes a Buffer it is given several times only once.
    const batchText = customIsSet && !customIsExpression ? Buffer.from(custom, 'utf8') : undefined;

    let sharedLarge: FlowFile | undefined;
    for (let i = 0; i < batchSize; i++) {
      let flowFile: FlowFile;
      if (sharedLarge) {
        // Large shared content is written once and cloned: clones reference the same claim.
        flowFile = session.clone(sharedLarge);
        flowFile = session.putAllAttributes(flowFile, { ...attributes(), filename: flowFile.id });
        session.transfer(flowFile, 'success');
        continue;
      }
      flowFile = session.create();
      if (setsAttributes) flowFile = session.putAllAttributes(flowFile, attributes());
      if (customIsSet) {
        const text = batchText ?? Buffer.from(ctx.property('customText') ?? '', 'utf8');
        if (text.length > 0) flowFile = await session.write(flowFile, text);
      } else if (size > 0) {
        if (prepared.shared) {
          flowFile = await session.write(flowFile, prepared.shared);
        } else if (prepared.sharedBlock) {
          flowFile = await session.write(flowFile, repeatedStream(size, prepared.sharedBlock));
          sharedLarge = flowFile;
        } else if (size <= UNIQUE_INLINE_LIMIT) {
          flowFile = await session.write(flowFile, randomData(size, format));
        } else {
          flowFile = await session.write(flowFile, randomStream(size, format));
        }
      }
      session.transfer(flowFile, 'success');
    }
  },
});
