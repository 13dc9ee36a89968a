import { describe, expect, it } from 'vitest';
import {
  flowDocumentSchema,
  parameterContextSchema,
  processorConfigSchema,
  schedulingSchema,
} from './schema.js';
import { minimalDocument } from './test-support/fixtures.js';

const processorInput = {
  id: 'p1',
  type: 'GenerateFlowFile',
  name: 'Gen',
  position: { x: 0, y: 0 },
};

describe('flowDocumentSchema', () => {
  it('given a document with only required fields, when parsed, then empty component lists are filled in', () => {
    const doc = flowDocumentSchema.parse(minimalDocument());

    expect(doc).toEqual({
      schemaVersion: 1,
      flow: {
        id: 'flow-1',
        name: 'Empty flow',
        processors: [],
        connections: [],
        labels: [],
        controllerServices: [],
        parameterContexts: [],
      },
    });
  });

  it('refuses a flow with an empty id', () => {
    const result = flowDocumentSchema.safeParse({ schemaVersion: 1, flow: { id: '', name: 'x' } });
    expect(result.error?.issues[0]).toMatchObject({ path: ['flow', 'id'] });
  });
});

describe('processorConfigSchema', () => {
  it('given a processor with only required fields, when parsed, then NiFi-like defaults apply', () => {
    expect(processorConfigSchema.parse(processorInput)).toEqual({
      ...processorInput,
      properties: {},
      scheduling: {
        strategy: 'TIMER_DRIVEN',
        period: '0 sec',
        concurrentTasks: 1,
        penaltyDuration: '30 sec',
        yieldDuration: '1 sec',
        bulletinLevel: 'WARN',
      },
      autoTerminatedRelationships: [],
      state: 'STOPPED',
    });
  });

  it('given sensitive dynamic property names, when parsed, then they are kept; a flow without them stays valid', () => {
    const marked = processorConfigSchema.parse({
      ...processorInput,
      properties: { Authorization: 'Bearer x' },
      sensitiveDynamicProperties: ['Authorization'],
    });

    expect(marked.sensitiveDynamicProperties).toEqual(['Authorization']);
    expect(processorConfigSchema.parse(processorInput)).not.toHaveProperty(
      'sensitiveDynamicProperties',
    );
  });

  it('refuses a sensitive dynamic property name listed twice or empty, by index', () => {
    const result = processorConfigSchema.safeParse({
      ...processorInput,
      sensitiveDynamicProperties: ['Authorization', '', 'Authorization'],
    });

    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['sensitiveDynamicProperties', 1],
      ['sensitiveDynamicProperties', 2],
    ]);
    expect(result.error?.issues[1]?.message).toBe('duplicate property name "Authorization"');
  });

  it('refuses an unknown key instead of ignoring it', () => {
    const result = processorConfigSchema.safeParse({
      ...processorInput,
      schedulingPeriod: '1 sec',
    });
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['schedulingPeriod'],
    });
  });

  it('refuses the same auto-terminated relationship twice, at the repeat', () => {
    const result = processorConfigSchema.safeParse({
      ...processorInput,
      autoTerminatedRelationships: ['success', 'failure', 'success'],
    });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['autoTerminatedRelationships', 2],
      message: 'duplicate relationship "success"',
    });
  });

  it('refuses the property key __proto__, which a JavaScript object would silently drop', () => {
    const properties: unknown = JSON.parse('{"__proto__": "x"}');
    const result = processorConfigSchema.safeParse({ ...processorInput, properties });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['properties', '__proto__'],
        message: 'the property key "__proto__" is reserved',
      }),
    ]);
  });
});

describe('parameterContextSchema', () => {
  it('refuses two parameters with the same name, at the second name', () => {
    const result = parameterContextSchema.safeParse({
      id: 'ctx',
      name: 'Context',
      parameters: [{ name: 'a' }, { name: 'b' }, { name: 'a', sensitive: true }],
    });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['parameters', 2, 'name'],
        message: 'duplicate parameter name "a"',
      }),
    ]);
  });
});

describe('schedulingSchema', () => {
  it('given CRON_DRIVEN without a cron expression, then cron is reported as required', () => {
    const result = schedulingSchema.safeParse({ strategy: 'CRON_DRIVEN' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['cron'],
        message: 'is required when strategy is CRON_DRIVEN',
      }),
    ]);
  });

  it.each(['0 2 * * *', '0 0 2 * * ?', '  */5 *  * * * '])(
    'accepts the cron expression %j',
    (cron) => {
      expect(schedulingSchema.parse({ strategy: 'CRON_DRIVEN', cron }).cron).toBe(cron);
    },
  );

  it.each(['', '* * * *', '0 0 0 1 1 ? 2030'])(
    'refuses the cron expression %j by field count',
    (cron) => {
      const result = schedulingSchema.safeParse({ strategy: 'CRON_DRIVEN', cron });
      expect(result.error?.issues[0]?.message).toMatch(/fields; expected 5 .* or 6/);
    },
  );

  it('refuses fewer than one concurrent task', () => {
    expect(schedulingSchema.safeParse({ concurrentTasks: 0 }).success).toBe(false);
  });
});
