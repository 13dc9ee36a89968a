const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An event's time in the browser's zone with milliseconds (events of one flowfile are often
 * milliseconds apart): "2026-05-01 14:03:07.042".
 */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${date} ${time}.${pad(d.getMilliseconds(), 3)}`;
}
