import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = {
  five: '5',
  word: 'abc',
  yes: 'true',
  no: 'false',
  empty: '',
  blank: ' \t',
  epoch: '1705314600007',
};

describe('logic functions', () => {
  it.each([
    ['${missing:isNull()}', 'true'],
    ['${empty:isNull()}', 'false'],
    ['${missing:notNull()}', 'false'],
    ['${word:notNull()}', 'true'],
    ['${missing:isEmpty()}', 'true'],
    ['${empty:isEmpty()}', 'true'],
    ['${blank:isEmpty()}', 'true'],
    ['${word:isEmpty()}', 'false'],
    ["${word:equals('abc')}", 'true'],
    ["${word:equals('ABC')}", 'false'],
    ['${five:equals(5)}', 'true'],
    ['${five:toNumber():equals(5)}', 'true'],
    ['${five:toNumber():equals(5.0)}', 'true'],
    ['${five:toDecimal():equals(5)}', 'true'],
    ["${five:toNumber():equals('5')}", 'true'],
    ["${missing:equals('')}", 'false'],
    ['${word:equals(${missing})}', 'false'],
    ['${now():equals(${epoch})}', 'true'],
    ['${now():equals(${now()})}', 'true'],
    ['${yes:equals(true)}', 'true'],
    ["${word:in('x', 'abc', 'y')}", 'true'],
    ["${word:in('x')}", 'false'],
    ["${missing:in('')}", 'false'],
    ['${yes:not()}', 'false'],
    ['${no:not()}', 'true'],
    ['${word:not()}', 'true'],
    ['${missing:not()}', ''],
    ["${word:equals('abc'):not()}", 'false'],
    ['${yes:and(true)}', 'true'],
    ['${yes:and(${no})}', 'false'],
    ['${no:and(${word:toNumber()})}', 'false'],
    ['${no:or(${yes})}', 'true'],
    ['${no:or(false)}', 'false'],
    ['${yes:or(${word:toNumber()})}', 'true'],
    ["${yes:ifElse('a', 'b')}", 'a'],
    ["${no:ifElse('a', 'b')}", 'b'],
    ["${missing:ifElse('a', 'b')}", 'b'],
    ["${word:equals('abc'):ifElse(${five:plus(1)}, ${word:toNumber()})}", '6'],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });

  it('refuses a number where a boolean is expected', () => {
    expect(errorOf('${five:toNumber():not()}', attributes)).toMatchObject({
      code: 'type-mismatch',
      message: 'not: expected a boolean but got whole number 5',
      position: 18,
    });
  });
});
