import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = {
  quote: 'say "hi"\n\tnow\\ \u0001 / é',
  json: '{"a":{"b":[1,{"c":"x"}],"n":2.5,"t":true,"z":null,"one":["only"],"k y":"v"}}',
  xml: `<a href="x">Tom & 'Jerry'</a>\u0000`,
  csv: 'a,"b"',
  url: 'a b&c=d/é~*',
  text: '한글 text',
};

describe('encoding functions', () => {
  it.each([
    ['${quote:escapeJson()}', 'say \\"hi\\"\\n\\tnow\\\\ \\u0001 / é'],
    ['${quote:escapeJson():unescapeJson()}', attributes.quote],
    ['${escaped:unescapeJson()}', 'A\'"/\b\f\r☺S\\x'],
    ['${xml:escapeXml()}', '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;'],
    ['${xml:escapeXml():unescapeXml()}', `<a href="x">Tom & 'Jerry'</a>`],
    ['${entities:unescapeXml()}', '<é☺ &bogus;'],
    ['${csv:escapeCsv()}', '"a,""b"""'],
    ['${text:escapeCsv()}', '한글 text'],
    ['${csv:escapeCsv():unescapeCsv()}', 'a,"b"'],
    ['${url:urlEncode()}', 'a+b%26c%3Dd%2F%C3%A9%7E*'],
    ['${url:urlEncode():urlDecode()}', attributes.url],
    ["${literal('a%20b+c'):urlDecode()}", 'a b c'],
    ['${text:base64Encode()}', '7ZWc6riAIHRleHQ='],
    ['${text:base64Encode():base64Decode()}', '한글 text'],
    ["${literal('YQ'):base64Decode()}", 'a'],
    ["${json:jsonPath('$.a.b[1].c')}", 'x'],
    ["${json:jsonPath('$.a.n')}", '2.5'],
    ["${json:jsonPath('$.a.t')}", 'true'],
    ["${json:jsonPath('$.a.z')}", ''],
    ["${json:jsonPath('$.a.missing')}", ''],
    ["${json:jsonPath('$.a.b')}", '[1,{"c":"x"}]'],
    ["${json:jsonPath('$.a.one')}", 'only'],
    ["${json:jsonPath('$.a[\\'k y\\']')}", 'v'],
    ["${json:jsonPath('$.a.b[-1].c')}", 'x'],
    ['${json:jsonPath("$")}', attributes.json],
  ])('%s → %s', (template, expected) => {
    const extra = {
      escaped: '\\u0041\\\'\\"\\/\\b\\f\\r\\uu263a\\123\\\\x',
      entities: '&lt;&#233;&#x263A; &bogus;',
    };
    expect(evaluate(template, { ...attributes, ...extra })).toBe(expected);
  });

  it.each([
    ["${literal('%E0%A4%A'):urlDecode()}", 'urlDecode: '],
    ["${literal('a$b'):base64Decode()}", "base64Decode: 'a$b' is not valid Base64"],
    ["${literal('\\u12'):unescapeJson()}", 'unescapeJson: '],
    ["${literal('{oops'):jsonPath('$.a')}", 'jsonPath: the subject is not valid JSON'],
    ["${missing:jsonPath('$.a')}", 'jsonPath: the subject is empty, not JSON'],
  ])('%s fails when evaluated', (template, message) => {
    const error = errorOf(template);
    expect(error).toMatchObject({ code: 'evaluation' });
    expect((error as Error).message.startsWith(message)).toBe(true);
  });

  it('refuses JSON paths it does not support, at compile time', () => {
    expect(errorOf("${json:jsonPath('$..c')}", attributes)).toMatchObject({
      code: 'invalid-argument',
      position: 16,
    });
    expect(errorOf("${json:jsonPath('a.b')}", attributes)).toMatchObject({
      message: "jsonPath: JSON path 'a.b' must start with '$' (at column 17)",
    });
  });
});
