import { rm } from 'node:fs/promises';
import { Client } from '@elastic/elasticsearch';
import type { TestRunner } from '@sluice/engine';
import {
  freePort,
  startElasticsearch,
  testWorkDir,
  type ElasticsearchServer,
} from '@sluice/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putElasticsearchRunner, uniqueIndex } from '../../test/support/elasticsearch-fixtures.js';
import { closedAfterEach } from '../../test/support/runners.js';

// A node of this file's own with security on: HTTPS only, a file-realm user, and an anonymous
// superuser the checks use (the shared test node runs plain HTTP without users). API keys need
// the `.security` index, which this test distribution cannot create: a key is only shown to be
// sent and refused here; its client options are tested in elasticsearch-client-service.test.ts.
let node: ElasticsearchServer;
let workDir: string;
let admin: Client;
const USER = 'etl';
const PASSWORD = 'etl-secret-7d2a';
const track = closedAfterEach();

beforeAll(async () => {
  workDir = await testWorkDir('elasticsearch-security');
  node = await startElasticsearch({
    workDir,
    port: await freePort(),
    transportPort: await freePort(),
    secured: { users: { [USER]: PASSWORD } },
  });
  admin = new Client({ node: node.url, tls: { ca: node.certificatePem }, maxRetries: 0 });
}, 400_000);

afterAll(async () => {
  await admin?.close();
  await node?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A PutElasticsearchJson runner against the secured node with these service properties. */
async function runner(index: string, service: Record<string, string>): Promise<TestRunner> {
  return track(
    await putElasticsearchRunner(node.url, { index }, { httpHosts: node.url, ...service }),
  );
}

async function count(index: string): Promise<number> {
  await admin.indices.refresh({ index, ignore_unavailable: true });
  const exists = await admin.indices.exists({ index });
  return exists ? (await admin.count({ index })).count : 0;
}

const trusted = (): Record<string, string> => ({ caCertificate: node.certificatePem! });

describe('ElasticSearchClientServiceImpl against a node with TLS and users', () => {
  it('indexes over HTTPS with Basic authentication, trusting the node’s certificate', async () => {
    const index = uniqueIndex('secured-basic');
    const run = await runner(index, {
      ...trusted(),
      authorizationScheme: 'BASIC',
      username: USER,
      password: PASSWORD,
    });
    await run.enqueue('{"message": "첫 문서"}');
    await run.enqueue('{"message": "second"}');

    await run.run();

    expect(await run.flowFiles('successful')).toHaveLength(2);
    expect(await count(index)).toBe(2);
  });

  it('sends nothing on a wrong password, routes the flowfile to failure with why, and never shows the password', async () => {
    const index = uniqueIndex('secured-refused');
    const wrong = 'not-the-password-51ab';
    const run = await runner(index, {
      ...trusted(),
      authorizationScheme: 'BASIC',
      username: USER,
      password: wrong,
    });
    await run.enqueue('{"message": "held back"}');

    await run.run();

    expect(await run.flowFiles('successful')).toEqual([]);
    const messages = run.bulletins().map((b) => b.message);
    // Refused credentials are no outage: the flowfile goes to failure, with the reason.
    expect(await run.flowFiles('failure')).toHaveLength(1);
    expect(messages.join('\n')).toMatch(
      /HTTP 401: security_exception: unable to authenticate user \[etl\]/,
    );
    expect(
      JSON.stringify({ messages, failed: await run.flowFiles('failure') }).includes(wrong),
    ).toBe(false);
    expect(await count(index)).toBe(0);
  });

  it('sends an API key, which the node refuses when it does not know it', async () => {
    const index = uniqueIndex('secured-api-key');
    const run = await runner(index, {
      ...trusted(),
      authorizationScheme: 'API_KEY',
      apiKeyId: 'VuaCfGcBCdbkQm-e5aOx',
      apiKey: 'ui2lp2axTNmsyakw9tvNnw',
    });
    await run.enqueue('{"message": "held back"}');

    await run.run();

    expect(await run.flowFiles('successful')).toEqual([]);
    const messages = run.bulletins().map((b) => b.message);
    expect(messages.join('\n')).toMatch(/401|authenticat/i);
    expect(messages.join('\n')).not.toContain('ui2lp2axTNmsyakw9tvNnw');
    expect(await count(index)).toBe(0);
  });

  it('refuses the node’s certificate when it is not trusted, keeps the flowfile queued, and says so', async () => {
    const index = uniqueIndex('secured-untrusted');
    const run = await runner(index, {
      authorizationScheme: 'BASIC',
      username: USER,
      password: PASSWORD,
    });
    await run.enqueue('{"message": "held back"}');

    await run.run();

    expect(await run.flowFiles('successful')).toEqual([]);
    expect(run.inputQueueSize()).toBe(1);
    expect(
      run
        .bulletins()
        .map((b) => b.message)
        .join('\n'),
    ).toMatch(/certificate/i);
    expect(await count(index)).toBe(0);
  });
});
