import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SAMPLES: Readonly<Record<string, string>> = {
  'hello.txt': 'Hello from Sluice!\nEvery line of this file goes through ReplaceText.\n',
  'quotes.txt':
    'She said "flowfiles" and "back-pressure".\nQuotes are stripped by the demo flow.\n',
  'events.log': '2026-11-26T06:00:00Z page_view /home\n2026-11-26T06:00:02Z click /signup\n',
};

/**
 * Creates the demo's input directory with a few sample files on first start only, so an operator's
 * own files there are never overwritten. Returns true when it created them.
 */
export async function ensureDemoData(dataDir: string): Promise<boolean> {
  const input = path.join(dataDir, 'demo', 'in');
  const exists = await stat(input).then(
    () => true,
    () => false,
  );
  if (exists) return false;
  await mkdir(input, { recursive: true });
  await mkdir(path.join(dataDir, 'demo', 'out'), { recursive: true });
  for (const [name, text] of Object.entries(SAMPLES)) await writeFile(path.join(input, name), text);
  return true;
}
