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

describe('sensitiveValues of sensitive dynamic properties', () => {
  /** Sends its dynamic properties as headers; the user may mark one sensitive. */
  const Headers = defineProcessor({
    type: 'Headers',
    description: 'Sends headers',
    tags: ['test'],
    properties: {},
    dynamicProperties: {
      description: 'A header',
      expressionScope: 'flowfile',
      supportsSensitive: true,
    },
    relationships: {},
    inputRequirement: 'forbidden',
    async onTrigger() {},
  });

  it('lists the value of a dynamic property marked sensitive, not of an unmarked one or a reference', () => {
    // Given a processor with a marked header, a marked reference and a plain header
    const document = parseFlowDocument({
      schemaVersion: 1,
      flow: {
        id: 'f',
        name: 'Headers',
        processors: [
          {
            id: 'h',
            type: 'Headers',
            name: 'Call',
            position: { x: 0, y: 0 },
            properties: { Authorization: 'Bearer s3cr3t', 'X-Key': '#{key}', 'X-Trace': 'on' },
            sensitiveDynamicProperties: ['Authorization', 'X-Key'],
          },
        ],
      },
    });

    // When the secrets are listed, then only the marked literal value is one
    const secrets = sensitiveValues(document, new ProcessorRegistry([Headers]));
    expect(secrets).toEqual(['Bearer s3cr3t']);
    expect(maskSecrets('refused: Bearer s3cr3t', secrets)).toBe(`refused: ${SECRET_MASK}`);
  });
});

describe('maskSecrets', () => {
  it('masks every occurrence, a longer secret whole', () => {
    expect(maskSecrets('a pass1234 b pass12 pass1234', ['pass1234', 'pass12'])).toBe(
      `a ${SECRET_MASK} b ${SECRET_MASK} ${SECRET_MASK}`,
    );
  });

  it('masks a long secret even inside a word', () => {
    expect(maskSecrets('token=xx-hunter2-secret-yy', ['hunter2-secret'])).toBe(
      `token=xx-${SECRET_MASK}-yy`,
    );
  });

  it('masks a short secret only where it stands alone, so ids and names stay whole', () => {
    const id = '794a211d-a5e4-4e54-9a2b-0e4c2f7d9e1b';
    expect(maskSecrets(`GenerateFlowFile ${id}`, ['e'])).toBe(`GenerateFlowFile ${id}`);
    expect(maskSecrets("'Password': 'abc' is wrong; abcdef, xabc", ['abc'])).toBe(
      `'Password': '${SECRET_MASK}' is wrong; abcdef, xabc`,
    );
    expect(maskSecrets('abc abc', ['abc'])).toBe(`${SECRET_MASK} ${SECRET_MASK}`);
    // A secret beginning or ending in punctuation joins no word on that side.
    expect(maskSecrets('user:p@ss!word', ['p@ss!'])).toBe(`user:${SECRET_MASK}word`);
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

  it('never keep the value of a sensitive dynamic property a processor quotes in its log', async () => {
    // Given a processor that logs its headers, one of them marked sensitive
    const CarelessHeaders = defineProcessor({
      type: 'CarelessHeaders',
      description: 'Logs the headers it would send',
      tags: ['test'],
      properties: {},
      dynamicProperties: {
        description: 'A header',
        expressionScope: 'none',
        supportsSensitive: true,
      },
      relationships: {},
      inputRequirement: 'forbidden',
      async onTrigger(ctx) {
        ctx.log.error(
          `refused with ${JSON.stringify(Object.fromEntries(ctx.dynamicProperties()))}`,
        );
      },
    });
    handle = await openTestEngine(
      {
        id: 'f',
        name: 'Careless headers',
        processors: [
          {
            id: 'h',
            type: 'CarelessHeaders',
            name: 'Call',
            position: { x: 0, y: 0 },
            properties: { Authorization: 'Bearer s3cr3t', 'X-Trace': 'on' },
            sensitiveDynamicProperties: ['Authorization'],
          },
        ],
      },
      [CarelessHeaders],
    );

    // When it runs and posts its bulletin
    await handle.engine.runOnce('h');
    await waitFor(() => handle!.engine.bulletins.query().length > 0, 'a bulletin');

    // Then the bulletin has the plain header and a mask for the secret one
    const [bulletin] = handle.engine.bulletins.query();
    expect(bulletin?.message).toBe(
      `refused with {"Authorization":"${SECRET_MASK}","X-Trace":"on"}`,
    );
    expect(JSON.stringify(handle.engine.bulletins.query())).not.toContain('s3cr3t');
  });
});
