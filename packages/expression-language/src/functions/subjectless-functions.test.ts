import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { contextOf, evaluate } from '../test-support/evaluate.js';

describe('subjectless functions', () => {
  it('now() reads the context clock', () => {
    expect(evaluate('${now():toNumber()}', {}, { now: new Date(42) })).toBe('42');
  });

  it('now() defaults to the system clock', () => {
    const before = Date.now();
    const now = Number(compile('${now():toNumber()}').evaluate({ attribute: () => undefined }));
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('UUID() makes version 4 UUIDs', () => {
    expect(evaluate('${UUID()}')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('literal() starts an expression from a constant of any type', () => {
    expect(evaluate("${literal('abc'):toUpper()}")).toBe('ABC');
    expect(evaluate('${literal(2):plus(3)}')).toBe('5');
    expect(evaluate('${literal(true):not()}')).toBe('false');
    expect(evaluate('${literal(${a}):append(1)}', { a: 'x' })).toBe('x1');
  });

  it('nextInt() counts up', () => {
    const template = compile('${nextInt()}');
    const first = Number(template.evaluate(contextOf()));
    expect(Number(template.evaluate(contextOf()))).toBe(first + 1);
  });

  it('random() gives non-negative whole numbers', () => {
    for (let i = 0; i < 20; i++) {
      const value = BigInt(evaluate('${random()}'));
      expect(value >= 0n && value < 2n ** 63n).toBe(true);
    }
  });

  it('hostname() names the host', () => {
    expect(evaluate('${hostname()}')).not.toBe('');
    expect(evaluate('${hostname(true)}')).not.toBe('');
  });
});
