import { describe, expect, it } from 'vitest';
import { evaluate } from '../test-support/evaluate.js';

const attributes = { path: 'a/b/c.tar.gz', word: 'Sluice' };

describe('search functions', () => {
  it.each([
    ["${path:substringBefore('/')}", 'a'],
    ["${path:substringBeforeLast('/')}", 'a/b'],
    ["${path:substringAfter('/')}", 'b/c.tar.gz'],
    ["${path:substringAfterLast('/')}", 'c.tar.gz'],
    ["${path:substringBefore('#')}", 'a/b/c.tar.gz'],
    ["${path:substringAfter('#')}", 'a/b/c.tar.gz'],
    ["${path:substringAfterLast('.')}", 'gz'],
    ["${path:indexOf('/')}", '1'],
    ["${path:lastIndexOf('/')}", '3'],
    ["${path:indexOf('#')}", '-1'],
    ["${missing:indexOf('x')}", '-1'],
    ["${path:contains('c.tar')}", 'true'],
    ["${path:contains('x')}", 'false'],
    ["${missing:contains('')}", 'false'],
    ["${path:startsWith('a/')}", 'true'],
    ["${path:endsWith('.gz')}", 'true'],
    ["${path:endsWith('.zip')}", 'false'],
    ["${word:equalsIgnoreCase('SLUICE')}", 'true'],
    ["${word:equalsIgnoreCase('sluices')}", 'false'],
    ["${missing:equalsIgnoreCase('')}", 'false'],
  ])('%s → %s', (template, expected) => {
    expect(evaluate(template, attributes)).toBe(expected);
  });
});
