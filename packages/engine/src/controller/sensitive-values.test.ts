import { parseFlowDocument } from '@sluice/flow-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { defineProcessor } from '../processor/processor-definition.js';
import { ProcessorRegistry } from '../processor/processor-registry.js';
import { prop } from '../processor/property-descriptor.js';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { waitFor } from '../test-support/wait-for.js';
import { maskSecrets, SECRET_MASK, sensitiveValues } from './sensitive-values.js';

/** Fails to log in and, carelessly, says with what password. */
const CarelessLogin = defineProcessor({
  type: 'CarelessLogin',
  description: 'Logs its password in an error',
  tags: ['test'],
  properties: {
    password: prop.string({ name: 'Password', sensitive: true }),
    user: prop.string({ name: 'User' }),
  },
  relationships: {},
  inputRequirement: 'forbidden',
  async onTrigger(ctx) {
    ctx.log.error(`login refused for password ${ctx.property('password') ?? ''}`);
  },
});

const flow = {
  id: 'f',
  name: 'Careless',
  parameterContextId: 'ctx',
  parameterContexts: [
    {
      id: 'ctx',
      name: 'Context',
      parameters: [
        { name: 'token', value: 'tok-123456', sensitive: true },
        { name: 'host', value: 'example.org' },
      ],
    },
  ],
  processors: [
    {
      id: 'p',
      type: 'CarelessLogin',
      name: 'Login',
      position: { x: 0, y: 0 },
      properties: { password: 'hunter2-secret', user: 'admin' },
    },
  ],
};

describe('sensitiveValues', () => {
  it('lists sensitive property and parameter values, longest first, not ordinary ones', () => {
    const document = parseFlowDocument({ schemaVersion: 1, flow });
    expect(sensitiveValues(document, new ProcessorRegistry([CarelessLogin]))).toEqual([
      'hunter2-secret',
      'tok-123456',
    ]);
  });

  it('lists a sensitive parameter value given at run time, not an ordinary one', () => {
    const document = parseFlowDocument({ schemaVersion: 1, flow });
    const runtime = { token: 'runtime-token-9', host: 'runtime.example.org' };
    expect(sensitiveValues(document, new ProcessorRegistry([CarelessLogin]), runtime)).toEqual([
      'runtime-token-9',
      'hunter2-secret',
      'tok-123456',
    ]);
  });
});

describe('maskSecrets', () => {
  it('masks every occurrence, a longer secret whole', () => {
    expect(maskSecrets('a pass1234 b pass12 pass1234', ['pass1234', 'pass12'])).toBe(
      `a ${SECRET_MASK} b ${SECRET_MASK} ${SECRET_MASK}`,
    );
  });
});

describe('bulletins', () => {
  let handle: TestEngine | undefined;
  afterEach(() => handle?.dispose());

  it('never keep a secret a processor quotes in its log', async () => {
    handle = await openTestEngine(flow, [CarelessLogin]);
    await handle.engine.runOnce('p');
    await waitFor(() => handle!.engine.bulletins.query().length > 0, 'a bulletin');
    const [bulletin] = handle.engine.bulletins.query();
    expect(bulletin?.message).toBe(`login refused for password ${SECRET_MASK}`);
    await handle.engine.bulletins.flush();
    const reopened = await handle.reopen();
    expect(JSON.stringify(reopened.bulletins.query())).not.toContain('hunter2-secret');
  });
});
