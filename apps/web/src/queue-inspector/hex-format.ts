/** One line of a hex dump: the offset, the bytes in hex, and the printable ASCII. */
export interface HexRow {
  readonly offset: string;
  readonly hex: string;
  readonly ascii: string;
}

/** Bytes per line of the hex view. */
export const HEX_WIDTH = 16;

/**
 * A classic hex dump of `bytes`, which start at `baseOffset` of the content: an 8-digit hex
 * offset, 16 bytes per line in two groups of 8, and their ASCII with `.` for anything that is
 * not printable. A short last line is padded so the ASCII column stays aligned.
 */
export function hexRows(bytes: Uint8Array, baseOffset = 0, width = HEX_WIDTH): HexRow[] {
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += width) {
    const line = bytes.subarray(start, Math.min(bytes.length, start + width));
    const cells: string[] = [];
    let ascii = '';
    for (let i = 0; i < width; i++) {
      const byte = line[i];
      cells.push(byte === undefined ? '  ' : byte.toString(16).padStart(2, '0'));
      if (byte !== undefined)
        ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    const half = width / 2;
    rows.push({
      offset: (baseOffset + start).toString(16).padStart(8, '0'),
      hex: `${cells.slice(0, half).join(' ')}  ${cells.slice(half).join(' ')}`,
      ascii,
    });
  }
  return rows;
}

/** Decodes base64 (as the API sends bytes) to bytes. */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
