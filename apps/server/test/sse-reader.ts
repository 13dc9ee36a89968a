/** One server-sent event. */
export interface SseEvent {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
}

/**
 * Reads server-sent events from a fetch response body (Node 20 has no EventSource), until
 * `count` events other than pings and the connection notice have arrived; then cancels it.
 */
export async function readEvents(response: Response, count: number): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0 && events.length < count) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: Record<string, string> = {};
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue;
          const field = line.slice(0, colon);
          const text = line.slice(colon + 1).replace(/^ /, '');
          event[field] = field in event ? `${event[field]}\n${text}` : text;
        }
        if (event['event'] === 'ping' || event['event'] === 'connected') continue;
        events.push(event);
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}
