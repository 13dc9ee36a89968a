import fc from 'fast-check';
import type {
  ConnectionConfig,
  ControllerServiceConfig,
  FlowDocument,
  Label,
  ParameterContext,
  Position,
  ProcessorConfig,
  SchedulingConfig,
} from '../schema.js';

/** Text with any code points, to exercise escaping. */
const text = fc.string({ maxLength: 12, unit: 'binary' });
const nonEmptyText = fc.string({ minLength: 1, maxLength: 8, unit: 'binary' });
const id = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), nonEmptyText);

const duration = fc.oneof(
  fc.constantFrom(
    '0 sec',
    '30 sec',
    '1 min',
    '5 mins',
    '100 millis',
    '1.5 sec',
    '2 hours',
    '1 day',
  ),
  fc
    .tuple(fc.nat(10_000), fc.constantFrom('ms', 'sec', 'SECONDS', 'mins', 'hr', 'd'))
    .map(([amount, unit]) => `${amount} ${unit}`),
);
const dataSize = fc.oneof(
  fc.constantFrom('0 B', '1 GB', '10 KB', '512 bytes', '1.5 MB'),
  fc.tuple(fc.nat(4096), fc.constantFrom('B', 'KB', 'mb', 'GB')).map(([n, unit]) => `${n} ${unit}`),
);
const coordinate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const position: fc.Arbitrary<Position> = fc.record({ x: coordinate, y: coordinate });
const relationship = fc.constantFrom('success', 'failure', 'original', 'retry', 'matched');
const properties = fc
  .array(
    fc.tuple(
      text.filter((key) => key !== '__proto__'),
      text,
    ),
    { maxLength: 4 },
  )
  .map((entries) => Object.fromEntries(entries));

const scheduling: fc.Arbitrary<SchedulingConfig> = fc.oneof(
  fc.record(
    {
      strategy: fc.constant('TIMER_DRIVEN' as const),
      period: duration,
      cron: fc.constantFrom('0 2 * * *', '0 0 2 * * ?'),
      concurrentTasks: fc.integer({ min: 1, max: 16 }),
      penaltyDuration: duration,
      yieldDuration: duration,
      bulletinLevel: fc.constantFrom('DEBUG', 'INFO', 'WARN', 'ERROR'),
    },
    {
      requiredKeys: [
        'strategy',
        'period',
        'concurrentTasks',
        'penaltyDuration',
        'yieldDuration',
        'bulletinLevel',
      ],
    },
  ),
  fc.record({
    strategy: fc.constant('CRON_DRIVEN' as const),
    period: duration,
    cron: fc.constantFrom('*/5 * * * *', '0 */15 * * * *'),
    concurrentTasks: fc.integer({ min: 1, max: 16 }),
    penaltyDuration: duration,
    yieldDuration: duration,
    bulletinLevel: fc.constantFrom('DEBUG', 'INFO', 'WARN', 'ERROR'),
  }),
);

/** Names a user marked sensitive; some name a property the component has, some not (any more). */
const sensitiveDynamicProperties = fc.uniqueArray(nonEmptyText, { maxLength: 3 });

function processor(processorId: string): fc.Arbitrary<ProcessorConfig> {
  return fc.record(
    {
      id: fc.constant(processorId),
      type: fc.constantFrom('GenerateFlowFile', 'ReplaceText', 'PublishKafka', 'LogAttribute'),
      name: text,
      position,
      properties,
      scheduling,
      autoTerminatedRelationships: fc.uniqueArray(relationship, { maxLength: 3 }),
      state: fc.constantFrom('RUNNING', 'STOPPED', 'DISABLED'),
      comments: text,
      sensitiveDynamicProperties,
    },
    {
      requiredKeys: [
        'id',
        'type',
        'name',
        'position',
        'properties',
        'scheduling',
        'autoTerminatedRelationships',
        'state',
      ],
    },
  );
}

function connection(
  connectionId: string,
  processorIds: readonly string[],
): fc.Arbitrary<ConnectionConfig> {
  const processorRef = fc.constantFrom(...processorIds).map((ref) => ({ id: ref }));
  return fc.record(
    {
      id: fc.constant(connectionId),
      name: text,
      source: processorRef,
      relationships: fc.uniqueArray(relationship, { minLength: 1, maxLength: 3 }),
      destination: processorRef,
      backPressure: fc.record({
        objectThreshold: fc.nat(100_000),
        dataSizeThreshold: dataSize,
      }),
      prioritizers: fc.uniqueArray(
        fc.constantFrom('FIFO', 'OLDEST_FIRST', 'NEWEST_FIRST', 'PRIORITY_ATTRIBUTE'),
      ),
      expiration: duration,
      bends: fc.array(position, { maxLength: 3 }),
    },
    {
      requiredKeys: [
        'id',
        'source',
        'relationships',
        'destination',
        'backPressure',
        'prioritizers',
        'expiration',
        'bends',
      ],
    },
  );
}

function label(labelId: string): fc.Arbitrary<Label> {
  const extent = fc.double({ min: 0.001, max: 1e5, noNaN: true });
  return fc.record(
    {
      id: fc.constant(labelId),
      text,
      position,
      size: fc.record({ width: extent, height: extent }),
      style: fc.record(
        { background: text, fontSize: fc.double({ min: 1, max: 200, noNaN: true }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['id', 'text', 'position', 'size'] },
  );
}

function service(serviceId: string): fc.Arbitrary<ControllerServiceConfig> {
  return fc.record(
    {
      id: fc.constant(serviceId),
      type: fc.constantFrom('KafkaConnectionService', 'ElasticsearchClientService'),
      name: text,
      properties,
      state: fc.constantFrom('ENABLED', 'DISABLED'),
      sensitiveDynamicProperties,
    },
    { requiredKeys: ['id', 'type', 'name', 'properties', 'state'] },
  );
}

function parameterContext(contextId: string): fc.Arbitrary<ParameterContext> {
  const parameter = fc.record(
    { name: nonEmptyText, value: text, sensitive: fc.boolean(), description: text },
    { requiredKeys: ['name', 'sensitive'] },
  );
  return fc.record(
    {
      id: fc.constant(contextId),
      name: text,
      description: text,
      parameters: fc.uniqueArray(parameter, { selector: (p) => p.name, maxLength: 4 }),
    },
    { requiredKeys: ['id', 'name', 'parameters'] },
  );
}

/** Which array of the flow each generated id goes to. */
type Kind = 'processor' | 'connection' | 'label' | 'service' | 'context';

/**
 * Valid flow documents in parsed form (defaults present): ids unique across the flow,
 * connections between existing processors, `parameterContextId` naming an existing context.
 */
export const flowDocumentArbitrary: fc.Arbitrary<FlowDocument> = fc
  .uniqueArray(id, { maxLength: 14 })
  .chain((ids) =>
    fc
      .array(fc.constantFrom<Kind>('processor', 'connection', 'label', 'service', 'context'), {
        minLength: ids.length,
        maxLength: ids.length,
      })
      .map((kinds) => ({ ids, kinds })),
  )
  .chain(({ ids, kinds }) => {
    const of = (kind: Kind) => ids.filter((_, index) => kinds[index] === kind);
    const processorIds = of('processor');
    // Without processors a connection has nothing to connect, so its id becomes a label's.
    const connectionIds = processorIds.length > 0 ? of('connection') : [];
    const labelIds = processorIds.length > 0 ? of('label') : [...of('label'), ...of('connection')];
    const contextIds = of('context');
    return fc.record(
      {
        schemaVersion: fc.constant(1 as const),
        flow: fc.record(
          {
            id: nonEmptyText,
            name: text,
            description: text,
            parameterContextId:
              contextIds.length > 0 ? fc.constantFrom(...contextIds) : fc.constant(undefined),
            processors: fc.tuple(...processorIds.map(processor)),
            connections: fc.tuple(...connectionIds.map((c) => connection(c, processorIds))),
            labels: fc.tuple(...labelIds.map(label)),
            controllerServices: fc.tuple(...of('service').map(service)),
            parameterContexts: fc.tuple(...contextIds.map(parameterContext)),
          },
          {
            requiredKeys: [
              'id',
              'name',
              'processors',
              'connections',
              'labels',
              'controllerServices',
              'parameterContexts',
            ],
          },
        ),
      },
      { requiredKeys: ['schemaVersion', 'flow'] },
    );
  })
  .map((doc) => {
    // fc.record may write `parameterContextId: undefined`; a parsed document never has it.
    if (doc.flow.parameterContextId !== undefined) return doc;
    const { parameterContextId: _unset, ...flow } = doc.flow;
    return { ...doc, flow };
  });
