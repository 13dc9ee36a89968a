import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline, failure, startServer, type TestServer } from './api-support.js';

let t: TestServer;
let flowId: string;

beforeEach(async () => {
  t = await startServer();
  flowId = (await t.client.flows.create.mutate({ name: 'Drafts' })).id;
});

afterEach(async () => {
  await t.dispose();
});

describe('processors.validateDraft', () => {
  it('finds no issue in a valid processor with an empty draft', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const result = await t.client.processors.validateDraft.query({ flowId, id: wrap });
    expect(result).toEqual({ issues: [], relationships: ['success', 'failure'] });
  });

  it('names the property and the position of a bad regex in Search Value', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { searchValue: 'ab(c' },
    });
    expect(issues).toEqual([
      {
        property: 'searchValue',
        message:
          "'Search Value': 'ab(c' is not a valid regular expression: Unterminated group (at column 3)",
      },
    ]);
  });

  it('reports a bad expression with its position under the property', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { replacementValue: '{"${filename:toUpper(}":"$1"}' },
    });
    expect(issues).toEqual([
      {
        property: 'replacementValue',
        message: "'Replacement Value': Expected an argument but found '}' at column 22",
      },
    ]);
  });

  it('reports a parameter that the flow does not define', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { replacementValue: '#{missing}' },
    });
    expect(issues).toEqual([
      {
        property: 'replacementValue',
        message: "'Replacement Value' refers to parameter 'missing', which is not defined",
      },
    ]);
  });

  it('checks required values, choices and kinds, and null goes back to the default', async () => {
    const { gen, wrap } = await buildPipeline(t, flowId);
    const bad = await t.client.processors.validateDraft.query({
      flowId,
      id: gen,
      properties: { batchSize: 'many' },
    });
    expect(bad.issues).toEqual([
      { property: 'batchSize', message: "'Batch Size': 'many' is not an integer" },
    ]);
    const strategy = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { replacementStrategy: 'Sideways' },
    });
    expect(strategy.issues[0]).toMatchObject({ property: 'replacementStrategy' });
    expect(strategy.issues[0]!.message).toContain("'Sideways' is not one of");
    const reset = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { replacementStrategy: null },
    });
    expect(reset.issues).toEqual([]);
  });

  it('reports a bad run schedule, penalty and concurrent tasks as scheduling fields', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      scheduling: { period: '5 parsecs', penaltyDuration: 'soon', concurrentTasks: 0 },
    });
    expect(issues.map((i) => i.property).sort()).toEqual([
      'scheduling.concurrentTasks',
      'scheduling.penaltyDuration',
      'scheduling.period',
    ]);
    const period = issues.find((i) => i.property === 'scheduling.period')!;
    expect(period.message).toMatch(/^Run Schedule: Invalid duration "5 parsecs": expected/);
    expect(issues.find((i) => i.property === 'scheduling.concurrentTasks')!.message).toBe(
      'Concurrent Tasks must be a whole number of at least 1 (got 0)',
    );
  });

  it('requires a cron expression for a cron-driven processor and checks its fields', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const missing = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      scheduling: { strategy: 'CRON_DRIVEN' },
    });
    expect(missing.issues).toEqual([
      {
        property: 'scheduling.cron',
        message: 'Cron Expression is required when the strategy is CRON_DRIVEN',
      },
    ]);
    const fields = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      scheduling: { strategy: 'CRON_DRIVEN', cron: '0 2 * *' },
    });
    expect(fields.issues[0]!.message).toContain('has 4 fields; expected 5');
    const range = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      scheduling: { strategy: 'CRON_DRIVEN', cron: '99 * * * *' },
    });
    expect(range.issues).toEqual([
      {
        property: 'scheduling.cron',
        message: 'Cron Expression: CronPattern: Invalid value for minute: 99',
      },
    ]);
    const good = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      scheduling: { strategy: 'CRON_DRIVEN', cron: '0 2 * * *' },
    });
    expect(good.issues).toEqual([]);
  });

  it('reports a relationship that would be neither connected nor auto-terminated', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      autoTerminatedRelationships: [],
    });
    expect(issues).toEqual([
      {
        message:
          "Relationship 'failure' is not connected to any component and is not auto-terminated",
      },
    ]);
  });

  it('leaves the incoming connection to the canvas: a draft cannot wire a processor', async () => {
    const lone = await t.client.processors.add.mutate({
      flowId,
      type: 'ReplaceText',
      position: { x: 0, y: 0 },
    });
    const { issues } = await t.client.processors.validateDraft.query({
      flowId,
      id: lone.processor.id,
      autoTerminatedRelationships: ['success', 'failure'],
    });
    expect(issues).toEqual([]);
  });

  it('follows the relationships a dynamic property adds (RouteOnAttribute)', async () => {
    const route = await t.client.processors.add.mutate({
      flowId,
      type: 'RouteOnAttribute',
      position: { x: 0, y: 0 },
    });
    const result = await t.client.processors.validateDraft.query({
      flowId,
      id: route.processor.id,
      properties: { big: '${fileSize:gt(100)}' },
      autoTerminatedRelationships: ['unmatched'],
    });
    expect(result.relationships).toEqual(['unmatched', 'big']);
    expect(result.issues.map((i) => i.message)).toContain(
      "Relationship 'big' is not connected to any component and is not auto-terminated",
    );
  });

  it('changes nothing: the saved processor and its validation stay as they were', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const before = await t.client.flows.get.query({ flowId });
    await t.client.processors.validateDraft.query({
      flowId,
      id: wrap,
      properties: { searchValue: '(' },
      scheduling: { period: 'never' },
      autoTerminatedRelationships: [],
    });
    expect(await t.client.flows.get.query({ flowId })).toEqual(before);
    const [validation] = await t.client.processors.validation.query({ flowId, id: wrap });
    expect(validation!.issues).toEqual([]);
  });

  it('keeps a saved secret the draft omits and never sends a typed one back', async () => {
    const sink = await t.client.processors.add.mutate({
      flowId,
      type: 'SecretSink',
      position: { x: 0, y: 0 },
      properties: { pin: 'not-a-pin-1234' },
    });
    const id = sink.processor.id;
    const kept = await t.client.processors.validateDraft.query({
      flowId,
      id,
      autoTerminatedRelationships: ['success'],
    });
    expect(kept.issues).toHaveLength(1);
    expect(kept.issues[0]).toMatchObject({ property: 'pin' });
    const typed = await t.client.processors.validateDraft.query({
      flowId,
      id,
      properties: { pin: 'typed-secret-987' },
      autoTerminatedRelationships: ['success'],
    });
    expect(typed.issues).toHaveLength(1);
    expect(typed.issues[0]).toMatchObject({ property: 'pin' });
    expect(t.bodies.join('\n')).not.toContain('not-a-pin-1234');
    expect(t.bodies.join('\n')).not.toContain('typed-secret-987');
    const fixed = await t.client.processors.validateDraft.query({
      flowId,
      id,
      properties: { pin: '1234' },
      autoTerminatedRelationships: ['success'],
    });
    expect(fixed.issues).toEqual([]);
  });
});

describe('processors.validateDraft: controller service references', () => {
  it('says a referenced service is missing or not enabled, and nothing once it is enabled', async () => {
    const service = await t.client.controllerServices.add.mutate({
      flowId,
      type: 'TokenVault',
      name: 'Vault',
      properties: { url: 'http://127.0.0.1:1', token: 'vault-token' },
    });
    const user = await t.client.processors.add.mutate({
      flowId,
      type: 'TokenUser',
      name: 'Uses vault',
      position: { x: 0, y: 0 },
    });
    await t.client.processors.update.mutate({
      flowId,
      id: user.processor.id,
      autoTerminatedRelationships: ['success'],
    });
    const check = (vault: string) =>
      t.client.processors.validateDraft.query({
        flowId,
        id: user.processor.id,
        properties: { vault },
      });
    expect((await check('nope')).issues).toEqual([
      {
        property: 'vault',
        message: "'Token Vault' refers to controller service 'nope', which does not exist",
      },
    ]);
    expect((await check(service.id)).issues).toEqual([
      {
        property: 'vault',
        message: "'Token Vault' refers to controller service 'Vault', which is not enabled",
      },
    ]);
    await t.client.controllerServices.enable.mutate({ flowId, id: service.id });
    expect((await check(service.id)).issues).toEqual([]);
  });
});

describe('processors.validateDraft: bad input', () => {
  it('answers NOT_FOUND for an unknown flow or processor', async () => {
    expect(
      await failure(t.client.processors.validateDraft.query({ flowId: 'nope', id: 'x' })),
    ).toEqual({ code: 'NOT_FOUND', message: "No flow with id 'nope'" });
    expect(await failure(t.client.processors.validateDraft.query({ flowId, id: 'x' }))).toEqual({
      code: 'NOT_FOUND',
      message: "No processor with id 'x' in flow 'Drafts'",
    });
  });

  it('refuses a malformed draft with BAD_REQUEST', async () => {
    const { wrap } = await buildPipeline(t, flowId);
    const fractional = await failure(
      t.client.processors.validateDraft.query({
        flowId,
        id: wrap,
        scheduling: { concurrentTasks: 1.5 },
      }),
    );
    expect(fractional.code).toBe('BAD_REQUEST');
    const unknownField = await failure(
      t.client.processors.validateDraft.query({
        flowId,
        id: wrap,
        // @ts-expect-error -- a field the scheduling shape does not have
        scheduling: { speed: 'fast' },
      }),
    );
    expect(unknownField.code).toBe('BAD_REQUEST');
    const emptyKey = await failure(
      t.client.processors.validateDraft.query({ flowId, id: wrap, properties: { '': 'x' } }),
    );
    expect(emptyKey.code).toBe('BAD_REQUEST');
  });
});
