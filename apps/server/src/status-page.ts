/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A self-contained page showing the running flow's processors and live queue counts, refreshed
 * every second from `/api/status`. Stands until the web editor (the next milestone) replaces it.
 */
export function statusPage(flowName: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sluice — ${escapeHtml(flowName)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#1d2330;background:#f7f8fa}
h1{font-size:1.3rem}table{border-collapse:collapse;margin:1rem 0;background:#fff}
td,th{border:1px solid #d8dce3;padding:.35rem .7rem;text-align:left}th{background:#eef1f5}
.full{color:#b42318;font-weight:600}.RUNNING{color:#067647}.STOPPED{color:#b54708}
</style></head><body>
<h1>Sluice — <span id="flow">${escapeHtml(flowName)}</span></h1>
<h2>Processors</h2><table><thead><tr><th>Name</th><th>Type</th><th>State</th><th>In (5 min)</th><th>Out (5 min)</th><th>Problems</th></tr></thead><tbody id="processors"></tbody></table>
<h2>Connections</h2><table><thead><tr><th>From</th><th>Relationships</th><th>To</th><th>Queued</th><th>Bytes</th></tr></thead><tbody id="connections"></tbody></table>
<script>
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
async function refresh() {
  try {
    const s = await (await fetch('/api/status')).json();
    const names = Object.fromEntries(s.processors.map((p) => [p.id, p.name]));
    document.getElementById('processors').innerHTML = s.processors.map((p) =>
      '<tr><td>' + esc(p.name) + '</td><td>' + esc(p.type) + '</td><td class="' + esc(p.state) + '">' + esc(p.state) +
      '</td><td>' + p.stats.inCount + '</td><td>' + p.stats.outCount + '</td><td>' + esc(p.validationErrors.join('; ')) + '</td></tr>').join('');
    document.getElementById('connections').innerHTML = s.connections.map((c) =>
      '<tr><td>' + esc(names[c.source] ?? c.source) + '</td><td>' + esc(c.relationships.join(', ')) + '</td><td>' + esc(names[c.destination] ?? c.destination) +
      '</td><td class="' + (c.full ? 'full' : '') + '">' + c.queued.count + '</td><td>' + c.queued.bytes + '</td></tr>').join('');
  } catch (e) { /* server restarting: try again next tick */ }
}
refresh(); setInterval(refresh, 1000);
</script></body></html>`;
}
