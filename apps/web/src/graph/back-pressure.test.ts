import { describe, expect, it } from 'vitest';
import { connectionStatus } from '../testing/fixtures.js';
import { isQueueFull } from './back-pressure.js';

describe('isQueueFull', () => {
  it('trusts the engine flag, and counts against the object threshold too', () => {
    expect(isQueueFull(connectionStatus('c', 10, 10))).toBe(true);
    expect(isQueueFull({ ...connectionStatus('c', 1, 10), full: true })).toBe(true);
    expect(isQueueFull(connectionStatus('c', 9, 10))).toBe(false);
    expect(isQueueFull(connectionStatus('c', 9, 0))).toBe(false);
    expect(isQueueFull(undefined)).toBe(false);
  });
});
