import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = { file: 'Report-2024-01.CSV', text: 'line1\nline2', price: '$5' };

describe('regex functions', () => {
  it.each([
    ["${file:replaceAll('\\d', '#')}", 'Report-####-##.CSV'],
    ["${file:replaceFirst('\\d', '#')}", 'Report-#024-01.CSV'],
    ["${file:replaceAll('(\\w+)-(\\d+)-(\\d+)', '$3/$2 $1')}", '01/2024 Report.CSV'],
    ["${file:replaceAll('(?<year>\\d{4})', '[${year}]')}", 'Report-[2024]-01.CSV'],
    ["${file:replaceAll('\\.csv$', '.json')}", 'Report-2024-01.CSV'],
    ["${file:replaceAll('(?i)\\.csv$', '.json')}", 'Report-2024-01.json'],
    ["${file:replaceAll('-', '\\$')}", 'Report$2024$01.CSV'],
    ["${file:replaceAll('R', '$0$0')}", 'RReport-2024-01.CSV'],
    ["${text:replaceAll('(?s)^(.*)$', '[$1]')}", '[line1\nline2]'],
    ["${text:replaceAll('(?m)^', '> ')}", '> line1\n> line2'],
    ["${text:replaceAll('\\Aline', 'L')}", 'L1\nline2'],
    ["${text:replaceAll('\\d\\z', '!')}", 'line1\nline!'],
    ["${price:replaceAll('\\Q$5\\E', 'five')}", 'five'],
    ["${file:replaceAll('\\p{Upper}', '_')}", '_eport-2024-01.___'],
    ["${file:replaceAll('[]R]', '_')}", '_eport-2024-01.CSV'],
    ["${missing:replaceAll('x', 'y')}", ''],
    ["${file:find('\\d{4}')}", 'true'],
    ["${file:find('^\\d')}", 'false'],
    ["${file:matches('Report.*')}", 'true'],
    ["${file:matches('Report')}", 'false'],
    ["${file:matches('a|Report-2024-01.CSV')}", 'true'],
    ["${text:matches('(?s)line1.line2')}", 'true'],
    ["${text:matches('line1.line2')}", 'false'],
    ["${missing:matches('.*')}", 'false'],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });

  it('reads the regex from an attribute', () => {
    expect(
      evaluate('${file:replaceAll(${pattern}, ${with})}', {
        ...attributes,
        pattern: '(\\d+)',
        with: '<$1>',
      }),
    ).toBe('Report-<2024>-<01>.CSV');
  });

  it('refuses a replacement naming a group the regex lacks', () => {
    expect(errorOf("${file:replaceAll('(a)', '$2')}", attributes)).toMatchObject({
      code: 'invalid-argument',
      message: "replaceAll: replacement '$2' refers to group 2 but the regex has 1 (at column 26)",
    });
    const dynamic = errorOf('${file:replaceAll(${p}, "$2")}', { ...attributes, p: 'x' });
    expect(dynamic).toMatchObject({ code: 'invalid-argument', position: 7 });
  });

  it('refuses an invalid dynamic regex when evaluating', () => {
    expect(errorOf('${file:find(${p})}', { ...attributes, p: '(' })).toMatchObject({
      code: 'invalid-argument',
      message: "find: '(' is not a valid regular expression: Unterminated group",
    });
  });
});
