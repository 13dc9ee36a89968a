import { defineProcessor } from '../processor/processor-definition.js';
import { prop } from '../processor/property-descriptor.js';

/** A source creating `Batch Size` small flowfiles per trigger, for engine tests. */
export const TestSource = defineProcessor({
  type: 'TestSource',
  description: 'Creates flowfiles with content "x"',
  tags: ['test'],
  properties: { batchSize: prop.integer({ name: 'Batch Size', default: '10', min: 1 }) },
  relationships: { success: 'Created flowfiles' },
  inputRequirement: 'forbidden',
  async onTrigger(ctx, session) {
    const n = ctx.requiredProperty('batchSize');
    for (let i = 0; i < n; i++) {
      const flowFile = await session.write(session.create(), 'x');
      session.transfer(flowFile, 'success');
    }
  },
});

/** A processor removing everything it takes, for engine tests. */
export const TestSink = defineProcessor({
  type: 'TestSink',
  description: 'Drops flowfiles',
  tags: ['test'],
  properties: {},
  relationships: {},
  async onTrigger(_ctx, session) {
    for (const flowFile of session.get(1000)) session.remove(flowFile);
  },
});
