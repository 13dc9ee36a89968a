import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = { name: 'Hello World', blank: '   ', empty: '', padded: '  x  ' };

describe('string functions', () => {
  it.each([
    ['${name:toUpper()}', 'HELLO WORLD'],
    ['${name:toLower()}', 'hello world'],
    ['${padded:trim()}', 'x'],
    ['${name:length()}', '11'],
    ['${missing:length()}', '0'],
    ["${name:append('!')}", 'Hello World!'],
    ["${missing:append('!')}", '!'],
    ["${name:prepend('> ')}", '> Hello World'],
    ["${name:replace('o', '0')}", 'Hell0 W0rld'],
    ["${name:replace('.', '$1')}", 'Hello World'],
    ["${name:replace('l', '$&')}", 'He$&$&o Wor$&d'],
    ["${name:replace('', '-')}", '-H-e-l-l-o- -W-o-r-l-d-'],
    ['${name:substring(6)}', 'World'],
    ['${name:substring(0, 5)}', 'Hello'],
    ["${name:substring('0', 5)}", 'Hello'],
    ['${name:substring(11)}', ''],
    ['${missing:substring(0)}', ''],
    ['${name:padLeft(13)}', '__Hello World'],
    ["${name:padLeft(14, '*')}", '***Hello World'],
    ["${name:padRight(13, '-=')}", 'Hello World-='],
    ["${name:padRight(14, '')}", 'Hello World   '],
    ['${name:padLeft(5)}', 'Hello World'],
    ['${name:padLeft(-1)}', 'Hello World'],
    ['${missing:padLeft(5):isNull()}', 'true'],
    ["${missing:replaceNull('default')}", 'default'],
    ["${empty:replaceNull('default')}", ''],
    ["${name:replaceNull('default')}", 'Hello World'],
    ["${missing:replaceEmpty('default')}", 'default'],
    ["${blank:replaceEmpty('default')}", 'default'],
    ["${name:replaceEmpty('default')}", 'Hello World'],
    ['${name:length():toString():append(1)}', '111'],
    ['${missing:toString():isNull()}', 'true'],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });

  it('refuses a substring range outside the text, as Java does', () => {
    expect(errorOf('${name:substring(3, 20)}', attributes)).toMatchObject({
      message: 'substring: range 3 to 20 is outside a text of length 11',
      position: 7,
    });
    expect(errorOf('${name:substring(5, 2)}', attributes)).toMatchObject({ code: 'evaluation' });
    expect(errorOf('${name:substring(-1)}', attributes)).toMatchObject({ code: 'evaluation' });
  });

  it('checks literal index arguments at compile time', () => {
    expect(errorOf("${name:substring('x')}", attributes)).toMatchObject({
      message: "substring: cannot convert 'x' to a number (at column 18)",
      position: 17,
    });
  });
});
