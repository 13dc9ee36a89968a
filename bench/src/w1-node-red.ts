/**
 * W1 in Node-RED 4, embedded in this process: inject (once) → function generating 100,000
 * messages of 1 KiB with a filename → the regex wrap (a function node, or a change node with a
 * regular expression and a JSONata replacement) → a function node counting to 100,000. Node-RED
 * keeps messages in memory only; nothing is persisted.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { maxRssBytes, RssSampler } from './support/memory.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';
import { randomText } from './support/text-payload.js';
import { W1_BATCH, W1_CONTENT_BYTES, W1_FLOWFILES, w1Result, type W1Result } from './w1-common.js';

/** The part of Node-RED's embedding API (`require('node-red')`) the bench uses. */
interface NodeRedApi {
  init(server: http.Server, settings: Readonly<Record<string, unknown>>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What the flow's function nodes reach through `global.get('bench')`. */
interface BenchHooks {
  readonly total: number;
  readonly batch: number;
  readonly payload: string;
  readonly randomUUID: () => string;
  /** Lets the generator yield to the event loop between bursts, as GenerateFlowFile runs do. */
  readonly yieldToLoop: () => Promise<void>;
  readonly started: () => void;
  readonly received: (bytes: number) => void;
}

/** Generator: one burst of `batch` messages per turn of the event loop until `total` are sent. */
const GENERATE = `
const bench = global.get('bench');
bench.started();
const payload = bench.payload;
const uuid = bench.randomUUID;
for (let sent = 0; sent < bench.total; ) {
  const n = Math.min(bench.batch, bench.total - sent);
  // Fresh message objects, so Node-RED's defensive clone is not needed (send(msg, false)).
  for (let i = 0; i < n; i++) node.send({ payload, filename: uuid() }, false);
  sent += n;
  await bench.yieldToLoop();
}
return null;`;

/** The regex wrap, exactly the seed's ReplaceText: `(?s)(^.*$)` → `{"${filename}":"$1"}`. */
const REPLACE = `
msg.payload = msg.payload.replace(/^([\\s\\S]*)$/, '{"' + msg.filename + '":"$1"}');
return msg;`;

/** The counting sink. */
const COUNT = `
global.get('bench').received(msg.payload.length);
return null;`;

/** The replacement node: a function node, or a change node (regex search, JSONata replacement). */
function replaceNode(variant: 'function' | 'change'): Record<string, unknown> {
  const common = {
    id: 'replace',
    z: 'bench',
    name: 'wrap as JSON',
    x: 300,
    y: 80,
    wires: [['count']],
  };
  if (variant === 'function') {
    return {
      ...common,
      type: 'function',
      func: REPLACE,
      outputs: 1,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
    };
  }
  return {
    ...common,
    type: 'change',
    rules: [
      {
        t: 'change',
        p: 'payload',
        pt: 'msg',
        from: '^([\\s\\S]*)$',
        fromt: 're',
        to: `'{"' & filename & '":"$1"}'`,
        tot: 'jsonata',
      },
    ],
  };
}

/** The Node-RED flow of W1. */
function flow(variant: 'function' | 'change'): unknown[] {
  const fn = (id: string, func: string, outputs: number, wires: string[][]) => ({
    id,
    type: 'function',
    z: 'bench',
    name: id,
    func,
    outputs,
    timeout: 0,
    noerr: 0,
    initialize: '',
    finalize: '',
    libs: [],
    x: 100,
    y: 80,
    wires,
  });
  return [
    { id: 'bench', type: 'tab', label: 'W1', disabled: false },
    {
      id: 'inject',
      type: 'inject',
      z: 'bench',
      name: 'once',
      props: [{ p: 'payload' }],
      repeat: '',
      crontab: '',
      once: true,
      onceDelay: 0.1,
      topic: '',
      payload: '',
      payloadType: 'date',
      x: 50,
      y: 80,
      wires: [['generate']],
    },
    fn('generate', GENERATE, 1, [['replace']]),
    replaceNode(variant),
    fn('count', COUNT, 0, []),
  ];
}

/** Runs W1 in an embedded Node-RED and reports the figures. */
export async function runNodeRedW1(variant: 'function' | 'change'): Promise<W1Result> {
  const userDir = await makeTempDir('node-red');
  try {
    await writeFile(path.join(userDir, 'flows.json'), JSON.stringify(flow(variant)));
    const sampler = new RssSampler(50);
    let startedAt = 0;
    let received = 0;
    let bytesOut = 0;
    let finish: (elapsed: number) => void = () => {};
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const bench: BenchHooks = {
      total: W1_FLOWFILES,
      batch: W1_BATCH,
      payload: randomText(W1_CONTENT_BYTES),
      randomUUID,
      yieldToLoop: () => new Promise((resolve) => setImmediate(resolve)),
      started: () => {
        startedAt = performance.now();
        sampler.start();
      },
      received: (bytes) => {
        received++;
        bytesOut += bytes;
        if (received === W1_FLOWFILES) finish(performance.now() - startedAt);
      },
    };
    const require = createRequire(import.meta.url);
    const RED = require('node-red') as NodeRedApi;
    const { version } = require('node-red/package.json') as { version: string };
    RED.init(http.createServer(), {
      userDir,
      flowFile: 'flows.json',
      httpAdminRoot: false,
      httpNodeRoot: false,
      credentialSecret: false,
      logging: { console: { level: 'error', metrics: false, audit: false } },
      functionGlobalContext: { bench },
      editorTheme: { projects: { enabled: false } },
    });
    await RED.start();
    const elapsedMs = await finished;
    const { peakRss } = sampler.stop();
    await RED.stop();
    return w1Result(
      variant === 'function' ? 'node-red-function' : 'node-red-change',
      { flowFiles: received, bytesOut, elapsedMs, peakRss, maxRss: maxRssBytes() },
      { version, persisted: 'nothing (messages live in memory only)' },
    );
  } finally {
    await removeDir(userDir);
  }
}
