#!/usr/bin/env node
// `npm test`: turbo runs every package's typecheck, lint and test tasks side by side, so a
// failure's details end up somewhere in the middle of interleaved output. When a task fails,
// this prints each failed task's own log again at the end, where a CI log's tail shows it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runsDir = join(root, '.turbo', 'runs');
/** Lines of a failed task's log printed at most: enough for vitest's failure report. */
const MAX_LINES = 400;

const startedAt = Date.now();
const turbo = spawnSync(
  'npx',
  [
    'turbo',
    'run',
    'typecheck',
    'lint',
    'test',
    '--continue=dependencies-successful',
    '--summarize',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const status = turbo.status ?? 1;
if (status !== 0) printFailedTasks();
process.exit(status);

function printFailedTasks() {
  const summary = newestSummary();
  if (summary === undefined) {
    console.error('\n[npm test] failed; turbo wrote no run summary to say which task.');
    return;
  }
  const failed = summary.tasks.filter(
    (task) => task.execution !== undefined && task.execution.exitCode !== 0,
  );
  console.error(
    `\n[npm test] ${failed.length} task(s) failed: ${failed.map((t) => t.taskId).join(', ')}`,
  );
  for (const task of failed) {
    const logPath = join(root, task.logFile);
    console.error(
      `\n===== ${task.taskId} (exit ${task.execution.exitCode}): ${task.logFile} =====`,
    );
    if (!existsSync(logPath)) {
      console.error('(no log file)');
      continue;
    }
    console.error(failureExcerpt(readFileSync(logPath, 'utf8')));
  }
}

/** The run summary turbo wrote for this run (the newest one written since it started). */
function newestSummary() {
  if (!existsSync(runsDir)) return undefined;
  const newest = readdirSync(runsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ path: join(runsDir, name), mtime: statSync(join(runsDir, name)).mtimeMs }))
    .filter((file) => file.mtime >= startedAt)
    .sort((a, b) => b.mtime - a.mtime)[0];
  return newest === undefined ? undefined : JSON.parse(readFileSync(newest.path, 'utf8'));
}

/**
 * The part of a task's log that says what failed: the names of failed tests, then vitest's
 * failure report from its first "Failed Tests"/"Failed Suites"/"Errors" banner, or else the
 * log's tail (tsc, eslint and Playwright put their verdict last).
 */
function failureExcerpt(log) {
  // eslint-disable-next-line no-control-regex -- the log holds terminal colour codes.
  const lines = log.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const failedNames = lines.filter((line) => /^\s*(×|✗|FAIL\s)/.test(line));
  const banner = lines.findIndex((line) =>
    /⎯{3,}.*(Failed (Tests|Suites)|Unhandled Errors?)/.test(line),
  );
  const report = banner >= 0 ? lines.slice(banner) : lines.slice(-80);
  const capped =
    report.length > MAX_LINES
      ? [...report.slice(0, MAX_LINES), `… ${report.length - MAX_LINES} more lines in the log`]
      : report;
  return [...failedNames, '', ...capped].join('\n');
}
