import { fail } from '../call-site.js';
import { base64Decode, base64Encode } from '../codecs/base64.js';
import { escapeCsv, unescapeCsv } from '../codecs/csv-escape.js';
import { escapeJson, unescapeJson } from '../codecs/json-escape.js';
import { compileJsonPath, jsonPathResultToText, readJsonPath } from '../codecs/json-path.js';
import { urlDecode, urlEncode } from '../codecs/url-encoding.js';
import { escapeXml, unescapeXml } from '../codecs/xml-escape.js';
import { toText, toTextOrNull } from '../conversions.js';
import { argumentAt, prepareArgument } from './arguments.js';
import { textFunction } from './define.js';
import type { FunctionDef } from './function-def.js';

/** Functions that escape, encode and decode text, and read JSON. */
export const ENCODING_FUNCTIONS: readonly FunctionDef[] = [
  textFunction(
    {
      name: 'escapeJson',
      signature: 'escapeJson()',
      description:
        'The subject escaped for use inside a JSON string: quotes, backslashes and control characters.',
    },
    escapeJson,
  ),
  decoding('unescapeJson', 'The subject with JSON/Java string escapes resolved.', unescapeJson),
  textFunction(
    {
      name: 'escapeXml',
      signature: 'escapeXml()',
      description: 'The subject escaped for XML content.',
    },
    escapeXml,
  ),
  textFunction(
    {
      name: 'unescapeXml',
      signature: 'unescapeXml()',
      description: 'The subject with XML entities resolved.',
    },
    unescapeXml,
  ),
  textFunction(
    {
      name: 'escapeCsv',
      signature: 'escapeCsv()',
      description: 'The subject as one CSV field, quoted when needed.',
    },
    escapeCsv,
  ),
  textFunction(
    {
      name: 'unescapeCsv',
      signature: 'unescapeCsv()',
      description: 'The subject with CSV field quoting removed.',
    },
    unescapeCsv,
  ),
  textFunction(
    {
      name: 'urlEncode',
      signature: 'urlEncode()',
      description: 'The subject URL-encoded (UTF-8, a space as +).',
    },
    urlEncode,
  ),
  decoding('urlDecode', 'The subject URL-decoded (UTF-8, + as a space).', urlDecode),
  textFunction(
    {
      name: 'base64Encode',
      signature: 'base64Encode()',
      description: 'The Base64 of the UTF-8 bytes of the subject.',
    },
    base64Encode,
  ),
  decoding('base64Decode', 'The UTF-8 text whose Base64 the subject is.', base64Decode),
  {
    name: 'jsonPath',
    signature: "jsonPath('$.a.b')",
    description:
      "The value at a simple JSON path ($.a.b, $['a'], $.list[0]) in the JSON subject; empty when absent.",
    takesSubject: true,
    minArgs: 1,
    maxArgs: 1,
    build: ({ subject, args, site }) => {
      const pathOf = prepareArgument(argumentAt(args, 0), site, (value, at, ctx) => {
        try {
          return compileJsonPath(toText(value, ctx));
        } catch (error) {
          return fail(
            at,
            error instanceof Error ? error.message : String(error),
            'invalid-argument',
          );
        }
      });
      return (ctx) => {
        const json = toTextOrNull(subject(ctx), ctx);
        if (json === null || json.trim() === '')
          return fail(site, 'the subject is empty, not JSON', 'evaluation');
        let document: unknown;
        try {
          document = JSON.parse(json);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          return fail(site, `the subject is not valid JSON: ${reason}`, 'evaluation');
        }
        return jsonPathResultToText(readJsonPath(document, pathOf(ctx)));
      };
    },
  },
];

/** A text function whose input may be malformed; its error becomes an evaluation error. */
function decoding(
  name: string,
  description: string,
  decode: (text: string) => string,
): FunctionDef {
  return textFunction({ name, signature: `${name}()`, description }, (text, site) => {
    try {
      return decode(text);
    } catch (error) {
      return fail(site, error instanceof Error ? error.message : String(error), 'evaluation');
    }
  });
}
