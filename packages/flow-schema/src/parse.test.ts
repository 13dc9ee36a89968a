import { describe, expect, it } from 'vitest';
import { FlowValidationError, type FlowIssue } from './errors.js';
import { parseFlowDocument, safeParseFlowDocument } from './parse.js';
import { minimalDocument, sftpToKafkaDocument } from './test-support/fixtures.js';

/** The issues of the validation error that parsing `input` fails with. */
function issuesFor(input: unknown): readonly FlowIssue[] {
  const result = safeParseFlowDocument(input);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.error.issues;
}

/** A valid document as plain JSON, to be broken by each test. */
function sample() {
  return JSON.parse(JSON.stringify(sftpToKafkaDocument())) as {
    schemaVersion: unknown;
    flow: Record<string, unknown> & {
      processors: Record<string, unknown>[];
      connections: Record<string, unknown>[];
      labels: Record<string, unknown>[];
    };
  };
}

describe('parseFlowDocument on valid input', () => {
  it('accepts JSON text and an already-parsed value alike', () => {
    const fromValue = parseFlowDocument(sftpToKafkaDocument());
    const fromText = parseFlowDocument(JSON.stringify(sftpToKafkaDocument()));
    expect(fromText).toEqual(fromValue);
    expect(fromValue.flow.processors).toHaveLength(4);
  });

  it('applies defaults to a minimal hand-written flow', () => {
    const doc = parseFlowDocument('{ "schemaVersion": 1, "flow": { "id": "f", "name": "F" } }');
    expect(doc.flow.processors).toEqual([]);
    expect(doc.flow.parameterContexts).toEqual([]);
  });

  it('applies defaults inside components', () => {
    const doc = parseFlowDocument(sftpToKafkaDocument());
    expect(doc.flow.connections[0]).toMatchObject({
      backPressure: { objectThreshold: 10_000, dataSizeThreshold: '1 GB' },
      prioritizers: [],
      expiration: '0 sec',
      bends: [],
    });
    expect(doc.flow.parameterContexts[0]?.parameters[0]?.sensitive).toBe(false);
    expect(doc.flow.processors[0]?.scheduling.penaltyDuration).toBe('30 sec');
  });

  it('ignores a leading byte order mark', () => {
    expect(parseFlowDocument(`\uFEFF${JSON.stringify(minimalDocument())}`).flow.id).toBe('flow-1');
  });
});

describe('parseFlowDocument on bad input', () => {
  it('reports invalid JSON text at the root with its line and column', () => {
    const text = '{\n  "schemaVersion": 1,\n  "flow": { "id": "f", }\n}';
    expect(issuesFor(text)).toEqual([
      {
        path: '$',
        message:
          'invalid JSON at line 3, column 24: unexpected character "}", expected a double-quoted property name',
      },
    ]);
  });

  it('reports a wrong type at its path', () => {
    const doc = sample();
    doc.flow.processors[1] = { ...doc.flow.processors[1], position: { x: '10', y: 0 } };
    expect(issuesFor(doc)).toEqual([
      {
        path: 'flow.processors[1].position.x',
        message: 'Invalid input: expected number, received string',
      },
    ]);
  });

  it('reports an unknown key at the key itself', () => {
    const doc = sample();
    doc.flow.connections[2] = { ...doc.flow.connections[2], prioritiser: ['FIFO'] };
    expect(issuesFor(doc)).toEqual([
      {
        path: 'flow.connections[2].prioritiser',
        message:
          'unknown key "prioritiser"; unknown keys are refused so that a typo is not silently ignored',
      },
    ]);
  });

  it('reports a missing field as required', () => {
    const doc = sample();
    const { type: _type, ...withoutType } = doc.flow.processors[3] ?? {};
    doc.flow.processors[3] = withoutType;
    expect(issuesFor(doc)).toEqual([
      { path: 'flow.processors[3].type', message: 'is required (expected string)' },
    ]);
  });

  it('reports a bad duration with the accepted forms', () => {
    const doc = sample();
    doc.flow.processors[2] = { ...doc.flow.processors[2], scheduling: { period: 'often' } };
    const issues = issuesFor(doc);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('flow.processors[2].scheduling.period');
    expect(issues[0]?.message).toMatch(/^Invalid duration "often": expected .*"30 sec"/);
  });

  it('reports a bad data size', () => {
    const doc = sample();
    doc.flow.connections[0] = {
      ...doc.flow.connections[0],
      backPressure: { dataSizeThreshold: '1 GiGa' },
    };
    expect(issuesFor(doc)[0]?.path).toBe('flow.connections[0].backPressure.dataSizeThreshold');
  });

  it('reports a connection to a processor that does not exist', () => {
    const doc = sample();
    doc.flow.connections[1] = { ...doc.flow.connections[1], destination: { id: 'p9' } };
    expect(issuesFor(doc)).toEqual([
      {
        path: 'flow.connections[1].destination.id',
        message: 'connection "c-2" refers to unknown destination processor "p9"',
      },
    ]);
  });

  it('reports an id used twice, at the second use', () => {
    const doc = sample();
    doc.flow.labels[0] = { ...doc.flow.labels[0], id: 'p-fetch' };
    expect(issuesFor(doc)).toEqual([
      {
        path: 'flow.labels[0].id',
        message: 'duplicate id "p-fetch" (already used at flow.processors[1].id)',
      },
    ]);
  });

  it('reports a parameterContextId that names no context', () => {
    const doc = sample();
    doc.flow.parameterContextId = 'ctx-missing';
    expect(issuesFor(doc)).toEqual([
      {
        path: 'flow.parameterContextId',
        message: 'refers to unknown parameter context "ctx-missing"',
      },
    ]);
  });

  it('reports a schemaVersion newer than supported', () => {
    const doc = sample();
    doc.schemaVersion = 7;
    expect(issuesFor(JSON.stringify(doc))).toEqual([
      {
        path: 'schemaVersion',
        message:
          'version 7 is newer than this Sluice supports (1); upgrade Sluice to open this flow',
      },
    ]);
  });

  it('reports a missing schemaVersion', () => {
    expect(issuesFor({ flow: { id: 'f', name: 'F' } })[0]?.path).toBe('schemaVersion');
  });

  it('collects every schema issue, not just the first', () => {
    const doc = sample();
    doc.flow.name = 42;
    doc.flow.processors[0] = { ...doc.flow.processors[0], state: 'PAUSED' };
    doc.flow.connections[0] = { ...doc.flow.connections[0], relationships: [] };
    doc.flow.labels[0] = { ...doc.flow.labels[0], size: { width: 0, height: 10 } };

    expect(issuesFor(doc).map((issue) => issue.path)).toEqual([
      'flow.name',
      'flow.processors[0].state',
      'flow.connections[0].relationships',
      'flow.labels[0].size.width',
    ]);
  });

  it('collects every reference issue, not just the first', () => {
    const doc = sample();
    doc.flow.connections[0] = {
      ...doc.flow.connections[0],
      source: { id: 'x' },
      destination: { id: 'y' },
    };
    doc.flow.labels[0] = { ...doc.flow.labels[0], id: 'c-3' };

    expect(issuesFor(doc).map((issue) => issue.path)).toEqual([
      'flow.labels[0].id',
      'flow.connections[0].source.id',
      'flow.connections[0].destination.id',
    ]);
  });

  it('reports a property key __proto__ instead of dropping it', () => {
    const text = JSON.stringify(sample()).replace('"Hostname"', '"__proto__"');
    expect(issuesFor(text)).toEqual([
      {
        path: 'flow.processors[0].properties.__proto__',
        message: 'the property key "__proto__" is reserved',
      },
    ]);
  });

  it('reports a non-object root at $', () => {
    expect(issuesFor('42')).toEqual([
      { path: '$', message: 'a flow document must be a JSON object, got number 42' },
    ]);
  });
});

describe('parseFlowDocument and safeParseFlowDocument', () => {
  it('parseFlowDocument throws the FlowValidationError that safeParseFlowDocument returns', () => {
    expect(() => parseFlowDocument('{')).toThrow(FlowValidationError);
    const result = safeParseFlowDocument('{');
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.message).toBe(
      "Invalid flow document (1 problem):\n$: invalid JSON at line 1, column 2: unexpected end of input, expected a double-quoted property name or '}'",
    );
  });

  it('safeParseFlowDocument returns the document when it is valid', () => {
    const result = safeParseFlowDocument(minimalDocument());
    expect(result.ok && result.document.flow.name).toBe('Empty flow');
  });
});
