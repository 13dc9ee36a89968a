import { describe, expect, it } from 'vitest';
import { distinctPorts, freePort } from './free-port.js';

describe('freePort', () => {
  it('never hands out a port twice, even when the OS offers it again', async () => {
    // given a source that offers 5, 5, 6, 5, 7
    const offers = [5, 5, 6, 5, 7];
    const next = distinctPorts(() => Promise.resolve(offers.shift()!));

    // then each port comes once
    expect([await next(), await next(), await next()]).toEqual([5, 6, 7]);
  });

  it('gives up, saying so, when the source offers nothing new', async () => {
    const next = distinctPorts(() => Promise.resolve(9));
    await next();
    await expect(next()).rejects.toThrow(/not handed out already/);
  });

  it('gives real, distinct ports on 127.0.0.1', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });
});
