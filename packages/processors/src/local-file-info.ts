import { readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/**
 * Helpers shared by the local-file processors (ListFile, PutFile): NiFi's attribute formats for
 * times and permissions, owner names, and NiFi-style (Java) regular expressions.
 */

/** True where POSIX owners and permission bits mean something. */
export const isPosix = process.platform !== 'win32';

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Formats epoch millis as NiFi's `yyyy-MM-dd'T'HH:mm:ssZ` in the local time zone
 * (e.g. `2024-03-01T14:05:09+0100`), the format of ListFile's `file.*Time` attributes.
 */
export function formatNiFiTimestamp(millis: number): string {
  const d = new Date(millis);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}` +
    `T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}` +
    `${sign}${two(Math.floor(abs / 60))}${two(abs % 60)}`
  );
}

/**
 * Parses NiFi's `yyyy-MM-dd'T'HH:mm:ssZ` (offset `+0100`, `+01:00` or `Z`) into epoch millis, or
 * returns undefined when the text is not in that format.
 */
export function parseNiFiTimestamp(text: string): number | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:Z|([+-])(\d{2}):?(\d{2}))$/.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const local = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!);
  const offset = sign ? (sign === '-' ? -1 : 1) * (+offsetHours! * 60 + +offsetMinutes!) : 0;
  const millis = local - offset * 60_000;
  // Date.UTC rolls over out-of-range fields (month 13); refuse them instead.
  return new Date(local).getUTCMonth() === +month! - 1 &&
    +hour! < 24 &&
    +minute! < 60 &&
    +second! < 60
    ? millis
    : undefined;
}

/** Permission bits as `rwxr-xr-x`, as Java's PosixFilePermissions.toString (no setuid/sticky). */
export function permissionString(mode: number): string {
  const letters = 'rwx';
  let result = '';
  for (let bit = 8; bit >= 0; bit--) result += mode & (1 << bit) ? letters[(8 - bit) % 3] : '-';
  return result;
}

/**
 * Parses permissions written as `rw-r--r--` or octal `644` / `0644` into mode bits, or returns
 * undefined when the text is neither (NiFi accepts the same two forms).
 */
export function parsePermissions(text: string): number | undefined {
  const value = text.trim();
  if (/^0?[0-7]{3}$/.test(value)) return parseInt(value, 8);
  if (!/^([r-][w-][x-]){3}$/.test(value)) return undefined;
  let mode = 0;
  for (let i = 0; i < 9; i++) if (value[i] !== '-') mode |= 1 << (8 - i);
  return mode;
}

/** uid → user name and gid → group name, read from /etc/passwd and /etc/group. */
export interface OwnerNames {
  user(uid: number): string;
  group(gid: number): string;
}

async function idTable(file: string): Promise<Map<number, string>> {
  const table = new Map<number, string>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // No such database (Windows, minimal containers): names fall back to numeric ids.
    return table;
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id !== undefined && /^\d+$/.test(id) && !table.has(Number(id))) {
      table.set(Number(id), name);
    }
  }
  return table;
}

/**
 * Loads the local user and group names. Node has no getpwuid, so the files are read once per
 * start; ids of users known only to a directory service (LDAP) are shown as numbers.
 */
export async function loadOwnerNames(): Promise<OwnerNames> {
  const [users, groups] = await Promise.all([idTable('/etc/passwd'), idTable('/etc/group')]);
  return {
    user: (uid) => users.get(uid) ?? String(uid),
    group: (gid) => groups.get(gid) ?? String(gid),
  };
}

/** The creation time Java reports: the birth time where the file system keeps one, else mtime. */
export function creationTime(stats: Stats): number {
  return stats.birthtimeMs > 0 ? stats.birthtimeMs : stats.mtimeMs;
}
