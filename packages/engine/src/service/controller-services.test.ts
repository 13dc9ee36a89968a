import { parseFlowDocument, type FlowDocumentInput } from '@sluice/flow-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { defineProcessor } from '../processor/processor-definition.js';
import { ProcessorRegistry } from '../processor/processor-registry.js';
import { prop } from '../processor/property-descriptor.js';
import { openTestEngine, type TestEngine } from '../test-support/open-test-engine.js';
import { TestRunner } from '../testing/test-runner.js';
import { defineControllerService } from './controller-service-definition.js';
import { serviceApi } from './service-api.js';

interface Greeter {
  greet(name: string): string;
  closed: boolean;
}
const GreeterApi = serviceApi<Greeter>('GreeterService');
const OtherApi = serviceApi<string>('OtherService');

const opened: Greeter[] = [];
const GreeterService = defineControllerService({
  type: 'StandardGreeterService',
  description: 'Says hello',
  tags: [],
  properties: {
    greeting: prop.string({ name: 'Greeting', required: true }),
    secret: prop.string({ name: 'Secret', sensitive: true }),
  },
  provides: GreeterApi,
  enable(ctx) {
    const greeting = ctx.requiredProperty('greeting');
    if (greeting === 'explode') throw new Error('cannot reach the greeting server');
    const greeter = { greet: (name: string) => `${greeting}, ${name}`, closed: false };
    opened.push(greeter);
    return greeter;
  },
  disable(greeter) {
    greeter.closed = true;
  },
});
const OtherService = defineControllerService({
  type: 'OtherService',
  description: 'Provides something else',
  tags: [],
  properties: {},
  provides: OtherApi,
  enable: () => 'other',
});

const Greet = defineProcessor({
  type: 'Greet',
  description: 'Writes a greeting through the greeter service',
  tags: [],
  properties: { greeter: prop.service({ name: 'Greeter', required: true, api: GreeterApi }) },
  relationships: { success: 'Greeted' },
  inputRequirement: 'allowed',
  async onTrigger(ctx, session) {
    const greeter = ctx.requiredProperty('greeter');
    let flowFile = session.create();
    flowFile = await session.write(flowFile, greeter.greet('world'));
    session.transfer(flowFile, 'success');
  },
});

const types = { processors: [Greet], services: [GreeterService, OtherService] };
const position = { x: 0, y: 0 };
const greet = (service = 'g') => ({
  id: 'p',
  type: 'Greet',
  name: 'Greet',
  position,
  properties: { greeter: service },
  autoTerminatedRelationships: ['success'],
});
const greeterService = (
  properties: Record<string, string>,
  state: 'ENABLED' | 'DISABLED' = 'DISABLED',
) => ({
  id: 'g',
  type: 'StandardGreeterService',
  name: 'Greeter',
  properties,
  state,
});

let handle: TestEngine | undefined;
afterEach(async () => {
  await handle?.dispose();
  handle = undefined;
});

async function open(flow: Partial<FlowDocumentInput['flow']>, autoStart = false) {
  handle = await openTestEngine({ id: 'f', name: 'services', ...flow }, types.processors, {
    registry: new ProcessorRegistry(types.processors, types.services),
    autoStart,
  });
  return handle.engine;
}

describe('controller services', () => {
  it('keep a processor invalid until the service it refers to exists, fits and is enabled', async () => {
    const engine = await open({
      processors: [greet('missing')],
      controllerServices: [
        greeterService({ greeting: 'Hello' }),
        { id: 'o', type: 'OtherService', name: 'Other' },
      ],
    });
    const problems = () =>
      engine.processors
        .get('p')!
        .validate()
        .map((i) => i.message);
    expect(problems()).toEqual([
      "'Greeter' refers to controller service 'missing', which does not exist",
    ]);
    await engine.applyFlow(
      parseFlowDocument({
        schemaVersion: 1,
        flow: { ...engine.document.flow, processors: [greet('o')] },
      }),
    );
    expect(problems()).toEqual([
      "'Greeter' refers to 'Other', a OtherService, which does not provide GreeterService",
    ]);
    await engine.applyFlow(
      parseFlowDocument({
        schemaVersion: 1,
        flow: { ...engine.document.flow, processors: [greet()] },
      }),
    );
    expect(problems()).toEqual([
      "'Greeter' refers to controller service 'Greeter', which is not enabled",
    ]);
    expect(await engine.start('p')).toMatchObject({ ok: false });
    expect(await engine.enableService('g')).toEqual({ ok: true });
    expect(problems()).toEqual([]);
  });

  it('hand the processor the enabled instance, and disable only when no running processor uses them', async () => {
    const runner = await TestRunner.create(Greet, {
      properties: { greeter: 'g' },
      services: { g: { definition: GreeterService, properties: { greeting: 'Hej' } } },
    });
    try {
      await runner.run();
      expect((await runner.flowFiles('success')).map((f) => f.text)).toEqual(['Hej, world']);
      const engine = runner.engine;
      expect(await engine.start('under-test')).toEqual({ ok: true });
      expect(await engine.disableService('g')).toEqual({
        ok: false,
        reasons: ["Processor 'under-test' is running and uses 'g'; stop it first"],
      });
      expect(engine.controllerServices.get('g')!.state).toBe('ENABLED');
      await engine.stop('under-test');
      const instance = opened.at(-1)!;
      expect(await engine.disableService('g')).toEqual({ ok: true });
      expect(instance.closed).toBe(true);
      expect(engine.controllerServices.get('g')!.state).toBe('DISABLED');
    } finally {
      await runner.close();
    }
  });

  it('refuse to enable with invalid properties, and report an enable that throws', async () => {
    const engine = await open({ controllerServices: [greeterService({})] });
    expect(await engine.enableService('g')).toEqual({
      ok: false,
      reasons: ["Greeting: 'Greeting' is required"],
    });
    await engine.applyFlow(
      parseFlowDocument({
        schemaVersion: 1,
        flow: {
          ...engine.document.flow,
          controllerServices: [greeterService({ greeting: 'explode' })],
        },
      }),
    );
    expect(await engine.enableService('g')).toEqual({
      ok: false,
      reasons: ['cannot reach the greeting server'],
    });
    expect(engine.controllerServices.get('g')!.state).toBe('DISABLED');
    expect(engine.bulletins.query({ componentId: 'g', limit: 10 }).map((b) => b.message)).toEqual([
      'Could not be enabled: cannot reach the greeting server',
    ]);
  });

  it('may not be reconfigured or removed while enabled', async () => {
    const engine = await open({ controllerServices: [greeterService({ greeting: 'Hello' })] });
    await engine.enableService('g');
    const edited = (controllerServices: FlowDocumentInput['flow']['controllerServices']) =>
      parseFlowDocument({
        schemaVersion: 1,
        flow: { ...engine.document.flow, controllerServices },
      });
    expect(await engine.applyFlow(edited([greeterService({ greeting: 'Bye' })]))).toEqual({
      ok: false,
      reasons: [
        "Controller service 'Greeter' is enabled; disable it before changing its configuration",
      ],
    });
    expect(await engine.applyFlow(edited([]))).toEqual({
      ok: false,
      reasons: ["Controller service 'Greeter' is enabled; disable it before removing it"],
    });
    const renamed = { ...greeterService({ greeting: 'Hello' }), name: 'Renamed' };
    expect(await engine.applyFlow(edited([renamed]))).toEqual({ ok: true });
    expect(engine.controllerServices.get('g')!.state).toBe('ENABLED');
  });

  it('saved enabled come back enabled before saved-running processors start, and close disables them', async () => {
    const engine = await open(
      {
        processors: [{ ...greet(), state: 'RUNNING' }],
        controllerServices: [greeterService({ greeting: 'Hello' }, 'ENABLED')],
      },
      true,
    );
    expect(engine.controllerServices.get('g')!.state).toBe('ENABLED');
    expect(engine.processors.get('p')!.state).toBe('RUNNING');
    const instance = opened.at(-1)!;
    await handle!.reopen();
    expect(instance.closed).toBe(true);
    expect(handle!.engine.controllerServices.get('g')!.state).toBe('ENABLED');
  });

  it('of an unknown type load, but never enable', async () => {
    const engine = await open({
      controllerServices: [{ id: 'x', type: 'NoSuchService', name: 'Ghost' }],
    });
    expect(await engine.enableService('x')).toEqual({
      ok: false,
      reasons: ["Unknown controller service type 'NoSuchService'"],
    });
  });

  it('count their sensitive values among the flow secrets', async () => {
    const engine = await open({
      controllerServices: [greeterService({ greeting: 'Hello', secret: 's3cr3t-value' })],
    });
    expect(engine.secretValues).toEqual(['s3cr3t-value']);
  });
});
