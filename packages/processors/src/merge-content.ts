import { readFile } from 'node:fs/promises';
import {
  defineProcessor,
  prop,
  type FlowFile,
  type FlowFileFilterResult,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import {
  ATTRIBUTE_STRATEGIES,
  mergedAttributes,
  type AttributeStrategy,
} from './merge/attribute-strategy.js';
import { Bin, type BinLimits, type EvictionReason } from './merge/bin.js';
import { BinManager, type ReadyBin } from './merge/bin-manager.js';
import { concatenation, type Delimiters } from './merge/concatenation.js';
import { fragmentOf } from './merge/fragments.js';

/** Attribute the flowfiles routed to `failure` carry: why they could not be merged. */
export const MERGE_CONTENT_FAILURE_ATTRIBUTE = 'mergecontent.failure.reason';

/** NiFi's Delimiter Strategy values. */
type DelimiterStrategy = 'Do Not Use Delimiters' | 'Filename' | 'Text';

/** MergeContent's properties, with NiFi's display names. */
const MERGE_CONTENT_PROPERTIES = {
  mergeStrategy: prop.choice({
    name: 'Merge Strategy',
    description:
      "Specifies the algorithm used to merge content. The 'Defragment' algorithm combines fragments that are associated by attributes back into a single cohesive FlowFile. The 'Bin-Packing Algorithm' generates a FlowFile populated by arbitrarily chosen FlowFiles",
    values: [
      {
        value: 'Bin-Packing Algorithm',
        description:
          "Generates 'bins' of FlowFiles and fills each bin as full as possible. FlowFiles are placed into a bin based on their size and optionally their attributes (if the <Correlation Attribute> property is set)",
      },
      {
        value: 'Defragment',
        description:
          'Combines fragments that are associated by attributes back into a single cohesive FlowFile. If using this strategy, all FlowFiles must have the attributes <fragment.identifier>, <fragment.count>, and <fragment.index>. ' +
          'All FlowFiles with the same value for "fragment.identifier" will be grouped together. All FlowFiles in this group must have the same value for the "fragment.count" attribute. All FlowFiles in this group must have a unique value for the "fragment.index" attribute.',
      },
    ],
    default: 'Bin-Packing Algorithm',
  }),
  mergeFormat: prop.choice({
    name: 'Merge Format',
    description: 'Determines the format that will be used to merge the content.',
    values: [
      {
        value: 'Binary Concatenation',
        description:
          'The contents of all FlowFiles will be concatenated together into a single FlowFile',
      },
    ],
    default: 'Binary Concatenation',
  }),
  attributeStrategy: prop.choice({
    name: 'Attribute Strategy',
    description:
      "Determines which FlowFile attributes should be added to the bundle. If 'Keep All Unique Attributes' is selected, any attribute on any FlowFile that gets bundled will be kept unless its value conflicts with the value from another FlowFile. " +
      "If 'Keep Only Common Attributes' is selected, only the attributes that exist on all FlowFiles in the bundle, with the same value, will be preserved. " +
      "If 'Keep First Attributes' is selected, for each attribute the first occurrence across all FlowFiles will be kept.",
    values: ATTRIBUTE_STRATEGIES,
    default: 'Keep Only Common Attributes',
  }),
  correlationAttributeName: prop.string({
    name: 'Correlation Attribute Name',
    description:
      "If specified, like FlowFiles will be binned together, where 'like FlowFiles' means FlowFiles that have the same value for this Attribute. If not specified, FlowFiles are bundled by the order in which they are pulled from the queue. Bin-Packing Algorithm only.",
    el: 'flowfile',
  }),
  minimumNumberOfEntries: prop.integer({
    name: 'Minimum Number of Entries',
    description: 'The minimum number of files to include in a bundle. Bin-Packing Algorithm only.',
    default: '1',
    min: 1,
  }),
  maximumNumberOfEntries: prop.integer({
    name: 'Maximum Number of Entries',
    description: 'The maximum number of files to include in a bundle. Bin-Packing Algorithm only.',
    default: '1000',
    min: 1,
  }),
  minimumGroupSize: prop.dataSize({
    name: 'Minimum Group Size',
    description: 'The minimum size for the bundle. Bin-Packing Algorithm only.',
    default: '0 B',
  }),
  maximumGroupSize: prop.dataSize({
    name: 'Maximum Group Size',
    description:
      'The maximum size for the bundle. If not specified, there is no maximum. A FlowFile larger than it is merged alone. Bin-Packing Algorithm only.',
  }),
  maxBinAge: prop.duration({
    name: 'Max Bin Age',
    description:
      'The maximum age of a Bin that will trigger a Bin to be complete. Expected format is <duration> <time unit>, e.g. "5 mins". ' +
      'With Defragment, the fragments of a bin still incomplete at this age go to failure.',
  }),
  maximumNumberOfBins: prop.integer({
    name: 'Maximum number of Bins',
    description: 'Specifies the maximum number of bins that can be held in memory at any one time',
    default: '5',
    min: 1,
  }),
  delimiterStrategy: prop.choice({
    name: 'Delimiter Strategy',
    description:
      'Determines if Header, Footer, and Demarcator should point to files containing the respective content, or if the values of the properties should be used as the content.',
    values: [
      {
        value: 'Do Not Use Delimiters',
        description: 'No Header, Footer, or Demarcator will be used',
      },
      {
        value: 'Filename',
        description:
          'The values of Header, Footer, and Demarcator will be retrieved from the contents of a file',
      },
      {
        value: 'Text',
        description:
          'The values of Header, Footer, and Demarcator will be specified as property values',
      },
    ],
    default: 'Do Not Use Delimiters',
  }),
  header: prop.text({
    name: 'Header',
    description:
      'Filename or text specifying the header to use. If not specified, no header is supplied. Evaluated against the first FlowFile of the bin.',
    el: 'flowfile',
  }),
  footer: prop.text({
    name: 'Footer',
    description:
      'Filename or text specifying the footer to use. If not specified, no footer is supplied. Evaluated against the first FlowFile of the bin.',
    el: 'flowfile',
  }),
  demarcator: prop.text({
    name: 'Demarcator',
    description:
      'Filename or text specifying the demarcator to use. If not specified, no demarcator is supplied. Evaluated against the first FlowFile of the bin.',
    el: 'flowfile',
  }),
};

/** What MergeContent's helpers see of its configuration. */
type MergeContext = ProcessContext<typeof MERGE_CONTENT_PROPERTIES>;

/** What MergeContent keeps from one start to its stop: the bins, and its settings. */
interface Scheduled {
  readonly bins: BinManager;
  readonly defragment: boolean;
  readonly maxBinAgeMs: number | undefined;
  readonly attributeStrategy: AttributeStrategy;
  readonly delimiterStrategy: DelimiterStrategy;
}

/** What one look at the queue found. */
interface Look {
  /** Every flowfile the queue offered, binned or not. */
  readonly queued: Set<string>;
  /** Flowfiles that go to failure now, with why. */
  readonly rejected: Map<string, string>;
  /** Flowfiles larger than Maximum Group Size: each merged alone, as NiFi does. */
  readonly alone: Bin[];
  binned: number;
  /** A flowfile needed a new bin while Maximum number of Bins existed. */
  newBinNeeded: boolean;
}

/** A bin of its own for a flowfile no bin can take. */
const UNLIMITED: BinLimits = {
  minEntries: 0,
  maxEntries: Number.POSITIVE_INFINITY,
  minSize: 0,
  maxSize: Number.POSITIVE_INFINITY,
};

/** Puts a newly seen flowfile in a bin, or says why it cannot be merged. */
function place(
  ctx: MergeContext,
  scheduled: Scheduled,
  flowFile: FlowFile,
  look: Look,
  now: number,
): void {
  const { bins } = scheduled;
  let outcome;
  if (scheduled.defragment) {
    const fragment = fragmentOf(flowFile);
    if (!fragment.ok) {
      look.rejected.set(flowFile.id, fragment.reason);
      return;
    }
    const entry = { flowFile, fragmentIndex: fragment.index };
    outcome = bins.offer(fragment.identifier, entry, now, fragment.count);
    if (outcome === 'duplicate') {
      look.rejected.set(
        flowFile.id,
        `Cannot Defragment: another fragment of fragment.identifier ${fragment.identifier} has fragment.index ${fragment.index}`,
      );
      return;
    }
  } else {
    let group: string | null;
    try {
      const name = ctx.property('correlationAttributeName', flowFile);
      group = name ? (flowFile.attributes[name] ?? null) : null;
    } catch (error) {
      look.rejected.set(flowFile.id, `Correlation Attribute Name: ${messageOf(error)}`);
      return;
    }
    const limits = bins.limits as BinLimits;
    if (flowFile.size > limits.maxSize) {
      const bin = new Bin(group, now, UNLIMITED);
      bin.offer({ flowFile });
      look.alone.push(bin);
      return;
    }
    outcome = bins.offer(group, { flowFile }, now);
  }
  if (outcome === 'binned') look.binned++;
  else look.newBinNeeded = true;
}

/** The Header, Demarcator and Footer for a bin, evaluated against its first flowfile (as NiFi). */
async function delimitersFor(
  ctx: MergeContext,
  strategy: DelimiterStrategy,
  first: FlowFile,
): Promise<Delimiters> {
  const keys = ['header', 'demarcator', 'footer'] as const;
  const valueOf = (key: (typeof keys)[number]): string | undefined => {
    try {
      return ctx.property(key, first);
    } catch (error) {
      throw new MergeFailure(`Cannot evaluate the ${key}: ${messageOf(error)}`);
    }
  };
  switch (strategy) {
    case 'Do Not Use Delimiters':
      return {};
    case 'Text': {
      const delimiters: Record<string, Uint8Array> = {};
      for (const key of keys) {
        const value = valueOf(key);
        if (value) delimiters[key] = Buffer.from(value, 'utf8');
      }
      return delimiters;
    }
    case 'Filename': {
      const delimiters: Record<string, Uint8Array> = {};
      for (const key of keys) {
        const file = valueOf(key);
        if (!file) continue;
        try {
          delimiters[key] = await readFile(file);
        } catch (error) {
          throw new MergeFailure(`Cannot read the ${key} file ${file}: ${messageOf(error)}`);
        }
      }
      return delimiters;
    }
    default: {
      const exhaustive: never = strategy;
      throw new Error(`Unknown Delimiter Strategy ${String(exhaustive)}`);
    }
  }
}

/** A bin that cannot be merged for a reason of its own: its flowfiles go to failure. */
class MergeFailure extends Error {
  override readonly name = 'MergeFailure';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** NiFi's Binary Concatenation mime.type: the one all flowfiles share, else octet-stream. */
function mimeTypeOf(flowFiles: readonly FlowFile[]): string {
  const first = flowFiles[0]?.attributes['mime.type'];
  return first !== undefined && flowFiles.every((f) => f.attributes['mime.type'] === first)
    ? first
    : 'application/octet-stream';
}

/** NiFi's createFilename: one flowfile keeps its name; a bundle takes segment.original.filename. */
function filenameOf(merged: FlowFile, flowFiles: readonly FlowFile[]): string {
  const [first] = flowFiles;
  if (flowFiles.length === 1) return first!.attributes['filename'] ?? merged.id;
  // NiFi falls back to System.nanoTime().
  return first!.attributes['segment.original.filename'] ?? String(process.hrtime.bigint());
}

/** Merges one ready bin, or sends its flowfiles to failure with the reason. */
async function mergeBin(
  ctx: MergeContext,
  session: ProcessSession,
  scheduled: Scheduled,
  { bin, reason }: ReadyBin,
  taken: ReadonlyMap<string, FlowFile>,
): Promise<void> {
  let entries = bin.entries;
  const fail = (problem: string): void => {
    ctx.log.error(`${problem}; routing ${entries.length} FlowFile(s) to failure`);
    for (const { flowFile } of entries) {
      const failed = session.putAttribute(
        taken.get(flowFile.id)!,
        MERGE_CONTENT_FAILURE_ATTRIBUTE,
        problem,
      );
      session.transfer(failed, 'failure');
    }
  };
  if (scheduled.defragment) {
    const problem = bin.defragmentProblem();
    if (problem !== undefined) {
      fail(
        reason === 'TIMEOUT'
          ? `Cannot Defragment after Max Bin Age: ${problem}`
          : `Cannot Defragment: ${problem}`,
      );
      return;
    }
    entries = [...entries].sort((a, b) => a.fragmentIndex! - b.fragmentIndex!);
  }
  const flowFiles = entries.map((e) => taken.get(e.flowFile.id)!);
  let delimiters: Delimiters;
  try {
    delimiters = await delimitersFor(ctx, scheduled.delimiterStrategy, flowFiles[0]!);
  } catch (error) {
    if (!(error instanceof MergeFailure)) throw error;
    fail(error.message);
    return;
  }
  let merged = session.create(flowFiles);
  merged = await session.write(merged, await concatenation(session, flowFiles, delimiters));
  merged = session.putAllAttributes(merged, {
    ...mergedAttributes(
      scheduled.attributeStrategy,
      flowFiles.map((f) => f.attributes),
    ),
    'mime.type': mimeTypeOf(flowFiles),
    filename: filenameOf(merged, flowFiles),
    'merge.count': String(flowFiles.length),
    'merge.bin.age': String(Date.now() - bin.created),
    'merge.reason': reason,
  });
  session.transfer(merged, 'merged');
  for (const flowFile of flowFiles) {
    session.transfer(session.putAttribute(flowFile, 'merge.uuid', merged.id), 'original');
  }
  ctx.log.info(
    `Merged ${flowFiles.length} FlowFile(s) into ${merged.id}. Reason for merging: ${reason}`,
  );
}

/**
 * NiFi's MergeContent: merges groups of flowfiles into one, by bin-packing (optionally binning
 * like flowfiles by a correlation attribute) or by reassembling the fragments a split made.
 *
 * Where the binned flowfiles live. NiFi takes flowfiles into bins held in un-committed sessions,
 * which a restart rolls back. Sluice keeps them in the input queue instead, where they are
 * already durable: each trigger looks at the queue with a filter that takes nothing
 * (`session.get(filter)`), bins the flowfiles it has not seen (the bins hold only their records),
 * and takes the flowfiles of the bins that are ready — all of them, and nothing else — with a
 * second filter in the same synchronous step. The merged flowfile, the originals and the
 * acknowledgement of the taken flowfiles are then one commit. So a crash at any moment leaves
 * every flowfile either queued (its bin is rebuilt on the next start) or merged, never both, and
 * none is lost. Flowfiles that leave the queue otherwise (emptied, expired) are forgotten by
 * their bins. As NiFi's in-flight flowfiles do, binned flowfiles count against the input
 * connection's back-pressure thresholds: keep them above Maximum Number of Entries × Maximum
 * number of Bins. Bins only see flowfiles held in memory, not ones swapped to disk.
 *
 * When bins are merged (NiFi's BinFiles): in a trigger that binned new flowfiles, only full bins
 * (Maximum Number of Entries or Maximum Group Size reached, or minimums met and the bin keeps
 * refusing flowfiles); in a trigger that found nothing new, every bin meeting its minimums; any
 * bin older than Max Bin Age; and the oldest bin when a flowfile needs a new bin while Maximum
 * number of Bins exist. A trigger with nothing to do yields, so Max Bin Age is checked at least
 * once per yield duration while bins wait. Bin ages restart when the processor is started.
 */
export const MergeContent = defineProcessor({
  // The bins are this processor's memory of its queue; two tasks at once would bin twice.
  triggerSerially: true,
  type: 'MergeContent',
  description:
    'Merges a Group of FlowFiles together based on a user-defined strategy and packages them into a single FlowFile. ' +
    'It is recommended that the Processor be configured with only a single incoming connection, as Group of FlowFiles will not be created from FlowFiles in different connections. ' +
    'This processor updates the mime.type attribute as appropriate. ' +
    'Binned FlowFiles stay in the input queue until their bin is merged, so a crash neither loses nor duplicates them; they count against its back-pressure. ' +
    'Sluice supports the Binary Concatenation format only (not TAR, ZIP, FlowFile Stream/Tar or Avro); Max Bin Age may be under a second; ' +
    `a duplicate or malformed fragment goes to failure at once; failed FlowFiles carry the reason in ${MERGE_CONTENT_FAILURE_ATTRIBUTE}.`,
  tags: ['merge', 'content', 'correlation', 'stream', 'concatenation', 'archive'],
  properties: MERGE_CONTENT_PROPERTIES,
  relationships: {
    original: 'The FlowFiles that were used to create the bundle',
    merged: 'The FlowFile containing the merged content',
    failure: `If the bundle cannot be created, all FlowFiles that would have been used to created the bundle will be transferred to failure, with the reason in ${MERGE_CONTENT_FAILURE_ATTRIBUTE}`,
  },
  validate(ctx) {
    const issues = [];
    const number = (key: 'minimumNumberOfEntries' | 'maximumNumberOfEntries', fallback: string) =>
      Number((ctx.raw(key) ?? fallback).trim());
    if (number('minimumNumberOfEntries', '1') > number('maximumNumberOfEntries', '1000')) {
      issues.push({
        property: 'minimumNumberOfEntries',
        message: "'Minimum Number of Entries' cannot be larger than 'Maximum Number of Entries'",
      });
    }
    return issues;
  },
  onScheduled(ctx): Scheduled {
    const defragment = ctx.requiredProperty('mergeStrategy') === 'Defragment';
    const minSize = ctx.requiredProperty('minimumGroupSize');
    const maxSize = ctx.property('maximumGroupSize') ?? Number.POSITIVE_INFINITY;
    if (!defragment && minSize > maxSize) {
      throw new Error("'Minimum Group Size' cannot be larger than 'Maximum Group Size'");
    }
    const limits: BinLimits | 'defragment' = defragment
      ? 'defragment'
      : {
          minEntries: ctx.requiredProperty('minimumNumberOfEntries'),
          maxEntries: ctx.requiredProperty('maximumNumberOfEntries'),
          minSize,
          maxSize,
        };
    return {
      bins: new BinManager(limits, ctx.requiredProperty('maximumNumberOfBins')),
      defragment,
      maxBinAgeMs: ctx.property('maxBinAge'),
      attributeStrategy: ctx.requiredProperty('attributeStrategy'),
      delimiterStrategy: ctx.requiredProperty('delimiterStrategy'),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const now = Date.now();
    const { bins } = scheduled;
    const look: Look = {
      queued: new Set(),
      rejected: new Map(),
      alone: [],
      binned: 0,
      newBinNeeded: false,
    };
    // A look at the queue that takes nothing: new flowfiles are binned where they are.
    session.get((flowFile): FlowFileFilterResult => {
      look.queued.add(flowFile.id);
      if (!bins.has(flowFile.id)) place(ctx, scheduled, flowFile, look, now);
      return 'REJECT_AND_CONTINUE';
    });
    bins.keepOnly(look.queued);

    const ready = bins.takeReady(look.binned === 0, now, scheduled.maxBinAgeMs);
    if (ready.length === 0 && look.newBinNeeded) {
      const oldest = bins.takeOldest();
      if (oldest !== undefined) ready.push({ bin: oldest, reason: 'BIN_MANAGER_FULL' });
    }
    for (const bin of look.alone) ready.push({ bin, reason: 'UNSET' satisfies EvictionReason });
    if (ready.length === 0 && look.rejected.size === 0) {
      if (look.binned === 0) ctx.yield();
      return;
    }

    // Takes exactly the flowfiles of the ready bins and the rejected ones, with no await since
    // the look: the queue is as it was seen.
    const wanted = new Set(look.rejected.keys());
    for (const { bin } of ready) for (const entry of bin.entries) wanted.add(entry.flowFile.id);
    let missing = wanted.size;
    const taken = new Map<string, FlowFile>();
    for (const flowFile of session.get((f): FlowFileFilterResult => {
      if (!wanted.has(f.id)) return 'REJECT_AND_CONTINUE';
      return --missing === 0 ? 'ACCEPT_AND_TERMINATE' : 'ACCEPT_AND_CONTINUE';
    })) {
      taken.set(flowFile.id, flowFile);
    }
    if (taken.size !== wanted.size) {
      throw new Error(
        `${wanted.size - taken.size} binned FlowFile(s) could not be taken from the input queue; the bins are rebuilt on the next trigger`,
      );
    }

    for (const [id, reason] of look.rejected) {
      const flowFile = taken.get(id)!;
      ctx.log.error(
        `${reason}; routing ${flowFile.attributes['filename'] ?? id} to failure`,
        flowFile,
      );
      session.transfer(
        session.putAttribute(flowFile, MERGE_CONTENT_FAILURE_ATTRIBUTE, reason),
        'failure',
      );
    }
    for (const readyBin of ready) await mergeBin(ctx, session, scheduled, readyBin, taken);
  },
});
