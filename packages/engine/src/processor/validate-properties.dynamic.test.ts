import { describe, expect, it } from 'vitest';
import { defineProcessor } from './processor-definition.js';
import { prop } from './property-descriptor.js';
import { validateProperties } from './validate-properties.js';

/** A processor whose dynamic properties are checked one by one and counted across. */
const Checked = defineProcessor({
  type: 'Checked',
  description: 'Dynamic properties must start with $; at most two',
  tags: [],
  properties: { mode: prop.string({ name: 'Mode', default: 'any' }) },
  dynamicProperties: {
    description: 'A path',
    expressionScope: 'none',
    validate: (value) => (value.startsWith('$') ? undefined : "must start with '$'"),
  },
  relationships: { success: 'All' },
  validate: (ctx) =>
    ctx.dynamicPropertyNames.length > 2
      ? [{ message: `At most two paths (${ctx.dynamicPropertyNames.join(', ')})` }]
      : [],
  async onTrigger() {},
});

describe('validateProperties — dynamic properties', () => {
  it("runs the spec's check on each dynamic value, naming the property", () => {
    expect(validateProperties(Checked, { good: '$.a', bad: 'a.b' })).toEqual([
      { property: 'bad', message: "'bad' must start with '$'" },
    ]);
  });

  it('leaves a value holding an expression to be checked when evaluated', () => {
    expect(validateProperties(Checked, { dynamic: '${path}' })).toEqual([]);
  });

  it('gives cross-property checks the names of the dynamic properties, not the declared ones', () => {
    expect(validateProperties(Checked, { mode: 'x', a: '$.a', b: '$.b' })).toEqual([]);
    expect(validateProperties(Checked, { a: '$.a', b: '$.b', c: '$.c' })).toEqual([
      { message: 'At most two paths (a, b, c)' },
    ]);
  });
});
