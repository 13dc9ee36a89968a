/** The editor benchmark's result as a markdown table, for `npm run bench` and docs/benchmarks.md. */
import type { EditorResult, PanResult } from './editor.js';

/** The goal: the 95th percentile frame interval while panning, at every zoom measured. */
export const EDITOR_FRAME_P95_GOAL_MS = 20;

const ms = (n: number) => `${n.toFixed(1)} ms`;

function row(name: string, pan: PanResult): string {
  const goal = pan.frameP95Ms < EDITOR_FRAME_P95_GOAL_MS ? 'met' : 'missed';
  return (
    `| ${name} | ${pan.zoom} | ${pan.cardsInDom} / ${pan.labelsInDom} | ${pan.frames} | ` +
    `${ms(pan.frameP50Ms)} | ${ms(pan.frameP95Ms)} | ${ms(pan.frameMaxMs)} | ` +
    `${pan.longFrames} (${pan.longFrameMs} ms) | ${ms(pan.mainThreadMsPerFrame)} ` +
    `(script ${ms(pan.scriptMsPerFrame)}) | ${pan.statsMessages} / ${pan.statsDomChanges} | ` +
    `${goal} |`
  );
}

/**
 * The editor result as markdown: the time to first render, then one row per zoom level with
 * the frame intervals while panning, the main-thread work per frame, the live stats seen
 * during the pan, and whether the p95 goal is met.
 */
export function editorReport(result: EditorResult): string {
  return [
    `Editor: ${result.processors} processors / ${result.connections} connections, stats ticking ` +
      `at 1 Hz; headless Chromium, software rendering; 1-minute load ${result.loadBefore} before, ` +
      `${result.loadAfter} after.`,
    '',
    `First render (navigation start → every card of the opened, fitted view in the DOM): ` +
      `**${result.firstRenderMs} ms** (first card at ${result.firstCardMs} ms).`,
    '',
    `| pan at | zoom | cards / labels in DOM | frames | p50 | p95 | max | long frames (>50 ms) | ` +
      `main thread per frame | stats messages / DOM updates | p95 < ${EDITOR_FRAME_P95_GOAL_MS} ms |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('whole flow fitted', result.fitted),
    row('working zoom', result.working),
    '',
  ].join('\n');
}
