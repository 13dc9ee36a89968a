import fc from 'fast-check';
import { listFunctions } from '../function-docs.js';

/**
 * Any Unicode scalar value (no lone surrogates). Built by hand: fast-check's `binary` unit
 * takes seconds to initialise.
 */
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((code) => String.fromCodePoint(code < 0xd800 ? code : code + 0x800));

/** Well-formed text of any characters. */
export const wellFormedText = fc.string({ unit: codePoint, maxLength: 60 });

/** Any UTF-16 code unit, lone surrogates included, plus characters that matter to templates. */
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('$', '#', '{', '}', '\\', "'", '"', '\n', '\t', '\r', ':', '(', ')', ',', ' '),
  codePoint,
);
export const anyText = fc.string({ unit: codeUnit, maxLength: 60 });

/** Writes text as a string literal of the expression language, with the given quote. */
export function literalOf(text: string, quote: "'" | '"', escapeControls: boolean): string {
  let body = text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  if (escapeControls)
    body = body.replaceAll('\n', '\\n').replaceAll('\t', '\\t').replaceAll('\r', '\\r');
  return `${quote}${body}${quote}`;
}

const grammarToken = fc.constantFrom(
  '${',
  '}',
  ':',
  '(',
  ')',
  ',',
  "'",
  '"',
  '#{',
  '$',
  '$$',
  '#',
  ' ',
  '\n',
  '\\',
  'a',
  'filename',
  'mime.type',
  '1',
  '-2',
  '3.5',
  'true',
  'false',
  'toUpper',
  'substring',
  'append',
  'format',
  'toDate',
  'replaceAll',
  'jsonPath',
  'plus',
  'divide',
  'equals',
  'ifElse',
  'and',
  'now',
  'UUID',
  'literal',
  'padLeft',
  'in',
  'matches',
  'toNumber',
  "'yyyy-MM-dd'",
  "'(a)(b)'",
  "'$1'",
  "'$.a'",
  "'UTC'",
  "'x'",
);
export const grammarSoup = fc
  .array(grammarToken, { maxLength: 25 })
  .map((tokens) => tokens.join(''));

const subjectFunctions = listFunctions().filter((fn) => fn.takesSubject);
const literalArgument = fc.oneof(
  anyText.map((text) => literalOf(text, "'", true)),
  fc.integer({ min: -3, max: 40 }).map(String),
  fc.constantFrom(
    'true',
    'false',
    '2.5',
    '0',
    "'yyyy-MM-dd HH:mm'",
    "'(\\w+)'",
    "'$1'",
    "'UTC'",
    "'$.a'",
    "'0x1F'",
  ),
);
/** Well-formed expressions with random functions and arguments, to exercise evaluation. */
export const { expression } = fc.letrec<{ expression: string; argument: string; call: string }>(
  (tie) => ({
    expression: fc
      .tuple(
        fc.constantFrom('a', 'b', 'missing', 'now()', "literal('12')", 'nextInt()'),
        fc.array(tie('call'), { maxLength: 3 }),
      )
      .map(([subject, calls]) => `\${${[subject, ...calls].join(':')}}`),
    argument: fc.oneof({ depthSize: 'small', maxDepth: 2 }, literalArgument, tie('expression')),
    call: fc.constantFrom(...subjectFunctions).chain((fn) =>
      fc
        .array(tie('argument'), {
          minLength: fn.minArgs,
          maxLength: Math.min(fn.maxArgs, fn.minArgs + 1),
        })
        .map((args) => `${fn.name}(${args.join(', ')})`),
    ),
  }),
);
