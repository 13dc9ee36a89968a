import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowEngine } from '@sluice/engine';
import { parseFlowDocument } from '@sluice/flow-schema';
import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTopic, plainKafka } from './support/kafka.js';
import { expectCleanStart, openSeedFlow } from './support/seed-flow.js';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/seed-003-movies-tsv-kafka.json', import.meta.url),
);

/** A movie as the seed's Fluentd tsv parser typed it (time and year integers), plus its nation. */
interface Movie {
  readonly time: number;
  readonly movie: string;
  readonly title: string;
  readonly title_eng: string;
  readonly year: number;
  readonly grade: string;
  readonly nation: string;
}

const HEADER = 'time\tmovie\ttitle\ttitle_eng\tyear\tgrade\tnation';
const COLUMNS = '(time, movie, title, title_eng, year, grade, nation)';

/** The grades.csv of the lookup: grade code → Korean grade name. */
const GRADES: Readonly<Record<string, string>> = {
  G: '전체 관람가',
  PG: '12세 이상 관람가',
  'PG-13': '15세 이상 관람가',
  R: '청소년 관람불가',
};

function tsv(movie: Movie): string {
  const { time, movie: id, title, title_eng, year, grade, nation } = movie;
  return [time, id, title, title_eng, year, grade, nation].join('\t');
}

function movie(
  time: number,
  id: string,
  title: string,
  titleEng: string,
  year: number,
  grade: string,
  nation: string,
): Movie {
  return { time, movie: id, title, title_eng: titleEng, year, grade, nation };
}

// The seed's own row, then Korean titles with quotes, backslashes, CRLF, a 4-byte character;
// one movie per line, as in the file.
// prettier-ignore
const M = {
  pinkPanther: movie(1658031582, '10225', '핑크 팬더 6 - 핑크 팬더의 추적', 'Trail Of The Pink Panther , 1982', 1982, 'PG', 'US'),
  parasite: movie(1658031583, '20001', '기생충', 'Parasite', 2019, 'R', 'KR'),
  theHost: movie(1658031584, '20002', '"괴물" (The Host)', 'Gwoemul, "the monster"', 2006, 'PG-13', 'KR'),
  oldboy: movie(1658031585, '20003', '올드보이', 'Oldboy', 2003, 'R', 'KR'),
  memories: movie(1658031590, '20004', '살인의 추억 \\ 감독판', 'C:\\movies\\memories\\n.mkv', 2003, 'R', 'KR'),
  oldFilm: movie(1658031593, '20005', '옛날 영화', 'An Old Film', 0, 'XX', 'KR'),
  spiritedAway: movie(1658031594, '40001', '센과 치히로의 행방불명', 'Spirited Away', 2001, 'G', 'JP'),
  taxiDriver: movie(1658031595, '20006', '택시운전사', 'A Taxi Driver', 2017, 'PG-13', 'KR'),
  decision: movie(1658031600, '20007', '헤어질 결심', 'Decision to Leave', 2022, 'PG-13', 'KR'),
  amelie: movie(1658031601, '50001', 'Amélie', "Le Fabuleux Destin d'Amélie Poulain", 2001, 'R', 'FR'),
  minari: movie(1658031603, '20008', '미나리 🌱', 'Minari', 2020, 'PG-13', 'KR'),
};

// Rows that cannot be read, each with the reason it must be rejected for.
const TOO_FEW = '1658031591\t30001\t제목만 있는 행';
const BAD_YEAR = '1658031592\t30002\t연도 오류\tBad Year\t이천십년\tPG\tKR';
const TOO_LARGE = tsv(movie(1658031596, '30003', '가'.repeat(1500), 'Too Long', 2000, 'G', 'KR'));
const TOO_MANY = `${tsv(movie(1658031602, '30004', '열이 많은 행', 'Extra', 2001, 'G', 'KR'))}\tsurplus`;

const REJECTED: Readonly<Record<string, string>> = {
  [TOO_FEW]: `the row has 3 columns, expected 7 ${COLUMNS}`,
  [BAD_YEAR]: "year is not a whole number: '이천십년'",
  [TOO_LARGE]: `the row is ${Buffer.byteLength(TOO_LARGE)} bytes, more than the 4096 allowed`,
  [TOO_MANY]: `the row has 8 columns, expected 7 ${COLUMNS}`,
};

const ALL_MOVIES = Object.values(M);
const KOREAN_MOVIES = ALL_MOVIES.filter((m) => m.nation === 'KR');

/** The ISO timestamp in Korean time (UTC+9) the enrichment adds for Druid. */
function kst(seconds: number): string {
  return `${new Date((seconds + 9 * 3600) * 1000).toISOString().slice(0, 19)}+09:00`;
}

/** A message read back from one of the flow's topics by a plain kafkajs consumer. */
interface Seen {
  readonly key: string | undefined;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

const services = inject('services');
const bootstrap = services.kafka!.bootstrap;
const run = randomUUID().slice(0, 8);
const topics = {
  movies: `movies-${run}`,
  korean: `korean_movies-${run}`,
  rejected: `movies_rejected-${run}`,
};
const seen: Record<string, Seen[]> = {
  [topics.movies]: [],
  [topics.korean]: [],
  [topics.rejected]: [],
};
const movies = seen[topics.movies]!;
const korean = seen[topics.korean]!;
const rejected = seen[topics.rejected]!;

let engine: FlowEngine | undefined;
let consumer: Consumer | undefined;
let dataDir: string;
let filesDir: string;
let tsvPath: string;

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(tmpdir(), 'sluice-seed-003-files-'));
  tsvPath = path.join(filesDir, 'movies.tsv');
  const gradesPath = path.join(filesDir, 'grades.csv');
  const grades = Object.entries(GRADES).map(([code, name]) => `${code},"${name}"`);
  await writeFile(gradesPath, `grade,grade_name\n${grades.join('\n')}\n`);
  // The file exists before the flow starts: its rows are read from the beginning.
  await writeFile(
    tsvPath,
    [HEADER, M.pinkPanther, M.parasite, M.theHost, M.oldboy].map(line).join(''),
  );

  for (const topic of Object.values(topics)) await createTopic(bootstrap, topic);
  consumer = plainKafka(bootstrap).consumer({
    groupId: `seed-003-check-${run}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) {
        headers[name] = String(value);
      }
      seen[topic]!.push({ key: message.key?.toString('utf8'), value: message.value!, headers });
    },
  });

  dataDir = await mkdtemp(path.join(tmpdir(), 'sluice-seed-003-'));
  const document = parseFlowDocument(JSON.parse(await readFile(EXAMPLE, 'utf8')));
  engine = await openSeedFlow(dataDir, document, {
    'movies.tsv.path': tsvPath,
    'grades.csv.path': gradesPath,
    'kafka.bootstrap': bootstrap,
    'kafka.topic.movies': topics.movies,
    'kafka.topic.korean': topics.korean,
    'kafka.topic.rejected': topics.rejected,
    'kafka.group.id': `sluice-seed-003-${run}`,
  });
  await expectCleanStart(engine);
}, 60_000);

afterAll(async () => {
  await engine?.close();
  await consumer?.disconnect();
  const admin = plainKafka(bootstrap).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
  await admin.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

function line(row: Movie | string): string {
  return `${typeof row === 'string' ? row : tsv(row)}\n`;
}

/** Polls until `check` holds; the flow is asynchronous from end to end. */
async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const bulletins = engine!.bulletins
        .query({ limit: 20 })
        .map((b) => `${b.componentName}: ${b.message}`);
      throw new Error(
        `timed out waiting for ${what} (movies ${movies.length}, korean_movies ${korean.length}, ` +
          `rejected ${rejected.length}); bulletins: ${bulletins.join(' | ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Where TailFile is in the tailed file (its committed state). */
function tailPosition(): number {
  return Number(engine!.state('tail-movies')?.['file.0.position']);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const idsOf = (messages: readonly Seen[]) => messages.map((m) => m.key).sort();
const ids = (list: readonly Movie[]) => list.map((m) => m.movie).sort();

describe('seed 003: movie TSV → Kafka movies → enriched korean_movies, in one flow', () => {
  it('tails the file as it grows and rolls over, row by row, with nothing lost or repeated', async () => {
    // Step 1: the rows already in the file, after the header.
    await eventually('the first rows', () => movies.length >= 4 && korean.length >= 3);
    expect(idsOf(movies)).toEqual(ids([M.pinkPanther, M.parasite, M.theHost, M.oldboy]));

    // Step 2: good rows, a blank line, bad rows and a CRLF row; then half a row.
    await appendFile(
      tsvPath,
      [M.memories, '', TOO_FEW, BAD_YEAR, TOO_LARGE].map(line).join('') +
        `${tsv(M.oldFilm)}\r\n${line(M.spiritedAway)}`,
    );
    const beforeHalf = (await stat(tsvPath)).size;
    const taxi = tsv(M.taxiDriver);
    const cut = taxi.indexOf('운전');
    await appendFile(tsvPath, taxi.slice(0, cut));
    await eventually(
      'the complete rows of step 2',
      () => movies.length >= 7 && rejected.length >= 3,
    );
    await eventually('TailFile to stop at the unfinished row', () => tailPosition() === beforeHalf);
    // A few more runs of TailFile (every second): the unfinished row still waits for its end.
    await sleep(2_500);
    expect(tailPosition()).toBe(beforeHalf);
    expect(movies).toHaveLength(7);
    await appendFile(tsvPath, `${taxi.slice(cut)}\n`);
    await eventually('the finished row', () => movies.length >= 8);

    // Step 3: a last row, and at once the file rolls over to movies.tsv.1; the new file starts
    // with a header (with a byte order mark, as Excel writes it).
    await appendFile(tsvPath, line(M.decision));
    await rename(tsvPath, `${tsvPath}.1`);
    await writeFile(tsvPath, `\uFEFF${[HEADER, M.amelie, TOO_MANY, M.minari].map(line).join('')}`);

    await eventually(
      'every row',
      () =>
        movies.length >= ALL_MOVIES.length &&
        korean.length >= KOREAN_MOVIES.length &&
        rejected.length >= Object.keys(REJECTED).length,
    );
    // Anything extra (a repeated row, a header taken for a row) would show up by now.
    await sleep(3_000);
    expect(idsOf(movies)).toEqual(ids(ALL_MOVIES));
    expect(idsOf(korean)).toEqual(ids(KOREAN_MOVIES));
    expect(rejected).toHaveLength(Object.keys(REJECTED).length);
  });

  it('puts every readable row on movies as the JSON Fluentd made, keyed by movie id', () => {
    expect(movies).toHaveLength(ALL_MOVIES.length);
    for (const expected of ALL_MOVIES) {
      const message = movies.find((m) => m.key === expected.movie)!;
      // Exactly this text: typed fields in the seed's order, valid JSON for any title.
      expect(message.value.toString('utf8')).toBe(JSON.stringify(expected));
      expect(JSON.parse(message.value.toString('utf8'))).toEqual(expected);
    }
  });

  it('puts only the Korean movies on korean_movies, with the grade name and a KST timestamp', () => {
    expect(korean).toHaveLength(KOREAN_MOVIES.length);
    for (const expected of KOREAN_MOVIES) {
      const message = korean.find((m) => m.key === expected.movie)!;
      expect(JSON.parse(message.value.toString('utf8'))).toEqual({
        ...expected,
        grade_name: GRADES[expected.grade] ?? null,
        timestamp: kst(expected.time),
      });
    }
    const parasite = korean.find((m) => m.key === M.parasite.movie)!;
    expect(JSON.parse(parasite.value.toString('utf8'))).toMatchObject({
      grade_name: '청소년 관람불가',
      timestamp: '2022-07-17T13:19:43+09:00',
    });
    // A grade the CSV file does not know still goes on, without a name.
    const oldFilm = korean.find((m) => m.key === M.oldFilm.movie)!;
    expect(JSON.parse(oldFilm.value.toString('utf8'))).toMatchObject({ year: 0, grade_name: null });
  });

  it('sends each unreadable row to movies_rejected as it was, with the reason and where it came from', () => {
    const byRow = new Map(rejected.map((m) => [m.value.toString('utf8'), m]));
    expect([...byRow.keys()].sort()).toEqual(Object.keys(REJECTED).sort());
    for (const [row, reason] of Object.entries(REJECTED)) {
      const { headers } = byRow.get(row)!;
      expect(Object.keys(headers).sort()).toEqual([
        'filename',
        'fragment.index',
        'tailfile.original.path',
        'transformjson.failure.reason',
      ]);
      const failure = headers['transformjson.failure.reason']!;
      const prefix = `the JSONata expression failed: ${reason} (D3137) at line `;
      expect(failure.startsWith(prefix), failure).toBe(true);
      expect(failure.slice(prefix.length)).toMatch(/^\d+, column \d+$/);
      expect(headers['tailfile.original.path']).toBe(tsvPath);
      expect(headers['filename']).toMatch(/^movies\.\d+-\d+\.tsv$/);
      expect(Number(headers['fragment.index'])).toBeGreaterThan(0);
    }
  });

  it('keeps running and leaves nothing behind: every row counted once, every queue empty', async () => {
    await eventually('the flow to drain', () =>
      engine!.connectionStatus().every((c) => c.queued.count === 0),
    );
    const through = Object.fromEntries(
      engine!.connectionStatus().map((c) => [c.id, c.stats.inCount]),
    );
    const rows = ALL_MOVIES.length + Object.keys(REJECTED).length;
    expect(through).toMatchObject({
      rows,
      movies: ALL_MOVIES.length,
      consumed: ALL_MOVIES.length,
      korean: KOREAN_MOVIES.length,
      'looked-up': KOREAN_MOVIES.length,
      enriched: KOREAN_MOVIES.length,
      'row-rejected': Object.keys(REJECTED).length,
    });
    for (const id of [
      'header-failed',
      'split-failed',
      'id-failed',
      'movies-failed',
      'nation-failed',
      'lookup-failed',
      'enrich-failed',
      'korean-failed',
      'rejected-retry',
    ]) {
      expect(through[id], id).toBe(0);
    }
    // The only errors are the rejected rows', one each, from the step that read them.
    const errors = engine!.bulletins.query({ limit: 100 }).filter((b) => b.level === 'ERROR');
    expect(errors.map((b) => b.componentId)).toEqual(Object.keys(REJECTED).map(() => 'parse-row'));
    const tail = engine!.processorStatus().find((p) => p.id === 'tail-movies')!;
    expect(tail.state).toBe('RUNNING');
  });
});
