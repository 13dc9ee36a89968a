import { describe, expect, it } from 'vitest';
import { copyAttributes, setAttribute, withoutAttribute, withUuid } from './attribute-map.js';

describe('copyAttributes', () => {
  it('copies every key and value, in order, into a new object', () => {
    const source = { uuid: 'u-1', filename: 'a.txt', path: './' };
    const copy = copyAttributes(source);
    expect(copy).toEqual(source);
    expect(Object.keys(copy)).toEqual(['uuid', 'filename', 'path']);
    expect(copy).not.toBe(source);
    copy['filename'] = 'b.txt';
    expect(source.filename).toBe('a.txt');
  });

  it('keeps a "__proto__" attribute an own key, never the prototype', () => {
    const source: Record<string, string> = JSON.parse('{"__proto__":"x","a":"1"}');
    const copy = copyAttributes(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.entries(copy)).toEqual([
      ['__proto__', 'x'],
      ['a', '1'],
    ]);
  });
});

describe('setAttribute', () => {
  it('adds and replaces keys', () => {
    const map: Record<string, string> = { a: '1' };
    setAttribute(map, 'b', '2');
    setAttribute(map, 'a', '3');
    expect(map).toEqual({ a: '3', b: '2' });
  });

  it('sets "__proto__" as an own attribute, which an assignment would drop', () => {
    const map: Record<string, string> = {};
    setAttribute(map, '__proto__', 'x');
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.entries(map)).toEqual([['__proto__', 'x']]);
  });
});

describe('withUuid', () => {
  it('copies the attributes with the new uuid in the old one’s place', () => {
    const source = { uuid: 'u-1', filename: 'a.txt' };
    const copy = withUuid(source, 'u-2');
    expect(Object.entries(copy)).toEqual([
      ['uuid', 'u-2'],
      ['filename', 'a.txt'],
    ]);
    expect(source.uuid).toBe('u-1');
  });
});

describe('withoutAttribute', () => {
  it('copies the attributes but one, in order, leaving the source as it was', () => {
    const source: Record<string, string> = JSON.parse('{"__proto__":"x","a":"1","b":"2"}');
    const copy = withoutAttribute(source, 'a');
    expect(Object.entries(copy)).toEqual([
      ['__proto__', 'x'],
      ['b', '2'],
    ]);
    expect(Object.keys(source)).toEqual(['__proto__', 'a', 'b']);
  });
});
