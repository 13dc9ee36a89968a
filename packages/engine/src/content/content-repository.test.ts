import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentClaim } from './content-claim.js';
import { ContentRepository, type ContentRepositoryOptions } from './content-repository.js';

let dir: string;
let errors: Error[];
const open: ContentRepository[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-content-'));
  errors = [];
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((repository) => repository.close()));
  await rm(dir, { recursive: true, force: true });
});

async function openRepository(options: ContentRepositoryOptions = {}): Promise<ContentRepository> {
  const repository = await ContentRepository.open(dir, {
    onError: (error) => errors.push(error),
    ...options,
  });
  open.push(repository);
  return repository;
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function claimFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.claim')).sort();
}

/** Deterministic pseudo-random bytes, so a test can recompute a stream instead of keeping it. */
function* pseudoRandomChunks(seed: number, chunkBytes: number, chunks: number): Generator<Buffer> {
  let state = seed >>> 0 || 1;
  for (let i = 0; i < chunks; i++) {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    for (let j = 0; j < chunkBytes; j += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      chunk.writeUInt32LE(state >>> 0, j);
    }
    yield chunk;
  }
}

describe('ContentRepository', () => {
  it('writeAll returns claims whose bytes read back exactly', async () => {
    // given
    const repository = await openRepository();
    const chunks = [
      Buffer.from('hello'),
      Buffer.alloc(0),
      Buffer.from('wörld ✓'),
      new Uint8Array([0, 255, 1, 254]),
    ];

    // when
    const claims = await repository.writeAll(chunks);

    // then
    expect(claims).toHaveLength(chunks.length);
    for (const [i, claim] of claims.entries()) {
      expect(claim.length).toBe(chunks[i]!.length);
      expect(await repository.readBuffer(claim)).toEqual(Buffer.from(chunks[i]!));
      expect(await readAll(repository.read(claim))).toEqual(Buffer.from(chunks[i]!));
    }
    expect(await readAll(repository.read(claims[2]!, { start: 1, end: 4 }))).toEqual(
      Buffer.from('wörld ✓').subarray(1, 4),
    );
  });

  it('writeAll writes views of one buffer, adjacent or not, mixed with others, back exactly', async () => {
    // given outputs carved from one slab (as ReplaceText does), with a gap, a repeat and strays
    const repository = await openRepository();
    const slab = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    const chunks = [
      slab.subarray(0, 3),
      slab.subarray(3, 10),
      slab.subarray(12, 20),
      Buffer.from('stray'),
      slab.subarray(20, 26),
      Buffer.alloc(0),
      slab.subarray(0, 3),
    ];

    // when
    const claims = await repository.writeAll(chunks);

    // then
    for (const [i, claim] of claims.entries()) {
      expect((await repository.readBuffer(claim)).toString()).toBe(chunks[i]!.toString());
    }
    expect(claims.map((c) => c.offset)).toEqual([0, 3, 10, 18, 23, 29, 29]);
  });

  it('writes larger than a claim file get their own files, small writers keep theirs', async () => {
    // given a small writer's file, and a claim file size of 1 KiB
    const repository = await openRepository({ maxAppendableClaimBytes: 1024 });
    await repository.initializeReferences(new Map());
    const [small] = await repository.writeAll([Buffer.from('small')]);

    // when large writes come (each fills a file), with small ones between them
    const large = [];
    for (let i = 0; i < 3; i++) {
      large.push(...(await repository.writeAll([Buffer.alloc(1500, i)])));
      await repository.sync(large.map((claim) => claim.file));
    }
    const [later] = await repository.writeAll([Buffer.from('later')]);

    // then each large write had a file of its own (a spare made ready for the next), and the
    // small writer stayed on its file
    expect(new Set(large.map((claim) => claim.file)).size).toBe(3);
    expect(large.map((claim) => claim.file)).not.toContain(small!.file);
    expect(later!.file).toBe(small!.file);
    for (const [i, claim] of large.entries()) {
      expect((await repository.readBuffer(claim)).equals(Buffer.alloc(1500, i))).toBe(true);
    }

    // when closed, the spare nobody took is gone
    await repository.close();
    expect(await claimFiles()).toEqual([small!.file, ...large.map((claim) => claim.file)].sort());
  });

  it('many small writes share one claim file', async () => {
    // given
    const repository = await openRepository();

    // when
    const claims: ContentClaim[] = [];
    for (let i = 0; i < 200; i++)
      claims.push(...(await repository.writeAll([Buffer.from(`#${i}`)])));

    // then
    expect(new Set(claims.map((claim) => claim.file)).size).toBe(1);
    expect(await repository.usage()).toEqual({
      files: 1,
      bytes: claims.reduce((sum, claim) => sum + claim.length, 0),
    });
    expect((await repository.readBuffer(claims[123]!)).toString()).toBe('#123');
  });

  it('a claim file is deleted when its last reference goes after it is sealed, and not before', async () => {
    // given a repository whose claim files seal at 1 KiB
    const repository = await openRepository({ maxAppendableClaimBytes: 1024 });
    await repository.initializeReferences(new Map());
    const [a, b] = await repository.writeAll([Buffer.alloc(300, 1), Buffer.alloc(300, 2)]);
    const file = a!.file;

    // when every reference goes while the file is still appendable
    repository.decrementReferences(file, 2);
    await repository.whenIdle();

    // then it is kept, and the next write goes to it
    expect(await claimFiles()).toEqual([file]);
    const [c] = await repository.writeAll([Buffer.alloc(600, 3)]);
    expect(c!.file).toBe(file);

    // when the file is sealed (full) with two references taken on the third claim
    repository.incrementReferences(file);
    await repository.whenIdle();
    repository.decrementReferences(file);
    await repository.whenIdle();

    // then one reference left keeps it
    expect(await claimFiles()).toEqual([file]);
    expect((await repository.readBuffer(c!)).every((byte) => byte === 3)).toBe(true);

    // when the last reference goes
    repository.decrementReferences(file);
    await repository.whenIdle();

    // then the file is deleted, and a new write starts a new file
    expect(await claimFiles()).toEqual([]);
    const [d] = await repository.writeAll([Buffer.from('next')]);
    expect(d!.file).not.toBe(file);
    expect(b!.file).toBe(file);
    expect(errors).toEqual([]);
  });

  it('holds a claim until its file is deleted', async () => {
    // given a claim in a file that seals when full
    const repository = await openRepository({ maxAppendableClaimBytes: 16 });
    await repository.initializeReferences(new Map());
    const [claim] = await repository.writeAll([Buffer.alloc(32, 1)]);
    await repository.whenIdle();
    expect(repository.holds(claim!)).toBe(true);

    // when its last reference goes
    repository.decrementReferences(claim!.file);

    // then it is no longer held, from the moment its deletion starts
    expect(repository.holds(claim!)).toBe(false);
    await repository.whenIdle();
    expect(repository.holds(claim!)).toBe(false);
    expect(repository.holds({ file: '999.claim', offset: 0, length: 1 })).toBe(false);
  });

  it('writeStream stores 50 MB and reads it back byte for byte', async () => {
    // given a 50 MB source that is generated, never held whole
    const repository = await openRepository();
    const chunkBytes = 64 * 1024;
    const chunks = 800;
    const expected = createHash('sha256');
    for (const chunk of pseudoRandomChunks(42, chunkBytes, chunks)) expected.update(chunk);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield* pseudoRandomChunks(42, chunkBytes, chunks);
    }

    // when
    const claim = await repository.writeStream(source());

    // then
    expect(claim.length).toBe(chunkBytes * chunks);
    const actual = createHash('sha256');
    for await (const chunk of repository.read(claim)) actual.update(chunk);
    expect(actual.digest('hex')).toBe(expected.digest('hex'));
  });

  it('initializeReferences deletes every claim file no flowfile references', async () => {
    // given three sealed claim files from an earlier run
    const before = await openRepository({ maxAppendableClaimBytes: 10 });
    const claims: ContentClaim[] = [];
    for (const text of ['first file', 'second file', 'third file']) {
      claims.push(...(await before.writeAll([Buffer.from(text)])));
    }
    await before.close();
    expect(await claimFiles()).toHaveLength(3);

    // when a new run finds only the second one referenced
    const repository = await openRepository();
    await repository.initializeReferences(new Map([[claims[1]!.file, 1]]));

    // then the others are gone and the referenced content is intact
    expect(await claimFiles()).toEqual([claims[1]!.file]);
    expect((await repository.readBuffer(claims[1]!)).toString()).toBe('second file');
    const fresh = await repository.writeAll([Buffer.from('new')]);
    expect(claims.map((claim) => claim.file)).not.toContain(fresh[0]!.file);
  });

  it('never reuses the name of a claim file deleted before a restart', async () => {
    // given a run whose newest claim file was deleted once nothing referred to it
    const before = await openRepository({ maxAppendableClaimBytes: 4 });
    await before.initializeReferences(new Map());
    const [kept] = await before.writeAll([Buffer.from('kept file')]);
    const [gone] = await before.writeAll([Buffer.from('gone file')]);
    await before.whenIdle();
    before.decrementReferences(gone!.file);
    await before.whenIdle();
    await before.close();
    expect(gone!.file).not.toBe(kept!.file);
    expect(await claimFiles()).toEqual([kept!.file]);

    // when the next run writes
    const repository = await openRepository();
    await repository.initializeReferences(new Map([[kept!.file, 1]]));
    const [fresh] = await repository.writeAll([Buffer.from('new')]);

    // then its file is new: a provenance event naming the deleted one cannot read these bytes
    expect(fresh!.file).not.toBe(gone!.file);
    expect(repository.holds(gone!)).toBe(false);
  });

  it('nothing is deleted before initializeReferences, whatever the counts', async () => {
    // given a sealed file from an earlier run
    const before = await openRepository({ maxAppendableClaimBytes: 1 });
    const [claim] = await before.writeAll([Buffer.from('kept')]);
    await before.close();

    // when the new run releases a reference before knowing the recovered counts
    const repository = await openRepository();
    repository.decrementReferences(claim!.file);
    await repository.whenIdle();

    // then the file survives until the counts are known
    expect(await claimFiles()).toEqual([claim!.file]);
    await repository.initializeReferences(new Map([[claim!.file, 1]]));
    expect(await claimFiles()).toEqual([claim!.file]);
  });

  it('concurrent writers never interleave bytes, and their syncs all resolve', async () => {
    // given
    const repository = await openRepository({ maxAppendableClaimBytes: 64 * 1024 });
    const slowSource = async function* (id: number): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 50; i++) {
        await nextTurn();
        yield Buffer.alloc(97, id);
      }
    };

    // when 20 streams and 20 batched writes run at once
    const streams = Array.from({ length: 20 }, (_, id) => repository.writeStream(slowSource(id)));
    const batches = Array.from({ length: 20 }, async (_, id) => {
      await nextTurn();
      const claims = await repository.writeAll([
        Buffer.alloc(33, 100 + id),
        Buffer.alloc(44, 200 + id),
      ]);
      await repository.sync();
      return claims;
    });
    const streamClaims = await Promise.all(streams);
    const batchClaims = await Promise.all(batches);

    // then every claim holds exactly its own bytes
    for (const [id, claim] of streamClaims.entries()) {
      const bytes = await readAll(repository.read(claim));
      expect(bytes.length).toBe(97 * 50);
      expect(bytes.every((byte) => byte === id)).toBe(true);
    }
    for (const [id, [first, second]] of batchClaims.entries()) {
      expect((await repository.readBuffer(first!)).equals(Buffer.alloc(33, 100 + id))).toBe(true);
      expect((await repository.readBuffer(second!)).equals(Buffer.alloc(44, 200 + id))).toBe(true);
    }
    expect(errors).toEqual([]);
  });

  it('a read fails, rather than ending short, when the claim file was cut', async () => {
    // given a claim whose file lost its tail
    const repository = await openRepository();
    const [claim] = await repository.writeAll([Buffer.alloc(1000, 7)]);
    await repository.sync();
    await truncate(join(dir, claim!.file), 500);

    // when / then
    await expect(readAll(repository.read(claim!))).rejects.toThrow(/ends after 500 of 1000 bytes/);
    await expect(repository.readBuffer(claim!)).rejects.toThrow(/unexpected end of file/);
    expect(() => repository.read(claim!, { start: 10, end: 2000 })).toThrow(RangeError);
  });

  it('sync resolves once written content is fsynced and close seals idle files', async () => {
    // given
    const repository = await openRepository({ fsync: 'always' });
    await repository.initializeReferences(new Map());
    const [claim] = await repository.writeAll([Buffer.from('durable')]);

    // when
    await repository.sync();
    repository.decrementReferences(claim!.file);
    await repository.close();

    // then an unreferenced file still open for appending is deleted once sealed at close
    expect(await claimFiles()).toEqual([]);
  });
});
