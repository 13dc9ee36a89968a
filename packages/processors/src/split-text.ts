import { randomUUID } from 'node:crypto';
import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { LineScanner } from './text/line-scanner.js';
import { SequentialRangeReader } from './text/range-reader.js';
import {
  SplitPlanner,
  type SplitHeader,
  type SplitLimits,
  type SplitTable,
} from './text/split-plan.js';

/** Attribute a flowfile routed to `failure` carries: why it could not be split. */
export const SPLIT_TEXT_FAILURE_ATTRIBUTE = 'splittext.failure.reason';

/**
 * Splits with a header are written: one this small is buffered and written with the others at
 * commit, as long as the session's buffered splits stay under the budget; larger ones, and all
 * once the budget is spent, are streamed to the content repository as they are made.
 */
const BUFFERED_SPLIT_LIMIT = 64 * 1024;
const BUFFERED_SPLITS_BUDGET = 8 * 1024 * 1024;

/** What SplitText prepares once per start. */
interface Scheduled {
  readonly limits: SplitLimits;
  readonly marker: Buffer | undefined;
  readonly removeTrailingNewlines: boolean;
}

/** A split to emit: bytes of the original (after the header, if any) and its text.line.count. */
interface SplitPart {
  readonly start: number;
  /** Bytes of the original to copy; 0 with a header is a header-only split. */
  readonly length: number;
  readonly lineCount: number;
}

/**
 * The splits that are emitted, in order: with Remove Trailing Newlines a split loses its trailing
 * empty lines and last line ending, and one left empty is not emitted — unless there is a header,
 * which a split always has (a split with nothing else is the header without its last line ending).
 * Header lines and nothing else make one header-only split.
 */
function partsOf(
  splits: SplitTable,
  header: SplitHeader | undefined,
  removeTrailingNewlines: boolean,
): SplitPart[] {
  const parts: SplitPart[] = [];
  for (let i = 0; i < splits.start.length; i++) {
    const length = removeTrailingNewlines ? splits.contentLength[i]! : splits.length[i]!;
    if (length === 0 && header === undefined) continue;
    parts.push({ start: splits.start[i]!, length, lineCount: splits.lineCount[i]! });
  }
  if (parts.length === 0 && header !== undefined) parts.push({ start: 0, length: 0, lineCount: 0 });
  return parts;
}

/** Bytes `start` to `start + length` of a stream, after `prefix`. */
async function* prefixed(
  prefix: Uint8Array,
  rest: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (prefix.length > 0) yield prefix;
  yield* rest;
}

/**
 * Writes the splits of a content with a header: each is the header followed by its bytes of the
 * original, read in one pass over the content. Small splits are buffered (see the budget above),
 * the others streamed, so the content is never held whole.
 */
async function writeWithHeader(
  session: ProcessSession,
  original: FlowFile,
  header: Buffer,
  headerOnly: Buffer,
  parts: readonly SplitPart[],
): Promise<FlowFile[]> {
  const reader = new SequentialRangeReader(session.read(original));
  const written: FlowFile[] = [];
  let budget = BUFFERED_SPLITS_BUDGET;
  try {
    for (const part of parts) {
      const child = session.create(original);
      if (part.length === 0) {
        written.push(await session.write(child, headerOnly));
        continue;
      }
      const size = header.length + part.length;
      if (size <= BUFFERED_SPLIT_LIMIT && size <= budget) {
        budget -= size;
        written.push(
          await session.write(child, await reader.read(part.start, part.length, header)),
        );
      } else {
        written.push(
          await session.write(child, prefixed(header, reader.range(part.start, part.length))),
        );
      }
    }
  } finally {
    await reader.close();
  }
  return written;
}

/**
 * NiFi's SplitText: splits a text on line boundaries into splits of at most Line Split Count lines
 * and Maximum Fragment Size bytes, each with the header lines copied in front. The content is
 * read as a stream, twice at most: once to find the lines, once more only to copy splits after a
 * header. Without a header a split is a range of the original's content, so no byte is copied.
 */
export const SplitText = defineProcessor({
  type: 'SplitText',
  description:
    'Splits a text file into multiple smaller text files on line boundaries limited by maximum number of lines or total size of fragment. ' +
    'Each output split file will contain no more than the configured number of lines or bytes. If both Line Split Count and Maximum Fragment Size are specified, ' +
    'the split occurs at whichever limit is reached first. If the first line of a fragment exceeds the Maximum Fragment Size, that line will be output in a single split file which exceeds the configured maximum size limit. ' +
    'Each split can include header lines, given by a count or by a marker the header lines start with (the first line without it and all after it are not header). ' +
    'Lines end at \\n, \\r\\n or \\r. As in NiFi, text.line.count leaves out empty lines and fragment.index starts at 1. ' +
    'Sluice differences: a header-only split also gets fragment.count, and a split that ends because of the size limit trims its own last line ending.',
  tags: ['split', 'text'],
  properties: {
    lineSplitCount: prop.integer({
      name: 'Line Split Count',
      description:
        'The number of lines that will be added to each split file, excluding header lines. A value of zero requires Maximum Fragment Size to be set, and line count will not be considered in determining splits.',
      required: true,
      min: 0,
    }),
    maximumFragmentSize: prop.dataSize({
      name: 'Maximum Fragment Size',
      description:
        'The maximum size of each split file, including header lines. NOTE: in the case where a single line exceeds this property (including headers, if applicable), that line will be output in a split of its own which exceeds this Maximum Fragment Size setting.',
    }),
    headerLineCount: prop.integer({
      name: 'Header Line Count',
      description:
        'The number of lines that should be considered part of the header; the header lines will be duplicated to all split files',
      default: '0',
      min: 0,
    }),
    headerLineMarkerCharacters: prop.string({
      name: 'Header Line Marker Characters',
      description:
        'The first character(s) on the line of the datafile which signifies a header line. This value is ignored when Header Line Count is non-zero. The first line not containing the Header Line Marker Characters and all subsequent lines are considered non-header',
    }),
    removeTrailingNewlines: prop.boolean({
      name: 'Remove Trailing Newlines',
      description:
        "Whether to remove newlines at the end of each split file. This should be false if you intend to merge the split files later. If this is set to 'true' and a FlowFile is generated that contains only 'empty lines' (i.e., consists only of \\r and \\n characters), the FlowFile will not be emitted. " +
        'Note, however, that if header lines are specified, the resultant FlowFile will never be empty as it will consist of the header lines, so a FlowFile may be emitted that contains only the header lines.',
      default: 'true',
    }),
  },
  relationships: {
    original:
      'The original input file will be routed to this destination when it has been successfully split into 1 or more files',
    splits:
      'The split files will be routed to this destination when an input file is successfully split into 1 or more split files',
    failure: `If a file cannot be split for some reason, the original file will be routed to this destination and nothing will be routed elsewhere; the reason is in ${SPLIT_TEXT_FAILURE_ATTRIBUTE}`,
  },
  validate(ctx) {
    const count = ctx.raw('lineSplitCount')?.trim();
    if (count === '0' && !ctx.raw('maximumFragmentSize')) {
      return [
        {
          property: 'maximumFragmentSize',
          message: "'Maximum Fragment Size' must be specified when 'Line Split Count' is 0",
        },
      ];
    }
    return [];
  },
  onScheduled(ctx): Scheduled {
    const headerLineCount = ctx.property('headerLineCount') ?? 0;
    const markerText = ctx.property('headerLineMarkerCharacters');
    // As in NiFi, the marker is ignored when a Header Line Count is given.
    const marker =
      headerLineCount === 0 && markerText ? Buffer.from(markerText, 'utf8') : undefined;
    return {
      limits: {
        lineSplitCount: ctx.requiredProperty('lineSplitCount'),
        maxFragmentSize: ctx.property('maximumFragmentSize') ?? Number.POSITIVE_INFINITY,
        headerLineCount,
        headerMarker: marker !== undefined,
      },
      marker,
      removeTrailingNewlines: ctx.property('removeTrailingNewlines') ?? true,
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const original = session.get();
    if (original === undefined) return;

    // First pass: where the lines are; only the header's bytes are kept.
    const planner = new SplitPlanner(scheduled.limits);
    const scanner = new LineScanner(
      (length, ending, marked) => planner.line(length, ending, marked),
      scheduled.marker,
    );
    const headerChunks: Buffer[] = [];
    for await (const chunk of session.read(original)) {
      if (planner.inHeader) headerChunks.push(chunk);
      scanner.push(chunk);
    }
    scanner.end();
    const plan = planner.finish();
    if (!plan.ok) {
      const reason = `Cannot split: ${plan.reason}`;
      ctx.log.warn(
        `Routed ${original.attributes['filename'] ?? original.id} to failure: ${reason}`,
        original,
      );
      session.transfer(
        session.putAttribute(original, SPLIT_TEXT_FAILURE_ATTRIBUTE, reason),
        'failure',
      );
      return;
    }

    const { header } = plan;
    const parts = partsOf(plan.splits, header, scheduled.removeTrailingNewlines);
    let splits: FlowFile[];
    if (header === undefined) {
      splits = parts.map((part) =>
        session.clone(original, { offset: part.start, size: part.length }),
      );
    } else {
      const headerBytes = Buffer.concat(headerChunks).subarray(0, header.length);
      const headerOnly = headerBytes.subarray(0, header.length - header.lastEndingLength);
      splits = await writeWithHeader(session, original, headerBytes, headerOnly, parts);
    }

    const fragmentId = randomUUID();
    const fragmentCount = String(splits.length);
    const originalName = original.attributes['filename'] ?? '';
    splits.forEach((split, i) => {
      const part = parts[i]!;
      const attributed = session.putAllAttributes(split, {
        'text.line.count': String(part.lineCount),
        'fragment.size': String(split.size),
        'fragment.identifier': fragmentId,
        'fragment.index': String(i + 1),
        'fragment.count': fragmentCount,
        'segment.original.filename': originalName,
      });
      session.transfer(attributed, 'splits');
    });
    const done = session.putAllAttributes(original, {
      'fragment.identifier': fragmentId,
      'fragment.count': fragmentCount,
    });
    session.transfer(done, 'original');
  },
});
