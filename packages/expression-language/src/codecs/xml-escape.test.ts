import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, unescapeXml } from './xml-escape.js';

describe('escapeXml', () => {
  it('escapes the five predefined entities', () => {
    expect(escapeXml(`<a b="c">'&'</a>`)).toBe(
      '&lt;a b=&quot;c&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('drops characters XML 1.0 forbids and keeps tabs and line breaks', () => {
    expect(escapeXml('a\u0000b\u0008c\td\ne\rf\uffff')).toBe('ab' + 'c\td\ne\rf');
  });

  it('returns text needing no escapes unchanged', () => {
    expect(escapeXml('plain 한글')).toBe('plain 한글');
  });
});

describe('unescapeXml', () => {
  it('resolves named and numeric references and leaves others', () => {
    expect(unescapeXml('&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&nbsp;&#99999999;')).toBe(
      '<>&"\'AB\u{1F600}&nbsp;&#99999999;',
    );
  });

  it('undoes escapeXml for valid XML text', () => {
    const xmlText = fc.string({
      unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', ' ', '\n', 'é'),
    });
    fc.assert(fc.property(xmlText, (text) => unescapeXml(escapeXml(text)) === text));
  });
});
