/**
 * The editor benchmark: the built web editor in Debian's headless Chromium on a 500-processor /
 * 600-connection flow whose stats tick at 1 Hz. Measures the time to first render (navigation
 * start until every card is in the page) and the frame times while the canvas is panned with
 * the mouse: intervals between animation frames (p50/p95), and the longest frame.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { standardRegistry } from '@sluice/processors';
import { startSluice } from '@sluice/server';
import { EDITOR_FLOW_SIZE, editorFlow } from './editor-flow.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';

/** What one editor run measured. */
export interface EditorResult {
  readonly processors: number;
  readonly connections: number;
  readonly firstRenderMs: number;
  readonly frames: number;
  readonly frameP50Ms: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  readonly statsTicksDuringPan: number;
}

/** Chromium as every browser test here starts it (no downloaded browser; closed network). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const WEB_DIR = path.resolve(import.meta.dirname, '../../apps/web/dist');
const PAN_MS = 5000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs the editor benchmark once; `screenshotDir` keeps a picture of the panned canvas. */
export async function runEditor(screenshotDir?: string): Promise<EditorResult> {
  const dataDir = await makeTempDir('editor');
  try {
    const sluice = await startSluice({
      host: '127.0.0.1',
      port: 0,
      dataDir,
      webDir: WEB_DIR,
      registry: standardRegistry(),
      seed: editorFlow(),
      fsync: 'never',
    });
    const browser = await chromium.launch({
      executablePath: process.env['SLUICE_CHROMIUM'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const processors = EDITOR_FLOW_SIZE.pairs * 2;
      await page.goto(`${sluice.url}/flows/editor-bench`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="processor-card"]').length >= n,
        processors,
        { polling: 'raf', timeout: 60_000 },
      );
      const firstRenderMs = await page.evaluate(() => performance.now());
      // Let the first stats arrive, then pan while they keep ticking.
      await page.waitForTimeout(2000);
      const statsBefore = await countStatsChanges(page);
      // A string, not a function: tsx's name helpers do not exist in the page.
      await page.evaluate(`
        window.__frames = [];
        let last = performance.now();
        const tick = (now) => {
          window.__frames.push(now - last);
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      `);
      const pane = page.locator('.react-flow__pane');
      const box = (await pane.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      const started = Date.now();
      let step = 0;
      while (Date.now() - started < PAN_MS) {
        const angle = step++ / 20;
        await page.mouse.move(
          box.x + box.width / 2 + Math.cos(angle) * 300,
          box.y + box.height / 2 + Math.sin(angle) * 200,
        );
      }
      await page.mouse.up();
      const frames = await page.evaluate(
        () => (window as unknown as { __frames: number[] }).__frames,
      );
      const statsTicksDuringPan = (await countStatsChanges(page)) - statsBefore;
      if (screenshotDir) {
        await mkdir(screenshotDir, { recursive: true });
        await page.screenshot({ path: path.join(screenshotDir, 'editor-500.png') });
      }
      const sorted = frames.slice(1).sort((a, b) => a - b);
      return {
        processors,
        connections: EDITOR_FLOW_SIZE.pairs + EDITOR_FLOW_SIZE.extraConnections,
        firstRenderMs: Math.round(firstRenderMs),
        frames: sorted.length,
        frameP50Ms: percentile(sorted, 50),
        frameP95Ms: percentile(sorted, 95),
        frameMaxMs: sorted.at(-1) ?? 0,
        statsTicksDuringPan,
      };
    } finally {
      await browser.close();
      await sluice.close();
    }
  } finally {
    await removeDir(dataDir);
  }
}

/** A figure that changes with each stats tick: the sum of the cards' In counts shown. */
async function countStatsChanges(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="card-in"]')].reduce(
      (sum, el) => sum + (Number.parseInt(el.textContent ?? '0', 10) || 0),
      0,
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runEditor(process.env['SLUICE_BENCH_SCREENSHOTS']);
  await writeFile('/dev/stdout', `${JSON.stringify(result, null, 2)}\n`);
}
