import { describe, expect, it } from 'vitest';
import { ProcessorRegistry } from '../processor/processor-registry.js';
import { TestSink, TestSource } from '../test-support/test-processors.js';
import { validateFlow } from './validate-flow.js';

const registry = new ProcessorRegistry([TestSource, TestSink]);
const position = { x: 0, y: 0 };

function flow(processors: object[], connections: object[] = []) {
  return { schemaVersion: 1, flow: { id: 'f', name: 'F', processors, connections } };
}

describe('validateFlow', () => {
  it('accepts a valid flow', () => {
    const result = validateFlow(
      flow(
        [
          { id: 's', type: 'TestSource', name: 'S', position },
          { id: 'k', type: 'TestSink', name: 'K', position },
        ],
        [{ id: 'c', source: { id: 's' }, relationships: ['success'], destination: { id: 'k' } }],
      ),
      registry,
    );
    expect(result.ok).toBe(true);
  });

  it('reports invalid JSON text with its line and column', () => {
    const result = validateFlow('{ "schemaVersion": 1,\n  "flow": { "id": }', registry);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.issues[0]!.message).toMatch(/line 2/);
  });

  it('names an unknown processor type by path and lists the known ones', () => {
    const result = validateFlow(flow([{ id: 'x', type: 'Nope', name: 'X', position }]), registry);
    expect(result.ok ? [] : result.issues).toContainEqual({
      path: 'flow.processors[0].type',
      message: "Unknown processor type 'Nope' (known types: TestSink, TestSource)",
    });
  });

  it('reports a bad property value and an unconnected relationship by path', () => {
    const result = validateFlow(
      flow([{ id: 's', type: 'TestSource', name: 'S', position, properties: { batchSize: '-1' } }]),
      registry,
    );
    const issues = result.ok ? [] : result.issues;
    expect(issues).toContainEqual({
      path: 'flow.processors[0].properties.batchSize',
      message: "S: 'Batch Size': -1 is less than the minimum 1",
    });
    expect(issues).toContainEqual({
      path: 'flow.processors[0].autoTerminatedRelationships',
      message: "S: relationship 'success' is neither connected nor auto-terminated",
    });
  });

  it('reports a sensitive dynamic property on a type that does not support them, by path', () => {
    // Given a TestSource (no dynamic properties) with a property marked sensitive
    const result = validateFlow(
      flow([
        {
          id: 's',
          type: 'TestSource',
          name: 'S',
          position,
          properties: { token: 'abc' },
          sensitiveDynamicProperties: ['token'],
          autoTerminatedRelationships: ['success'],
        },
      ]),
      registry,
    );

    // Then the issue names the property and why
    expect(result.ok ? [] : result.issues).toContainEqual({
      path: 'flow.processors[0].properties.token',
      message:
        "S: 'token' is marked sensitive, but TestSource does not support sensitive dynamic properties",
    });
  });

  it('reports a bad expression with its position', () => {
    const result = validateFlow(
      flow([
        {
          id: 's',
          type: 'TestSource',
          name: 'S',
          position,
          properties: { batchSize: '${x:toUpperr()}' },
          autoTerminatedRelationships: ['success'],
        },
      ]),
      registry,
    );
    const issues = result.ok ? [] : result.issues;
    expect(issues[0]?.path).toBe('flow.processors[0].properties.batchSize');
    expect(issues[0]?.message).toMatch(/toUpperr/);
  });

  it('reports a connection naming a relationship its source does not have', () => {
    const result = validateFlow(
      flow(
        [
          {
            id: 's',
            type: 'TestSource',
            name: 'S',
            position,
            autoTerminatedRelationships: ['success'],
          },
          { id: 'k', type: 'TestSink', name: 'K', position },
        ],
        [{ id: 'c', source: { id: 's' }, relationships: ['failure'], destination: { id: 'k' } }],
      ),
      registry,
    );
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toContain(
      'flow.connections[0].relationships[0]',
    );
  });
});
