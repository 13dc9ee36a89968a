import { describe, expect, it } from 'vitest';
import {
  formatNiFiTimestamp,
  parseNiFiTimestamp,
  parsePermissions,
  permissionString,
} from './local-file-info.js';

describe('NiFi timestamps', () => {
  it('formats as yyyy-MM-ddTHH:mm:ssZ and parses back to the same second', () => {
    const millis = Date.UTC(2024, 0, 2, 3, 4, 5);

    const text = formatNiFiTimestamp(millis + 678);

    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/);
    expect(parseNiFiTimestamp(text)).toBe(millis);
  });

  it('parses offsets written as +0100, +01:00 and Z', () => {
    expect(parseNiFiTimestamp('2024-01-02T03:04:05+0100')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(parseNiFiTimestamp('2024-01-02T03:04:05-01:30')).toBe(Date.UTC(2024, 0, 2, 4, 34, 5));
    expect(parseNiFiTimestamp('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('refuses other formats and out-of-range fields', () => {
    expect(parseNiFiTimestamp('02/01/2024 03:04:05 +0100')).toBeUndefined();
    expect(parseNiFiTimestamp('2024-13-02T03:04:05+0000')).toBeUndefined();
    expect(parseNiFiTimestamp('2024-01-02T24:04:05+0000')).toBeUndefined();
  });
});

describe('POSIX permissions', () => {
  it('prints mode bits as rwx triads, ignoring the file type bits', () => {
    expect(permissionString(0o100755)).toBe('rwxr-xr-x');
    expect(permissionString(0o640)).toBe('rw-r-----');
    expect(permissionString(0)).toBe('---------');
  });

  it('parses rwx triads and octal with or without a leading zero', () => {
    expect(parsePermissions('rw-r--r--')).toBe(0o644);
    expect(parsePermissions('644')).toBe(0o644);
    expect(parsePermissions('0750')).toBe(0o750);
    expect(parsePermissions('rwxrwxrwz')).toBeUndefined();
    expect(parsePermissions('888')).toBeUndefined();
  });

  it('round-trips every mode through its text', () => {
    for (let mode = 0; mode <= 0o777; mode++)
      expect(parsePermissions(permissionString(mode))).toBe(mode);
  });
});
