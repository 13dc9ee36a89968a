import { describe, expect, it } from 'vitest';
import { ConnectionPool, type PoolResource } from './connection-pool.js';

/** An in-memory connection: the pool's bookkeeping is what is under test here. */
interface Conn {
  readonly id: number;
  usable: boolean;
  closed: boolean;
  broken?: () => void;
}

/** A resource that opens numbered connections; `failNext` makes the next open fail. */
function resource() {
  const opened: Conn[] = [];
  let failNext = false;
  const impl: PoolResource<Conn> = {
    async open() {
      if (failNext) {
        failNext = false;
        throw new Error('cannot connect');
      }
      const conn: Conn = { id: opened.length + 1, usable: true, closed: false };
      opened.push(conn);
      return conn;
    },
    close(conn) {
      conn.closed = true;
    },
    isUsable: (conn) => conn.usable,
    survives: (error) => !(error instanceof Error && error.message === 'connection lost'),
    watch(conn, broken) {
      conn.broken = broken;
    },
  };
  return { impl, opened, failNextOpen: () => (failNext = true) };
}

/** A promise with its resolver, to hold a borrowed connection as long as a test likes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const options = { max: 2, idleTimeoutMs: 60_000 };

describe('ConnectionPool', () => {
  it('reuses an idle connection instead of opening another', async () => {
    const { impl, opened } = resource();
    const pool = new ConnectionPool(impl, options, 'test pool');

    const first = await pool.use(async (c) => c.id);
    const second = await pool.use(async (c) => c.id);

    expect([first, second]).toEqual([1, 1]);
    expect(opened).toHaveLength(1);
    await pool.close();
  });

  it('makes a borrower beyond the maximum wait, and hands it the first connection given back', async () => {
    const { impl, opened } = resource();
    const pool = new ConnectionPool(impl, options, 'test pool');
    const holdA = gate();
    const holdB = gate();
    const a = pool.use(async (c) => (await holdA.promise, c.id));
    const b = pool.use(async (c) => (await holdB.promise, c.id));
    const c = pool.use(async (conn) => conn.id);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.stats()).toEqual({ open: 2, idle: 0, waiting: 1 });

    holdB.open();
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    holdA.open();
    expect(await a).toBe(1);
    expect(opened).toHaveLength(2);
    await pool.close();
  });

  it('drops a connection the work broke, and one that broke while idle', async () => {
    const { impl, opened } = resource();
    const pool = new ConnectionPool(impl, options, 'test pool');

    await expect(
      pool.use(async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    expect(opened[0]!.closed).toBe(true);
    await expect(
      pool.use(async () => {
        throw new Error('no such file');
      }),
    ).rejects.toThrow('no such file');
    expect(pool.stats()).toEqual({ open: 1, idle: 1, waiting: 0 });

    opened[1]!.usable = false;
    opened[1]!.broken!();
    expect(pool.stats()).toEqual({ open: 0, idle: 0, waiting: 0 });
    expect(opened[1]!.closed).toBe(true);
    expect(await pool.use(async (c) => c.id)).toBe(3);
    await pool.close();
  });

  it('frees the slot of a connection that could not be opened', async () => {
    const { impl, failNextOpen } = resource();
    const pool = new ConnectionPool(impl, { ...options, max: 1 }, 'test pool');
    failNextOpen();

    await expect(pool.use(async (c) => c.id)).rejects.toThrow('cannot connect');

    expect(await pool.use(async (c) => c.id)).toBe(1);
    await pool.close();
  });

  it('closes idle connections after the idle timeout', async () => {
    const { impl, opened } = resource();
    const pool = new ConnectionPool(impl, { max: 2, idleTimeoutMs: 10 }, 'test pool');
    await pool.use(async () => undefined);

    while (pool.stats().open > 0) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(opened[0]!.closed).toBe(true);
    await pool.close();
  });

  it('on close ends idle and busy connections and turns waiting borrowers away', async () => {
    const { impl, opened } = resource();
    const pool = new ConnectionPool(impl, { ...options, max: 1 }, 'test pool');
    await pool.use(async () => undefined);
    await pool.use(async () => undefined);
    const hold = gate();
    const busy = pool.use(() => hold.promise);
    const waiting = pool.use(async () => 'never');
    await new Promise((resolve) => setImmediate(resolve));

    await pool.close();

    expect(opened.map((c) => c.closed)).toEqual([true]);
    await expect(waiting).rejects.toThrow('test pool is closed');
    hold.open();
    await busy;
    expect(pool.stats()).toEqual({ open: 0, idle: 0, waiting: 0 });
    await expect(pool.use(async () => undefined)).rejects.toThrow('test pool is closed');
  });
});
