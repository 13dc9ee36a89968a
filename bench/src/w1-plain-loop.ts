/**
 * W1 as a plain Node.js loop: the same 100,000 × 1 KiB payloads with a fresh UUID filename each,
 * the same regex wrap, counted, in bursts of 1,000 with a turn of the event loop between bursts
 * (as GenerateFlowFile runs and Node-RED's generator do). No queues, no persistence, no framework:
 * the ceiling of what JavaScript does with this work on this machine, against which the
 * engine's overhead is read.
 */
import { randomUUID } from 'node:crypto';
import { maxRssBytes, RssSampler } from './support/memory.js';
import { randomText } from './support/text-payload.js';
import { W1_BATCH, W1_CONTENT_BYTES, W1_FLOWFILES, w1Result, type W1Result } from './w1-common.js';

/** Runs W1 as a plain loop and reports the figures. */
export async function runPlainLoopW1(): Promise<W1Result> {
  const payload = randomText(W1_CONTENT_BYTES);
  const sampler = new RssSampler(50);
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let processed = 0;
  let bytesOut = 0;
  const startedAt = performance.now();
  sampler.start();
  while (processed < W1_FLOWFILES) {
    const n = Math.min(W1_BATCH, W1_FLOWFILES - processed);
    for (let i = 0; i < n; i++) {
      const filename = randomUUID();
      // Bytes in, bytes out: a flowfile's content is bytes, so the loop decodes and encodes too.
      const text = Buffer.from(payload).toString('utf8');
      const wrapped = text.replace(/^([\s\S]*)$/, `{"${filename}":"$1"}`);
      bytesOut += Buffer.byteLength(wrapped);
    }
    processed += n;
    await turn();
  }
  const elapsedMs = performance.now() - startedAt;
  const { peakRss } = sampler.stop();
  return w1Result(
    'plain-loop',
    { flowFiles: processed, bytesOut, elapsedMs, peakRss, maxRss: maxRssBytes() },
    { persisted: 'nothing (one process, no queues)' },
  );
}
