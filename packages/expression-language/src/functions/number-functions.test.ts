import { describe, expect, it } from 'vitest';
import { errorOf, evaluate } from '../test-support/evaluate.js';

const attributes = {
  five: '5',
  half: '2.5',
  neg: '-7',
  hex: '0x1F',
  word: 'abc',
  blank: ' ',
  big: '9223372036854775807',
};

describe('number functions', () => {
  it.each([
    ['${five:toNumber()}', '5'],
    ['${half:toNumber()}', '2'],
    ['${neg:toNumber()}', '-7'],
    ['${hex:toNumber()}', '31'],
    ['${missing:toNumber()}', ''],
    ['${blank:toNumber()}', ''],
    ['${now():toNumber()}', '1705314600007'],
    ['${half:toDecimal()}', '2.5'],
    ['${five:toDecimal()}', '5'],
    ['${five:plus(2)}', '7'],
    ['${five:plus(2.5)}', '7.5'],
    ['${half:plus(1)}', '3.5'],
    ['${five:minus(8)}', '-3'],
    ['${five:multiply(3)}', '15'],
    ['${five:multiply(0.5)}', '2.5'],
    ['${five:divide(2)}', '2'],
    ['${neg:divide(2)}', '-3'],
    ['${five:toDecimal():divide(2)}', '2.5'],
    ['${five:divide(0.0)}', 'Infinity'],
    ['${five:mod(3)}', '2'],
    ['${neg:mod(3)}', '-1'],
    ['${half:mod(2)}', '0.5'],
    ['${five:plus(${five})}', '10'],
    ['${missing:plus(1)}', ''],
    ['${five:plus(${missing})}', ''],
    ['${big:plus(1)}', '-9223372036854775808'],
    ['${five:gt(4)}', 'true'],
    ['${five:gt(5)}', 'false'],
    ['${five:ge(5)}', 'true'],
    ['${five:lt(5.5)}', 'true'],
    ['${half:le(2)}', 'false'],
    ['${missing:gt(1)}', 'false'],
    ['${five:gt(${missing})}', 'false'],
    ['${now():gt(0)}', 'true'],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });

  it.each([
    ['${word:toNumber()}', "toNumber: cannot convert 'abc' to a number", 7],
    ['${word:plus(1)}', "plus: cannot convert 'abc' to a number", 7],
    ['${five:plus(${word})}', "plus: cannot convert 'abc' to a number", 7],
    ['${five:gt(${word})}', "gt: cannot convert 'abc' to a number", 7],
    ['${five:divide(0)}', 'divide: division by zero', 7],
    ['${five:mod(0)}', 'mod: division by zero', 7],
    ['${five:equals(5):plus(1)}', 'plus: cannot convert boolean true to a number', 17],
  ])('%s fails with "%s"', (template, message, position) => {
    expect(errorOf(template, attributes)).toMatchObject({ message, position });
  });

  it('checks literal operands at compile time', () => {
    expect(errorOf("${five:plus('x')}", attributes)).toMatchObject({
      message: "plus: cannot convert 'x' to a number (at column 13)",
      position: 12,
    });
  });
});
