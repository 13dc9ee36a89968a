import { isEntryRunning } from './service-manager.js';
import { sftpConnectionInfo } from './sftp/sftp-server.js';
import { readServicesState, stateFile } from './state/state-file.js';
import type { TestServiceName, TestServicesInfo } from './test-services.js';

/**
 * The addresses of services `npm run services:up` already runs, for a developer who runs many
 * test suites at once against one set of servers (`SLUICE_TEST_SERVICES=running`). Every named
 * service must be running; CI never takes this path (each run starts its own).
 */
export async function runningServicesInfo(
  names: readonly TestServiceName[],
): Promise<TestServicesInfo> {
  const state = await readServicesState();
  const info: TestServicesInfo = {};
  const missing: string[] = [];
  for (const name of names) {
    const entry = state[name];
    if (!entry || !isEntryRunning(entry)) {
      missing.push(name);
      continue;
    }
    switch (entry.kind) {
      case 'kafka':
        info.kafka = { bootstrap: entry.bootstrap, brokerPort: entry.brokerPort };
        break;
      case 'sftp': {
        info.sftp = sftpConnectionInfo(entry);
        break;
      }
      case 'elasticsearch':
        info.elasticsearch = { url: entry.url, port: entry.port };
        break;
      case 'hdfs':
        info.hdfs = { webHdfsUrl: entry.webHdfsUrl };
        break;
      default: {
        const _exhaustive: never = entry;
        throw new Error(`unknown service entry ${JSON.stringify(_exhaustive)}`);
      }
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `SLUICE_TEST_SERVICES=running, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not running (${stateFile()}): run \`npm run services:up -- ${missing.join(' ')}\` first`,
    );
  }
  return info;
}
