#!/usr/bin/env node
/**
 * `npm run services:up [-- kafka sftp elasticsearch hdfs]`, `npm run services:down`,
 * `… cli.ts status`: starts and stops the development services in the background, keeping pids
 * and ports in `.services/state.json`.
 */
import {
  SERVICE_NAMES,
  isEntryRunning,
  servicesDown,
  servicesUp,
  type ServiceName,
} from './service-manager.js';
import { entryPids, readServicesState, stateFile } from './state/state-file.js';

const USAGE = `usage: sluice-services <up|down|status> [${SERVICE_NAMES.join('|')} ...]`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const unknown = rest.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    console.error(`unknown service(s): ${unknown.join(', ')}\n${USAGE}`);
    return 2;
  }
  const names = (rest.length > 0 ? rest : SERVICE_NAMES) as readonly ServiceName[];
  switch (command) {
    case 'up': {
      let failed = false;
      for (const outcome of await servicesUp(names)) {
        switch (outcome.status) {
          case 'started':
            report(`started ${outcome.detail}`);
            break;
          case 'already-running':
            report(`${outcome.name} already running (pid ${entryPids(outcome.entry).join(', ')})`);
            break;
          case 'failed':
            failed = true;
            console.error(`${outcome.name} failed to start: ${outcome.error.message}`);
            break;
          default:
            report(`${outcome.name}: ${outcome.status}`);
        }
      }
      report(`state: ${stateFile()}`);
      return failed ? 1 : 0;
    }
    case 'down': {
      let failed = false;
      for (const outcome of await servicesDown(names)) {
        if (outcome.status === 'failed') {
          failed = true;
          console.error(`${outcome.name} failed to stop: ${outcome.error.message}`);
        } else {
          report(`${outcome.name}: ${outcome.status}`);
        }
      }
      return failed ? 1 : 0;
    }
    case 'status': {
      const state = await readServicesState();
      for (const name of names) {
        const entry = state[name];
        report(
          `${name}: ${entry && isEntryRunning(entry) ? `running (pid ${entryPids(entry).join(', ')})` : 'not running'}`,
        );
      }
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

/** The CLI's normal output goes to stdout; the lint rule against console.log is for libraries. */
function report(line: string): void {
  process.stdout.write(`${line}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
