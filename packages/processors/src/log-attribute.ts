import {
  defineProcessor,
  prop,
  type ComponentLog,
  type FlowFile,
  type ProcessSession,
} from '@sluice/engine';
import { javaFullMatcher } from '@sluice/expression-language';
import { BatchGuard, DEFAULT_BATCH, forEachFlowFile } from './support/batch.js';
import { validJavaRegex } from './support/regex-validation.js';
import { charsetFor, validateCharset, type Charset } from './text/charset.js';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
type LogLevelName = (typeof LOG_LEVELS)[number];

const LINE_PER_ATTRIBUTE = 'Line per Attribute';
const SINGLE_LINE = 'Single Line';

/** NiFi logs the payload only below this size. */
const MAX_PAYLOAD = 1024 * 1024;
const DASHES = '-'.repeat(50);

/** What LogAttribute prepares once per start. */
interface Scheduled {
  readonly write: (message: string) => void;
  readonly include: (name: string) => boolean;
  readonly singleLine: boolean;
  readonly logProperties: boolean;
  readonly logPayload: boolean;
  readonly charset: Charset;
  readonly guard: BatchGuard;
}

/**
 * NiFi's LogAttribute: writes a flowfile's attributes (and optionally its content) to the
 * processor's log, then passes it on unchanged. Sluice's component log has no separate app log:
 * at or above the processor's bulletin level (WARN by default) each entry is a bulletin, so
 * `Log Level` warn or error makes the output visible in the bulletin board.
 */
export const LogAttribute = defineProcessor({
  type: 'LogAttribute',
  description:
    'Logs the attributes of each flowfile (and optionally its content) at the chosen level, and passes it on unchanged.',
  tags: ['attributes', 'logging'],
  properties: {
    logLevel: prop.choice({
      name: 'Log Level',
      description:
        'The level to log at (trace is logged as debug). Entries at or above the bulletin level become bulletins.',
      values: LOG_LEVELS,
      default: 'info',
    }),
    logPayload: prop.boolean({
      name: 'Log Payload',
      description: 'Whether to log the content too (only when it is smaller than 1 MB).',
      default: 'false',
    }),
    attributesToLog: prop.string({
      name: 'Attributes to Log',
      description:
        'Comma-separated attribute names to log; all when empty. Combined (and) with the regular expression.',
    }),
    attributesToLogRegex: prop.string({
      name: 'Attributes to Log by Regular Expression',
      description:
        'A regular expression (Java syntax) the whole attribute name must match to be logged.',
      default: '.*',
      validate: validJavaRegex,
    }),
    attributesToIgnore: prop.string({
      name: 'Attributes to Ignore',
      description:
        'Comma-separated attribute names not to log. Combined (or) with the regular expression.',
    }),
    attributesToIgnoreRegex: prop.string({
      name: 'Attributes to Ignore by Regular Expression',
      description:
        'A regular expression (Java syntax): attributes whose whole name matches are not logged.',
      validate: validJavaRegex,
    }),
    logFlowFileProperties: prop.boolean({
      name: 'Log FlowFile Properties',
      description: 'Whether to log the entry date, lineage start date and content size too.',
      default: 'true',
    }),
    outputFormat: prop.choice({
      name: 'Output Format',
      description: 'One line per attribute (name, then value), or all attributes on a single line.',
      values: [LINE_PER_ATTRIBUTE, SINGLE_LINE],
      default: LINE_PER_ATTRIBUTE,
    }),
    logPrefix: prop.string({
      name: 'Log prefix',
      description:
        'Shown in the dashed lines around the entry, to tell several LogAttribute processors apart.',
      el: 'flowfile',
    }),
    characterSet: prop.string({
      name: 'Character Set',
      description: 'The character set the content is decoded with when the payload is logged.',
      default: 'UTF-8',
      validate: validateCharset,
    }),
  },
  relationships: {
    success: 'All flowfiles, unchanged',
  },
  onScheduled(ctx): Scheduled {
    const toLog = nameSet(ctx.property('attributesToLog'));
    const toIgnore = nameSet(ctx.property('attributesToIgnore'));
    const logRegex = javaFullMatcher(ctx.requiredProperty('attributesToLogRegex'));
    const ignoreRegexValue = ctx.property('attributesToIgnoreRegex');
    const ignoreRegex = ignoreRegexValue ? javaFullMatcher(ignoreRegexValue) : () => false;
    return {
      write: writer(ctx.log, ctx.requiredProperty('logLevel')),
      // NiFi: (listed or none listed) and matching the regex, and neither ignored by name nor by regex.
      include: (name) =>
        (toLog.size === 0 || toLog.has(name)) &&
        logRegex(name) &&
        !toIgnore.has(name) &&
        !ignoreRegex(name),
      singleLine: ctx.requiredProperty('outputFormat') === SINGLE_LINE,
      logProperties: ctx.requiredProperty('logFlowFileProperties'),
      logPayload: ctx.requiredProperty('logPayload'),
      charset: charsetFor(ctx.requiredProperty('characterSet')) ?? charsetFor('UTF-8')!,
      guard: new BatchGuard(),
    };
  },
  async onTrigger(ctx, session, scheduled) {
    await forEachFlowFile(session, scheduled.guard, DEFAULT_BATCH, async (flowFile) => {
      const prefix = ctx.property('logPrefix', flowFile);
      scheduled.write(await format(session, scheduled, flowFile, prefix));
      session.transfer(flowFile, 'success');
    });
  },
});

/** NiFi splits the name lists on commas with any whitespace around them. */
function nameSet(list: string | undefined): Set<string> {
  return new Set(
    (list ?? '')
      .split(/\s*,\s*/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  );
}

function writer(log: ComponentLog, level: LogLevelName): (message: string) => void {
  switch (level) {
    case 'trace':
    case 'debug':
      return (message) => log.debug(message);
    case 'info':
      return (message) => log.info(message);
    case 'warn':
      return (message) => log.warn(message);
    case 'error':
      return (message) => log.error(message);
    default: {
      const exhaustive: never = level;
      throw new Error(`Unknown log level ${String(exhaustive)}`);
    }
  }
}

/** The log entry, laid out as NiFi's (dates in ISO 8601 rather than Java's Date.toString()). */
async function format(
  session: ProcessSession,
  scheduled: Scheduled,
  flowFile: FlowFile,
  prefix: string | undefined,
): Promise<string> {
  const names = Object.keys(flowFile.attributes).filter(scheduled.include).sort();
  const properties: [string, string][] = scheduled.logProperties
    ? [
        ['entryDate', new Date(flowFile.entryDate).toISOString()],
        ['lineageStartDate', new Date(flowFile.lineageStartDate).toISOString()],
        ['fileSize', String(flowFile.size)],
      ]
    : [];
  let message = `logging for flow file ${describe(flowFile)}\n`;
  if (scheduled.singleLine) {
    const entries: [string, string][] = [
      ...names.map((n): [string, string] => [n, flowFile.attributes[n]!]),
      ...properties,
    ];
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    message += `FlowFile Properties: {${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
  } else {
    const dashes = dashedLine(prefix);
    message += dashes;
    if (properties.length > 0)
      message += `\nFlowFile Properties${properties.map(([k, v]) => entry(k, v)).join('')}`;
    message += `\nFlowFile Attribute Map Content${names.map((n) => entry(n, flowFile.attributes[n]!)).join('')}`;
    message += `\n${dashes}`;
  }
  if (scheduled.logPayload) {
    message +=
      flowFile.size < MAX_PAYLOAD
        ? `\n${scheduled.charset.decode(await session.readBuffer(flowFile))}`
        : '\n\n Not including payload since it is larger than one mb.';
  }
  return message.trim();
}

function entry(key: string, value: string): string {
  return `\nKey: '${key}'\n\tValue: '${value}'`;
}

/** 50 dashes, or the prefix centred in 40 dashes between five on each side, as NiFi draws it. */
function dashedLine(prefix: string | undefined): string {
  if (prefix === undefined || prefix.trim() === '') return DASHES;
  const abbreviated = prefix.length > 40 ? `${prefix.slice(0, 37)}...` : prefix;
  const pad = 40 - abbreviated.length;
  const left = Math.floor(pad / 2);
  return `-----${'-'.repeat(left)}${abbreviated}${'-'.repeat(pad - left)}-----`;
}

function describe(flowFile: FlowFile): string {
  return `FlowFile[uuid=${flowFile.id}, filename=${flowFile.attributes['filename'] ?? ''}, size=${flowFile.size}]`;
}
