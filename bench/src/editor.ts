/**
 * The editor benchmark: the built web editor in Debian's headless Chromium on a 500-processor /
 * 600-connection flow whose stats tick at 1 Hz. Measures the time to first render and, at two
 * zoom levels (the whole flow fitted, and a working zoom of 1.0), the frames while the canvas is
 * panned with the mouse: intervals between animation frames (p50/p95/max), long animation
 * frames, main-thread time per frame, and whether the live stats kept arriving and showing.
 */
import { writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { standardRegistry } from '@sluice/processors';
import { logIn, startSluice } from '@sluice/server';
import { EDITOR_FLOW_SIZE, editorFlow } from './editor-flow.js';
import {
  INIT_SCRIPT,
  domCounts,
  emptyPanePoint,
  mainThreadTotals,
  paneDragging,
  startRecording,
  stopRecording,
  timeUntilCards,
  viewportOffset,
  viewportZoom,
} from './editor-page.js';
import { makeTempDir, removeDir } from './support/temp-dir.js';

/** What one pan at one zoom level measured. */
export interface PanResult {
  /** The zoom read back from `.react-flow__viewport`'s transform before the pan. */
  readonly zoom: number;
  /** How far the pan moved the viewport at most (screen px): proof that it panned. */
  readonly pannedPx: number;
  /** Whether xyflow marked the pane as dragged during the pan (a pan, not a card drag). */
  readonly paneDragged: boolean;
  /** Processor cards and connection labels in the DOM during the pan. */
  readonly cardsInDom: number;
  readonly labelsInDom: number;
  readonly frames: number;
  readonly frameP50Ms: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  /** Frames over 50 ms of work (`long-animation-frame` entries) and their total duration. */
  readonly longFrames: number;
  readonly longFrameMs: number;
  /** Renderer main-thread time (CDP `Performance.getMetrics`) divided by the frames drawn. */
  readonly mainThreadMsPerFrame: number;
  readonly scriptMsPerFrame: number;
  readonly layoutStyleMsPerFrame: number;
  /** Live stats messages (SSE) that reached the page during the pan. */
  readonly statsMessages: number;
  /** DOM changes of live figures (card In/Out, label queue and fill) during the pan. */
  readonly statsDomChanges: number;
}

/** What one editor run measured. */
export interface EditorResult {
  readonly processors: number;
  readonly connections: number;
  /**
   * Navigation start until every card of the opened view is in the DOM. The flow opens
   * fitted, so the opened view shows every card: this is the time to all 500.
   */
  readonly firstRenderMs: number;
  /** Navigation start until the first card is in the DOM. */
  readonly firstCardMs: number;
  readonly fitted: PanResult;
  readonly working: PanResult;
  /** 1-minute load average of the machine before and after the run. */
  readonly loadBefore: number;
  readonly loadAfter: number;
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

const WEB_DIR =
  process.env['SLUICE_BENCH_WEB_DIR'] ?? path.resolve(import.meta.dirname, '../../apps/web/dist');
const PAN_MS = 5000;
/** The working zoom the second pan is measured at. */
const WORKING_ZOOM = 1;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The admin password of the benchmark's throwaway server. */
const BENCH_PASSWORD = 'bench-admin-password';

/**
 * Runs the editor benchmark once; `screenshotDir` keeps a picture of the canvas after each pan,
 * `traceDir` a Chrome trace of each pan (for profiling).
 */
export async function runEditor(screenshotDir?: string, traceDir?: string): Promise<EditorResult> {
  const loadBefore = os.loadavg()[0]!;
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
      authEnv: { SLUICE_ADMIN_PASSWORD: BENCH_PASSWORD },
    });
    const session = await logIn(sluice.url, 'admin', BENCH_PASSWORD);
    const browser = await chromium.launch({
      executablePath: process.env['SLUICE_CHROMIUM'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page
        .context()
        .addCookies([{ name: session.name, value: session.value, url: sluice.url }]);
      await page.addInitScript(INIT_SCRIPT);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const processors = EDITOR_FLOW_SIZE.pairs * 2;
      await page.goto(`${sluice.url}/flows/editor-bench`);
      const firstCardMs = await timeUntilCards(page, 1);
      const firstRenderMs = await timeUntilCards(page, processors);
      // Let the fit animation end and the first stats arrive.
      await page.waitForTimeout(2000);
      const pane = page.locator('.react-flow__pane');
      const box = (await pane.boundingBox())!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const shoot = async (name: string) => {
        if (!screenshotDir) return;
        await mkdir(screenshotDir, { recursive: true });
        await page.screenshot({ path: path.join(screenshotDir, name) });
      };
      const trace = (name: string) => (traceDir ? path.join(traceDir, name) : undefined);

      const fitted = await measurePan(page, cdp, trace('fitted.json'));
      await shoot('editor-500-fitted.png');
      await zoomTo(page, centre, WORKING_ZOOM);
      await page.waitForTimeout(1500);
      const working = await measurePan(page, cdp, trace('working.json'));
      await shoot('editor-500-working.png');
      return {
        processors,
        connections: EDITOR_FLOW_SIZE.pairs + EDITOR_FLOW_SIZE.extraConnections,
        firstRenderMs: Math.round(firstRenderMs),
        firstCardMs: Math.round(firstCardMs),
        fitted,
        working,
        loadBefore: round1(loadBefore),
        loadAfter: round1(os.loadavg()[0]!),
      };
    } finally {
      await browser.close();
      await sluice.close();
    }
  } finally {
    await removeDir(dataDir);
  }
}

/**
 * Zooms with the mouse wheel around `at` until the viewport's scale is within 2 % of `zoom`
 * (xyflow scales by 2^(-deltaY × 0.002) per wheel event).
 */
async function zoomTo(page: Page, at: { x: number; y: number }, zoom: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  for (let attempt = 0; attempt < 10; attempt++) {
    const now = await viewportZoom(page);
    if (Math.abs(now / zoom - 1) < 0.02) return;
    await page.mouse.wheel(0, Math.log2(now / zoom) / 0.002);
    await page.waitForTimeout(300);
  }
}

/**
 * Pans in circles by mouse drag for PAN_MS while recording, and sums it up. The drag starts on
 * an empty spot of the pane (at the fitted zoom the centre is a card, which would be dragged).
 */
async function measurePan(
  page: Page,
  cdp: CDPSession,
  tracePath: string | undefined,
): Promise<PanResult> {
  const zoom = await viewportZoom(page);
  const centre = await emptyPanePoint(page);
  const origin = await viewportOffset(page);
  if (tracePath) {
    await mkdir(path.dirname(tracePath), { recursive: true });
    await page.context().browser()!.startTracing(page, { path: tracePath });
  }
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.down();
  await startRecording(page);
  const before = await mainThreadTotals(cdp);
  let counts = { cards: 0, labels: 0 };
  let pannedPx = 0;
  let paneDragged = false;
  const started = Date.now();
  let step = 0;
  let sampled = false;
  while (Date.now() - started < PAN_MS) {
    const angle = step++ / 20;
    // A circle through the press point, so the view moves up to 600 × 400 px and comes back.
    await page.mouse.move(centre.x + (Math.cos(angle) - 1) * 300, centre.y + Math.sin(angle) * 200);
    if (step % 25 === 5) {
      const at = await viewportOffset(page);
      pannedPx = Math.max(pannedPx, Math.hypot(at.x - origin.x, at.y - origin.y));
    }
    if (!sampled && Date.now() - started > PAN_MS / 2) {
      sampled = true;
      counts = await domCounts(page);
      paneDragged = await paneDragging(page);
    }
  }
  const after = await mainThreadTotals(cdp);
  const recording = await stopRecording(page);
  await page.mouse.up();
  if (tracePath) await page.context().browser()!.stopTracing();
  const sorted = [...recording.frames].sort((a, b) => a - b);
  const frames = Math.max(1, sorted.length);
  const perFrame = (seconds: number) => round1((seconds * 1000) / frames);
  return {
    zoom: Math.round(zoom * 1000) / 1000,
    pannedPx: Math.round(pannedPx),
    paneDragged,
    cardsInDom: counts.cards,
    labelsInDom: counts.labels,
    frames: sorted.length,
    frameP50Ms: round1(percentile(sorted, 50)),
    frameP95Ms: round1(percentile(sorted, 95)),
    frameMaxMs: round1(sorted.at(-1) ?? 0),
    longFrames: recording.longFrames,
    longFrameMs: Math.round(recording.longFrameMs),
    mainThreadMsPerFrame: perFrame(after.task - before.task),
    scriptMsPerFrame: perFrame(after.script - before.script),
    layoutStyleMsPerFrame: perFrame(after.layout - before.layout + after.style - before.style),
    statsMessages: recording.statsMessages,
    statsDomChanges: recording.statsDomChanges,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runEditor(
    process.env['SLUICE_BENCH_SCREENSHOTS'],
    process.env['SLUICE_BENCH_TRACES'],
  );
  await writeFile('/dev/stdout', `${JSON.stringify(result, null, 2)}\n`);
}
