import { describe, expect, it } from 'vitest';
import { ownedByRootAllTheWay, traversableByOthers } from './paths.js';

const dirs: Record<string, { uid: number; mode: number }> = {
  '/': { uid: 0, mode: 0o755 },
  '/tmp': { uid: 0, mode: 0o1777 },
  '/tmp/clone': { uid: 0, mode: 0o755 },
  '/root': { uid: 0, mode: 0o700 },
  '/root/repo': { uid: 0, mode: 0o755 },
  '/srv': { uid: 0, mode: 0o755 },
  '/srv/repo': { uid: 0, mode: 0o755 },
  '/home': { uid: 0, mode: 0o755 },
  '/home/ann': { uid: 1000, mode: 0o755 },
};
const stat = (path: string) => {
  const info = dirs[path];
  if (!info) throw new Error(`ENOENT: ${path}`);
  return info;
};

describe('ownedByRootAllTheWay', () => {
  it('accepts a checkout whose every parent is root-owned and not group/world-writable', () => {
    expect(ownedByRootAllTheWay('/srv/repo', stat)).toBe(true);
  });

  it('refuses one under /tmp, one under /root, one owned by a user, and one that does not exist', () => {
    expect(ownedByRootAllTheWay('/root/repo', stat)).toBe(false);
    expect(ownedByRootAllTheWay('/tmp/clone', stat)).toBe(false);
    expect(ownedByRootAllTheWay('/home/ann', stat)).toBe(false);
    expect(ownedByRootAllTheWay('/nowhere', stat)).toBe(false);
  });
});

describe('traversableByOthers', () => {
  it('refuses a directory below /root (0700) and accepts one below /srv or not yet created', () => {
    expect(traversableByOthers('/root/repo', stat)).toBe(false);
    expect(traversableByOthers('/srv/repo', stat)).toBe(true);
    expect(traversableByOthers('/srv/repo/not/yet/made', stat)).toBe(true);
    expect(traversableByOthers('/tmp/clone', stat)).toBe(true);
  });
});
