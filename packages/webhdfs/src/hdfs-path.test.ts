import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHdfsPath } from './hdfs-path.js';
import { WebHdfsError } from './webhdfs-error.js';

const segment = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('/'));

describe('encodeHdfsPath', () => {
  it('keeps the slashes and encodes every segment so that it decodes to itself', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (segments) => {
        const path = `/${segments.join('/')}`;
        const encoded = encodeHdfsPath(path, 'OPEN', 'http://h');
        // Only characters that mean nothing special in a URL path are left as they are.
        expect(encoded).toMatch(/^(?:\/|[A-Za-z0-9\-_.!~*'()]|%[0-9A-F]{2})*$/);
        expect(encoded.split('/').map(decodeURIComponent)).toEqual(path.split('/'));
      }),
    );
  });

  it('encodes spaces, URL delimiters and Korean text as UTF-8', () => {
    expect(encodeHdfsPath('/a b/c%d#e?f+g&h/한국어', 'OPEN', 'http://h')).toBe(
      '/a%20b/c%25d%23e%3Ff%2Bg%26h/%ED%95%9C%EA%B5%AD%EC%96%B4',
    );
  });

  it('refuses a relative path and a lone surrogate, naming the operation', () => {
    expect(() => encodeHdfsPath('a/b', 'CREATE', 'http://h')).toThrow(
      expect.objectContaining({ code: 'invalid', message: expect.stringContaining('CREATE') }),
    );
    expect(() => encodeHdfsPath('/a\uD800', 'OPEN', 'http://h')).toThrow(WebHdfsError);
  });
});
