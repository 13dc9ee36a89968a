import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A small seeded PRNG (mulberry32): the same seed gives the same files on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every `LARGE_EVERY`th file is a large one (~100 KB), as the seed's occasional long report. */
const LARGE_EVERY = 250;
const LARGE_BYTES = 100 * 1024;

/** Lines with what broke the seed: quotes, tabs, backslashes, Korean, a control character. */
const LINES = [
  'He said "stop" and \'go\'',
  '"quoted line" with a trailing quote"',
  'col1\tcol2\tcol3\t',
  'C:\\data\\in\\file.txt and \\n is not a newline',
  '빅데이터 파이프라인',
  '카프카 토픽 t3q 에 "메시지"를 보낸다',
  '\t탭과 \\ 백슬래시',
  'a bell \u0007 and an escape \u001b in the middle',
  '{"not": "parsed", "nested": {"a": [1, 2, 3]}}',
  'plain ASCII, nothing special',
  '</script><b>markup</b> & ampersands',
  'emoji outside the BMP: 🚰💧',
];

/**
 * The name of the `index`th seed file: unique, ending `.txt`; some have spaces or Korean, as the
 * seed's `세미나 자료.txt` did.
 */
export function seedFileName(index: number): string {
  const number = String(index).padStart(4, '0');
  switch (index % 5) {
    case 0:
      return `세미나 자료 ${number}.txt`;
    case 1:
      return `report-${number}.txt`;
    case 2:
      return `meeting notes ${number}.txt`;
    default:
      return `file_${number}.txt`;
  }
}

/**
 * The bytes of the `index`th seed file: a first line that is the document's subject, then 1 to
 * 12 lines drawn from {@link LINES}; CRLF line ends in every third file, no final newline in
 * every seventh, and every 250th padded to ~100 KB. Valid UTF-8 throughout (the flow reads text).
 */
export function seedFileText(index: number): string {
  const random = seededRandom(index + 1);
  const eol = index % 3 === 0 ? '\r\n' : '\n';
  const lines = [`제목 ${index}: "sigkill" test file`];
  const count = 1 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) lines.push(LINES[Math.floor(random() * LINES.length)]!);
  if (index % LARGE_EVERY === LARGE_EVERY - 1) {
    let size = Buffer.byteLength(lines.join(eol));
    for (let i = 0; size < LARGE_BYTES; i++) {
      const line = `${i}\t${LINES[i % LINES.length]!}`;
      lines.push(line);
      size += Buffer.byteLength(line) + eol.length;
    }
  }
  return lines.join(eol) + (index % 7 === 6 ? '' : eol);
}

/**
 * Writes `count` deterministic, varied text files into `localDir` (the directory an SFTP server
 * serves), made readable by the server's user, and returns their bytes by name. Each is written
 * under a dotted name and renamed, so a listing running meanwhile never sees half a file
 * (ListSFTP ignores dotted files).
 */
export async function writeSeedFiles(
  localDir: string,
  count: number,
): Promise<Map<string, Buffer>> {
  await mkdir(localDir, { recursive: true });
  await chmod(localDir, 0o755);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    files.set(seedFileName(index), Buffer.from(seedFileText(index), 'utf8'));
  }
  const entries = [...files];
  const PARALLEL = 16;
  for (let i = 0; i < entries.length; i += PARALLEL) {
    await Promise.all(
      entries.slice(i, i + PARALLEL).map(async ([name, bytes]) => {
        const dotted = path.join(localDir, `.${name}`);
        await writeFile(dotted, bytes, { mode: 0o644 });
        await rename(dotted, path.join(localDir, name));
      }),
    );
  }
  return files;
}
