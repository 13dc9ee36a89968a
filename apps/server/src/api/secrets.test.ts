import { SECRET_MASK } from '@sluice/engine';
import { describe, expect, it } from 'vitest';
import { maskDeep } from './secrets.js';

describe('maskDeep', () => {
  it('masks a secret in every message, never in ids, roles or levels', () => {
    // Given an answer where the secret is also a role name and part of ids
    const answer = {
      id: 'admin',
      role: 'admin',
      level: 'admin',
      childIds: ['admin', 'x'],
      flowFileId: 'admin',
      message: 'login as admin refused',
      nested: [{ text: 'admin' }],
    };

    // When it is masked
    const masked = maskDeep(answer, ['admin']);

    // Then only the texts lost it
    expect(masked).toEqual({
      id: 'admin',
      role: 'admin',
      level: 'admin',
      childIds: ['admin', 'x'],
      flowFileId: 'admin',
      message: `login as ${SECRET_MASK} refused`,
      nested: [{ text: SECRET_MASK }],
    });
  });

  it('keeps a field named __proto__ a field and leaves numbers and booleans alone', () => {
    const answer = JSON.parse(
      '{"__proto__": "s3cr3t-value", "n": 1, "b": true, "z": null}',
    ) as unknown;
    const masked = maskDeep(answer, ['s3cr3t-value']) as Record<string, unknown>;
    expect(Object.keys(masked)).toEqual(['__proto__', 'n', 'b', 'z']);
    expect(Object.getOwnPropertyDescriptor(masked, '__proto__')?.value).toBe(SECRET_MASK);
    expect(masked['n']).toBe(1);
    expect(masked['b']).toBe(true);
    expect(masked['z']).toBeNull();
  });
});
