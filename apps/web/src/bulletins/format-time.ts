const pad = (n: number) => String(n).padStart(2, '0');

/** A bulletin's time in the browser's zone, sortable and unambiguous: "2026-05-01 14:03:07". */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
