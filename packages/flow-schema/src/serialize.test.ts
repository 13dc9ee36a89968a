import { describe, expect, it } from 'vitest';
import { canonicalizeFlowDocument, isParameterReference } from './canonical.js';
import { parseFlowDocument } from './parse.js';
import { flowDocumentSchema, type FlowDocument } from './schema.js';
import type { PropertyOwner } from './sensitive-properties.js';
import { serializeFlowDocument } from './serialize.js';
import { minimalDocument, sftpToKafkaDocument } from './test-support/fixtures.js';

const sensitivePasswords = (_component: PropertyOwner, key: string) => key === 'Password';

function sample(): FlowDocument {
  return parseFlowDocument(sftpToKafkaDocument());
}

describe('serializeFlowDocument format', () => {
  it('writes sorted keys with 2-space indentation and a trailing newline', () => {
    const text = serializeFlowDocument(parseFlowDocument(minimalDocument()));

    expect(text).toBe(
      [
        '{',
        '  "flow": {',
        '    "connections": [],',
        '    "controllerServices": [],',
        '    "id": "flow-1",',
        '    "labels": [],',
        '    "name": "Empty flow",',
        '    "parameterContexts": [],',
        '    "processors": []',
        '  },',
        '  "schemaVersion": 1',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('sorts integer-like keys as strings too, which JSON.stringify cannot do', () => {
    const doc = sample();
    const [first] = doc.flow.processors;
    if (first === undefined) throw new Error('fixture has processors');
    first.properties = { '2': 'b', '10': 'a', b: 'c' };

    const text = serializeFlowDocument(doc);

    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"2"'));
    expect(text.indexOf('"2"')).toBeLessThan(text.indexOf('"b": "c"'));
  });

  it('gives output identical to JSON.stringify of the canonical form where key order agrees', () => {
    const doc = sample();
    const text = serializeFlowDocument(doc);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(canonicalizeFlowDocument(doc))));
  });
});

describe('serializeFlowDocument ordering', () => {
  it('sorts entities by id, parameters by name and relationship lists alphabetically', () => {
    const doc = sample();
    doc.flow.processors.reverse();
    doc.flow.connections[0]?.relationships.push('failure');
    doc.flow.processors.find((p) => p.id === 'p-publish')?.autoTerminatedRelationships.reverse();

    const written = JSON.parse(serializeFlowDocument(doc)) as FlowDocument;

    expect(written.flow.processors.map((p) => p.id)).toEqual([
      'p-fetch',
      'p-list',
      'p-publish',
      'p-replace',
    ]);
    expect(written.flow.connections[0]?.relationships).toEqual(['failure', 'success']);
    expect(written.flow.processors[2]?.autoTerminatedRelationships).toEqual(['failure', 'success']);
    expect(written.flow.parameterContexts[0]?.parameters.map((p) => p.name)).toEqual([
      'sftp.password',
      'sftp.user',
    ]);
  });

  it('keeps the order of prioritizers and bends, which carries meaning', () => {
    const doc = sample();
    const connection = doc.flow.connections[2];
    if (connection === undefined) throw new Error('fixture has three connections');
    connection.bends = [
      { x: 300, y: 10 },
      { x: 100, y: 20 },
    ];

    const written = JSON.parse(serializeFlowDocument(doc)) as FlowDocument;

    expect(written.flow.connections[2]?.prioritizers).toEqual(['OLDEST_FIRST', 'FIFO']);
    expect(written.flow.connections[2]?.bends).toEqual([
      { x: 300, y: 10 },
      { x: 100, y: 20 },
    ]);
  });

  it('rounds positions, bends and sizes to integers, keeping sizes positive', () => {
    const doc = sample();
    const processor = doc.flow.processors[0];
    const label = doc.flow.labels[0];
    const connection = doc.flow.connections[0];
    if (!processor || !label || !connection) throw new Error('fixture is complete');
    processor.position = { x: 10.4, y: -0.4 };
    label.size = { width: 0.2, height: 99.5 };
    connection.bends = [{ x: 1.5, y: 2.49 }];

    const written = JSON.parse(serializeFlowDocument(doc)) as FlowDocument;

    expect(written.flow.processors.find((p) => p.id === processor.id)?.position).toEqual({
      x: 10,
      y: 0,
    });
    expect(written.flow.labels[0]?.size).toEqual({ width: 1, height: 100 });
    expect(written.flow.connections[0]?.bends).toEqual([{ x: 2, y: 2 }]);
  });

  it('writes two saves of the same flow byte for byte the same', () => {
    expect(serializeFlowDocument(sample())).toBe(serializeFlowDocument(sample()));
  });

  it('does not modify the document it writes', () => {
    const doc = sample();
    const before = structuredClone(doc);
    serializeFlowDocument(doc, { isSensitiveProperty: sensitivePasswords });
    expect(doc).toEqual(before);
  });
});

describe('serializeFlowDocument secrets', () => {
  it('never writes the value of a sensitive parameter', () => {
    const text = serializeFlowDocument(sample());

    expect(text).not.toContain('s3cret');
    const written = flowDocumentSchema.parse(JSON.parse(text));
    expect(written.flow.parameterContexts[0]?.parameters).toEqual([
      { name: 'sftp.password', sensitive: true },
      { name: 'sftp.user', value: 'notes', sensitive: false },
    ]);
  });

  it('drops sensitive property values but keeps parameter references', () => {
    const text = serializeFlowDocument(sample(), { isSensitiveProperty: sensitivePasswords });

    expect(text).not.toContain('hunter2');
    const written = parseFlowDocument(text);
    const byId = (id: string) => written.flow.processors.find((p) => p.id === id)?.properties;
    expect(byId('p-fetch')).toEqual({ Hostname: 'sftp.local' });
    expect(byId('p-list')).toEqual({ Hostname: 'sftp.local', Password: '#{sftp.password}' });
  });

  it('asks about controller service properties with the service type', () => {
    const asked: string[] = [];
    serializeFlowDocument(sample(), {
      isSensitiveProperty: (component, key) => {
        asked.push(`${component.type}/${key}`);
        return false;
      },
    });
    expect(asked).toContain('KafkaConnectionService/Bootstrap Servers');
    expect(asked).toContain('FetchSFTP/Password');
  });

  it('drops the value of a sensitive dynamic property and keeps its name, sorted, without repeats', () => {
    // Given an InvokeHTTP whose user marked two headers sensitive, one listed twice and out of order
    const doc = sample();
    doc.flow.processors.push({
      ...doc.flow.processors[0]!,
      id: 'p-http',
      type: 'InvokeHTTP',
      properties: {
        'HTTP URL': 'https://api.example.org',
        Authorization: 'Bearer s3cr3t-token',
        'X-Api-Key': '#{api.key}',
        'X-Trace': 'on',
      },
      sensitiveDynamicProperties: ['X-Api-Key', 'Authorization', 'X-Api-Key'],
    });

    // When it is written with no declared property sensitive
    const text = serializeFlowDocument(doc);

    // Then the secret is gone, the reference and plain header stay, and the names are canonical
    expect(text).not.toContain('s3cr3t-token');
    const written = parseFlowDocument(text).flow.processors.find((p) => p.id === 'p-http');
    expect(written?.properties).toEqual({
      'HTTP URL': 'https://api.example.org',
      'X-Api-Key': '#{api.key}',
      'X-Trace': 'on',
    });
    expect(written?.sensitiveDynamicProperties).toEqual(['Authorization', 'X-Api-Key']);
  });

  it('writes no sensitiveDynamicProperties field when a component marks none', () => {
    const doc = sample();
    doc.flow.processors[0]!.sensitiveDynamicProperties = [];
    doc.flow.controllerServices[0]!.sensitiveDynamicProperties = [];

    const text = serializeFlowDocument(doc);

    expect(text).not.toContain('sensitiveDynamicProperties');
    expect(text).toBe(serializeFlowDocument(sample()));
  });

  it('drops a sensitive dynamic property of a controller service', () => {
    const doc = sample();
    const service = doc.flow.controllerServices[0]!;
    service.properties = { ...service.properties, 'sasl.jaas.config': 'password="k4fka"' };
    service.sensitiveDynamicProperties = ['sasl.jaas.config'];

    const text = serializeFlowDocument(doc);

    expect(text).not.toContain('k4fka');
    expect(parseFlowDocument(text).flow.controllerServices[0]?.sensitiveDynamicProperties).toEqual([
      'sasl.jaas.config',
    ]);
  });

  it('keeps a sensitive value by default, when no property is declared sensitive', () => {
    expect(serializeFlowDocument(sample())).toContain('hunter2');
  });
});

describe('isParameterReference', () => {
  it.each([
    ['#{password}', true],
    ['#{kafka.sasl password}', true],
    ['#{a}#{b}', false],
    ['secret #{a}', false],
    ['#{}', false],
    ['${attribute}', false],
  ])('given %j, then it is %s', (value, expected) => {
    expect(isParameterReference(value)).toBe(expected);
  });
});
