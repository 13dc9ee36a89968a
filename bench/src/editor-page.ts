/**
 * What the editor benchmark runs inside the page: counters installed before the editor loads
 * (live stats messages, animation frames, long animation frames) and the readings taken from
 * them. Page code is passed as strings: tsx's name helpers do not exist in the page.
 */
import type { CDPSession, Page } from '@playwright/test';

/**
 * Installed with `addInitScript`, before any editor code: counts the messages of every
 * EventSource (the live stats subscription is one) and keeps the long animation frames
 * (Chrome's `long-animation-frame` entries, frames whose work took over 50 ms).
 */
export const INIT_SCRIPT = `
  window.__sse = [];
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__sse.push(performance.now()));
    }
  };
  window.__loaf = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__loaf.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

/** Resolves with `performance.now()` at the first frame where `count` cards are in the DOM. */
export async function timeUntilCards(page: Page, count: number): Promise<number> {
  const handle = await page.waitForFunction(
    `document.querySelectorAll('[data-testid="processor-card"]').length >= ${count} && performance.now()`,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** The canvas's zoom, read back from the transform xyflow puts on `.react-flow__viewport`. */
export async function viewportZoom(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const t = getComputedStyle(document.querySelector('.react-flow__viewport')).transform;
    return t === 'none' ? 1 : new DOMMatrixReadOnly(t).a;
  })()`);
}

/**
 * A point of the pane where nothing is drawn (`elementFromPoint` is the pane itself), nearest
 * the pane's centre: a press there pans; a press on a card would drag the card instead.
 */
export async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane');
    const r = pane.getBoundingClientRect();
    const cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    let best = null;
    for (let x = r.x + 10; x < r.right - 10; x += 10) {
      for (let y = r.y + 10; y < r.bottom - 10; y += 10) {
        if (document.elementFromPoint(x, y) !== pane) continue;
        const d = Math.hypot(x - cx, y - cy);
        if (!best || d < best.d) best = { x, y, d };
      }
    }
    if (!best) throw new Error('no empty point on the pane to start a pan');
    return { x: best.x, y: best.y };
  })()`);
}

/** The viewport's translation now (screen pixels). */
export async function viewportOffset(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(`(() => {
    const t = getComputedStyle(document.querySelector('.react-flow__viewport')).transform;
    const m = new DOMMatrixReadOnly(t === 'none' ? undefined : t);
    return { x: m.e, y: m.f };
  })()`);
}

/** Whether xyflow marks the pane as being dragged (a pan in progress). */
export async function paneDragging(page: Page): Promise<boolean> {
  return page.evaluate(
    `document.querySelector('.react-flow__pane').classList.contains('dragging')`,
  );
}

/** How many processor cards and connection labels are in the DOM now. */
export async function domCounts(page: Page): Promise<{ cards: number; labels: number }> {
  return page.evaluate(`({
    cards: document.querySelectorAll('[data-testid="processor-card"]').length,
    labels: document.querySelectorAll('[data-testid="connection-label"]').length,
  })`);
}

/**
 * Starts recording: animation frame intervals, and DOM changes of the live figures (card In/Out
 * text, queued counts and fill bars of the labels) so a pan shows whether ticks reached the
 * screen.
 */
export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    window.__from = performance.now();
    window.__statsDom = 0;
    let last = performance.now();
    const tick = (now) => {
      if (!window.__recording) return;
      window.__frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const live = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      return el && el.closest('[data-testid="card-in"], [data-testid="card-out"], [data-testid="connection-label"]');
    };
    window.__observer?.disconnect();
    window.__observer = new MutationObserver((records) => {
      for (const r of records) if (live(r.target)) window.__statsDom++;
    });
    window.__observer.observe(document.querySelector('.react-flow__viewport'), {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ['data-queued-count', 'style'],
    });
  })()`);
}

/** What one recording saw in the page. */
export interface PageRecording {
  readonly frames: number[];
  readonly statsMessages: number;
  readonly statsDomChanges: number;
  readonly longFrames: number;
  readonly longFrameMs: number;
  readonly longFrameBlockingMs: number;
}

/** Stops recording and reads it back. */
export async function stopRecording(page: Page): Promise<PageRecording> {
  return page.evaluate(`(() => {
    window.__recording = false;
    window.__observer.disconnect();
    const from = window.__from;
    const loaf = window.__loaf.filter((e) => e.start >= from);
    return {
      frames: window.__frames.slice(1),
      statsMessages: window.__sse.filter((t) => t >= from).length,
      statsDomChanges: window.__statsDom,
      longFrames: loaf.length,
      longFrameMs: loaf.reduce((s, e) => s + e.duration, 0),
      longFrameBlockingMs: loaf.reduce((s, e) => s + e.blocking, 0),
    };
  })()`);
}

/** Chrome's cumulative main-thread figures (seconds), from the CDP Performance domain. */
export interface MainThreadTotals {
  readonly task: number;
  readonly script: number;
  readonly layout: number;
  readonly style: number;
}

/** Reads the renderer's cumulative main-thread task, script, layout and style time. */
export async function mainThreadTotals(cdp: CDPSession): Promise<MainThreadTotals> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    layout: get('LayoutDuration'),
    style: get('RecalcStyleDuration'),
  };
}
