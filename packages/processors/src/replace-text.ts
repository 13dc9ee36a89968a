import { defineProcessor, prop, type FlowFile, type ProcessSession } from '@sluice/engine';
import { javaRegexProblem } from '@sluice/expression-language';
import { BatchGuard, forEachFlowFile, type BatchLimits } from './support/batch.js';
import { ByteArena } from './text/byte-arena.js';
import { wholeTextWrap, wrapWholeText, type WholeTextWrap } from './text/whole-text-wrap.js';
import { charsetFor, validateCharset, type Charset } from './text/charset.js';
import { LineTooLongError, LineTransformer, type LineSelection } from './text/line-transformer.js';
import {
  REPLACEMENT_STRATEGIES,
  ReplaceTextFailure,
  ReplaceTextPlan,
} from './text/replace-text-plan.js';

/** Attribute a flowfile routed to `failure` carries: why it could not be updated. */
export const REPLACE_TEXT_FAILURE_ATTRIBUTE = 'replacetext.failure.reason';

/** Content up to this size is read into memory; larger content is streamed (Line-by-Line, Prepend...). */
const IN_MEMORY_LIMIT = 1024 * 1024;
/** Flowfiles whose content is read ahead while one is replaced (reads wait on the file system). */
const READ_AHEAD = 32;

/**
 * One trigger takes up to 4 MiB of content (10,000 flowfiles at most). A commit waits for its
 * content and WAL writes to reach the disk, and a task does nothing else meanwhile, so fewer,
 * larger commits keep small flowfiles moving; the memory a trigger holds stays bounded by size.
 */
const REPLACE_BATCH: BatchLimits = { maxFlowFiles: 10_000, maxBytes: 4 * 1024 * 1024 };

const STRATEGY_DESCRIPTIONS: Readonly<Record<(typeof REPLACEMENT_STRATEGIES)[number], string>> = {
  Prepend: 'Inserts the Replacement Value before the content, or before each selected line.',
  Append:
    'Inserts the Replacement Value after the content, or at the end of each selected line (before its line ending).',
  Surround:
    'Inserts Text to Prepend before and Text to Append after the content, or each selected line.',
  'Regex Replace':
    'Replaces every match of the Search Value, a (Java-syntax) regular expression, with the Replacement Value, where $1, $2... are capturing groups.',
  'Literal Replace':
    'Replaces every occurrence of the Search Value, taken literally, with the Replacement Value.',
  'Always Replace':
    'Replaces the whole content, or each selected line, with the Replacement Value; Search Value is ignored.',
  'Substitute Variables':
    'Replaces ${name} references in the content with the values of the flowfile attributes of that name (${name:-fallback} for a default); unknown names are left as they are.',
};

/** What ReplaceText prepares once per start. */
interface Scheduled {
  readonly plan: ReplaceTextPlan;
  readonly charset: Charset;
  readonly entireText: boolean;
  readonly selection: LineSelection;
  readonly maxBufferSize: number;
  readonly guard: BatchGuard;
  /** Set when the replacement can be built around the content's bytes (whole-text-wrap.ts). */
  readonly wholeText: WholeTextWrap | undefined;
}

/**
 * NiFi's ReplaceText: updates flowfile content by regex or literal search and replace, by
 * prepending, appending or surrounding, or by substituting `${attribute}` references — over the
 * entire text or line by line. The seed pipelines' workhorse (strip quotes, wrap as JSON).
 *
 * For JSON, wrap with `{"${filename:escapeJson()}":"${'$1':escapeJson()}"}` and Search Value
 * `(?s)(^.*$)`: the capturing group reaches the expression as the attribute `$1` and is escaped,
 * whereas a bare `$1` inserts the text as it is and breaks on quotes, backslashes and newlines.
 */
export const ReplaceText = defineProcessor({
  type: 'ReplaceText',
  description:
    'Updates the content of a flowfile by searching it for a regular expression or a literal value and replacing what matches, ' +
    'by prepending, appending or surrounding it with text, or by substituting ${attribute} references — over the entire text or line by line.',
  tags: ['Text', 'Regular Expression', 'Update', 'Change', 'Replace', 'Modify', 'Regex'],
  properties: {
    replacementStrategy: prop.choice({
      name: 'Replacement Strategy',
      description: 'How and what to replace within the content.',
      values: REPLACEMENT_STRATEGIES.map((value) => ({
        value,
        description: STRATEGY_DESCRIPTIONS[value],
      })),
      default: 'Regex Replace',
    }),
    searchValue: prop.string({
      name: 'Search Value',
      description:
        "What to search for: a regular expression in Java syntax for 'Regex Replace' (leading inline flags such as (?s) and (?i) are supported), " +
        "a literal value for 'Literal Replace'. Values of expressions in it are matched literally.",
      default: '(?s)(^.*$)',
      el: 'flowfile',
    }),
    replacementValue: prop.text({
      name: 'Replacement Value',
      description:
        "The value to insert. With 'Regex Replace', $1, $2... insert capturing groups (a group that does not exist stays literal text, \\$ is a literal $), " +
        "and expressions read the groups as '$1', '$2'... (quotes required): ${'$1':escapeJson()}.",
      default: '$1',
      // An empty replacement is a normal value (strip what matches), not a missing one.
      required: false,
      el: 'flowfile',
    }),
    prependText: prop.text({
      name: 'Text to Prepend',
      description: "The text 'Surround' inserts before the content or each line.",
      el: 'flowfile',
    }),
    appendText: prop.text({
      name: 'Text to Append',
      description: "The text 'Surround' inserts after the content or at the end of each line.",
      el: 'flowfile',
    }),
    characterSet: prop.string({
      name: 'Character Set',
      description: 'The character set the content is encoded in, and written back in.',
      default: 'UTF-8',
      validate: validateCharset,
    }),
    maximumBufferSize: prop.dataSize({
      name: 'Maximum Buffer Size',
      description:
        "In 'Entire text' mode, a flowfile larger than this goes to failure (except with Prepend, Append, Surround and Always Replace, " +
        "which never hold the content); in 'Line-by-Line' mode, a flowfile with a longer line goes to failure.",
      default: '1 MB',
    }),
    evaluationMode: prop.choice({
      name: 'Evaluation Mode',
      description:
        'Apply the strategy to each line separately (Line-by-Line), or to the entire content at once (Entire text). ' +
        'A line is matched without its line ending (\\n, \\r\\n or \\r), which is kept as it was.',
      values: ['Line-by-Line', 'Entire text'],
      default: 'Entire text',
    }),
    lineByLineEvaluationMode: prop.choice({
      name: 'Line-by-Line Evaluation Mode',
      description: "Which lines 'Line-by-Line' mode changes; the others are copied as they are.",
      values: ['All', 'First-Line', 'Last-Line', 'Except-First-Line', 'Except-Last-Line'],
      default: 'All',
    }),
  },
  relationships: {
    success: 'Flowfiles that were processed, whether or not any text was replaced',
    failure: `Flowfiles that could not be updated (too large, a line too long, an expression that failed); the reason is in the ${REPLACE_TEXT_FAILURE_ATTRIBUTE} attribute and a bulletin`,
  },
  validate(ctx) {
    // An empty Search Value is already refused as missing (it is required), for every strategy.
    const search = ctx.raw('searchValue') ?? '';
    const strategy = ctx.raw('replacementStrategy');
    // A Search Value with expressions can only be checked per flowfile (a failure then).
    if (strategy !== 'Regex Replace' || ctx.hasExpression('searchValue') || search === '.*') {
      return [];
    }
    const problem = javaRegexProblem(search);
    return problem ? [{ property: 'searchValue', message: `'Search Value': ${problem}` }] : [];
  },
  onScheduled(ctx): Scheduled {
    const charsetName = ctx.requiredProperty('characterSet');
    const charset = charsetFor(charsetName);
    if (!charset) throw new Error(`'Character Set' ${validateCharset(charsetName)}`);
    const plan = new ReplaceTextPlan(
      {
        strategy: ctx.requiredProperty('replacementStrategy'),
        searchValue: ctx.raw('searchValue') ?? '',
        replacementValue: ctx.raw('replacementValue') ?? '',
        prependText: ctx.raw('prependText') ?? '',
        appendText: ctx.raw('appendText') ?? '',
      },
      (template, flowFile) => ctx.evaluate(template, flowFile),
    );
    const entireText = ctx.requiredProperty('evaluationMode') === 'Entire text';
    return {
      plan,
      charset,
      entireText,
      selection: ctx.requiredProperty('lineByLineEvaluationMode'),
      maxBufferSize: ctx.requiredProperty('maximumBufferSize'),
      guard: new BatchGuard(),
      wholeText: wholeTextWrap(plan.wholeText, charset, entireText),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    const arena = new ByteArena();
    const fail = (flowFile: FlowFile, error: unknown): void => {
      if (!(error instanceof ReplaceTextFailure || error instanceof LineTooLongError)) throw error;
      const reason = error.message;
      ctx.log.warn(`Routed ${describe(flowFile)} to failure: ${reason}`, flowFile);
      const failed = session.putAttribute(flowFile, REPLACE_TEXT_FAILURE_ATTRIBUTE, reason);
      session.transfer(failed, 'failure');
    };
    const handle = (flowFile: FlowFile, content: Buffer | undefined): Promise<unknown> | void => {
      // The whole-text wrap of content read ahead needs no await of its own.
      if (content !== undefined && wrapsInMemory(scheduled, flowFile, content)) {
        try {
          const output = wrapWholeText(
            scheduled.wholeText!,
            scheduled.plan,
            flowFile,
            content,
            arena,
          );
          // As in replace(): an unchanged text (a Replacement Value of $1) is not rewritten.
          if (output.equals(content)) return session.transfer(flowFile, 'success');
          // The session acts on the latest version of the id, so transfer need not wait for it.
          const written = session.write(flowFile, output);
          session.transfer(flowFile, 'success');
          return written;
        } catch (error) {
          return fail(flowFile, error);
        }
      }
      return replace(session, scheduled, flowFile, content, arena).then(
        (replaced) => session.transfer(replaced, 'success'),
        (error: unknown) => fail(flowFile, error),
      );
    };
    await forEachFlowFile(session, scheduled.guard, REPLACE_BATCH, handle, {
      window: READ_AHEAD,
      start: (flowFile) =>
        readsInMemory(scheduled, flowFile) ? session.readBuffer(flowFile) : undefined,
    });
  },
});

/** True when the whole-text wrap applies to this flowfile's (read) content. */
function wrapsInMemory(scheduled: Scheduled, flowFile: FlowFile, content: Buffer): boolean {
  const { wholeText } = scheduled;
  return (
    wholeText !== undefined &&
    flowFile.size <= scheduled.maxBufferSize &&
    wholeText.lossless(content)
  );
}

/** True when `replace` works on the flowfile's content in memory (so it can be read ahead). */
function readsInMemory(
  { plan, entireText, maxBufferSize }: Scheduled,
  flowFile: FlowFile,
): boolean {
  if (flowFile.size === 0) return false;
  if (!entireText) return flowFile.size <= IN_MEMORY_LIMIT;
  if (plan.strategy === 'Always Replace') return false;
  if (plan.streamsEntireText) return flowFile.size <= IN_MEMORY_LIMIT;
  // Larger content goes to failure unread.
  return flowFile.size <= maxBufferSize;
}

/**
 * Applies the configured replacement to one flowfile; returns its new version. `content` is the
 * flowfile's content when it was read ahead.
 */
async function replace(
  session: ProcessSession,
  scheduled: Scheduled,
  flowFile: FlowFile,
  content: Buffer | undefined,
  arena: ByteArena,
): Promise<FlowFile> {
  const { plan, charset, maxBufferSize } = scheduled;
  if (scheduled.entireText) {
    if (plan.strategy === 'Always Replace')
      return session.write(flowFile, charset.encode(plan.replacement(flowFile)));
    if (plan.streamsEntireText) {
      // NiFi copies the content byte for byte between the encoded prefix and suffix.
      const prefix = charset.encode(plan.prefix(flowFile));
      const suffix = charset.encode(plan.suffix(flowFile));
      if (flowFile.size <= IN_MEMORY_LIMIT) {
        const bytes = content ?? (await session.readBuffer(flowFile));
        return session.write(flowFile, Buffer.concat([prefix, bytes, suffix]));
      }
      return session.write(flowFile, surround(prefix, session.read(flowFile), suffix));
    }
    if (flowFile.size > maxBufferSize) {
      throw new ReplaceTextFailure(
        `the content (${flowFile.size} bytes) is larger than the Maximum Buffer Size (${maxBufferSize} bytes); use Line-by-Line mode or raise the size`,
      );
    }
    const bytes = content ?? (await session.readBuffer(flowFile));
    const { wholeText } = scheduled;
    if (wholeText !== undefined && wrapsInMemory(scheduled, flowFile, bytes)) {
      const output = wrapWholeText(wholeText, scheduled.plan, flowFile, bytes, arena);
      // As below: an unchanged text (a Replacement Value of $1) is not rewritten.
      return output.equals(bytes) ? flowFile : session.write(flowFile, output);
    }
    const change = plan.changeFor(flowFile);
    const text = charset.decode(bytes);
    const changed = change(text);
    // Nothing matched: the content is left untouched (no rewrite, no CONTENT_MODIFIED), as in NiFi.
    return changed === undefined || changed === text
      ? flowFile
      : session.write(flowFile, charset.encode(changed));
  }
  // NiFi leaves empty content untouched in Line-by-Line mode: there is no line to change.
  if (flowFile.size === 0) return flowFile;
  const change = plan.changeFor(flowFile);
  const lines = new LineTransformer(
    scheduled.selection,
    (line) => change(line) ?? line,
    maxBufferSize,
    charset,
  );
  if (flowFile.size <= IN_MEMORY_LIMIT) {
    const bytes = content ?? (await session.readBuffer(flowFile));
    const output = lines.push(charset.decode(bytes)) + lines.end();
    return lines.changed ? session.write(flowFile, charset.encode(output)) : flowFile;
  }
  return session.write(flowFile, transformLines(session.read(flowFile), charset, lines));
}

async function* surround(
  prefix: Buffer,
  content: AsyncIterable<Buffer>,
  suffix: Buffer,
): AsyncIterable<Uint8Array> {
  if (prefix.length > 0) yield prefix;
  for await (const chunk of content) yield chunk;
  if (suffix.length > 0) yield suffix;
}

async function* transformLines(
  content: AsyncIterable<Buffer>,
  charset: Charset,
  lines: LineTransformer,
): AsyncIterable<Uint8Array> {
  const decoder = charset.newDecoder();
  const encode = charset.newEncoder();
  for await (const chunk of content) {
    const output = lines.push(decoder.write(chunk));
    if (output !== '') yield encode(output);
  }
  const output = lines.push(decoder.end()) + lines.end();
  if (output !== '') yield encode(output);
}

function describe(flowFile: FlowFile): string {
  return `${flowFile.attributes['filename'] ?? flowFile.id} (${flowFile.id})`;
}
