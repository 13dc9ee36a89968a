import { describe, expect, it } from 'vitest';
import { base64Bytes, hexRows } from './hex-format.js';

describe('hexRows', () => {
  it('shows offset, hex in two groups of eight, and ASCII with dots for the unprintable', () => {
    const bytes = new TextEncoder().encode('hello\nsluice, 0123456789');
    const rows = hexRows(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      offset: '00000000',
      hex: '68 65 6c 6c 6f 0a 73 6c  75 69 63 65 2c 20 30 31',
      ascii: 'hello.sluice, 01',
    });
    expect(rows[1]!.offset).toBe('00000010');
    expect(rows[1]!.ascii).toBe('23456789');
  });

  it('pads a short last line so the ASCII column stays aligned', () => {
    const [row] = hexRows(new Uint8Array([0xff, 0x41]));
    expect(row!.hex).toHaveLength(48);
    expect(row!.hex.startsWith('ff 41 ')).toBe(true);
    expect(row!.ascii).toBe('.A');
  });

  it('numbers lines from the offset of the loaded range', () => {
    expect(hexRows(new Uint8Array(20), 0x10000).map((r) => r.offset)).toEqual([
      '00010000',
      '00010010',
    ]);
  });

  it('shows nothing for no bytes', () => {
    expect(hexRows(new Uint8Array())).toEqual([]);
  });
});

describe('base64Bytes', () => {
  it('decodes what the API sends', () => {
    expect([...base64Bytes('w6k=')]).toEqual([0xc3, 0xa9]);
  });
});
