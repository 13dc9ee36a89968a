import { describe, expect, it } from 'vitest';
import { FlowValidationError } from './errors.js';
import {
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  migrateFlowDocument,
  type Migration,
} from './migrations.js';
import { parseFlowDocument } from './parse.js';

/** A document in the version 0 draft format. */
function versionZeroDocument() {
  return {
    schemaVersion: 0,
    flow: {
      id: 'f0',
      name: 'Draft',
      processors: [
        {
          id: 'a',
          type: 'GenerateFlowFile',
          name: 'A',
          position: { x: 0, y: 0 },
          schedulingPeriod: '5 sec',
        },
        {
          id: 'b',
          type: 'LogAttribute',
          name: 'B',
          position: { x: 0, y: 100 },
          schedulingPeriod: '1 min',
          scheduling: { concurrentTasks: 2 },
        },
      ],
      connections: [
        { id: 'c', source: { id: 'a' }, relationship: 'success', destination: { id: 'b' } },
      ],
    },
  };
}

function issuesOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof FlowValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a FlowValidationError');
}

describe('migration chain', () => {
  it('is contiguous and ends at the current version', () => {
    MIGRATIONS.forEach((step, index) => {
      expect(step.to).toBe(step.from + 1);
      if (index > 0) expect(step.from).toBe(MIGRATIONS[index - 1]?.to);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(CURRENT_SCHEMA_VERSION);
  });
});

describe('migrateFlowDocument from version 0', () => {
  it('turns a single relationship into a list and moves schedulingPeriod into scheduling', () => {
    const migrated = migrateFlowDocument(versionZeroDocument());

    expect(migrated).toEqual({
      schemaVersion: 1,
      flow: {
        id: 'f0',
        name: 'Draft',
        processors: [
          {
            id: 'a',
            type: 'GenerateFlowFile',
            name: 'A',
            position: { x: 0, y: 0 },
            scheduling: { period: '5 sec' },
          },
          {
            id: 'b',
            type: 'LogAttribute',
            name: 'B',
            position: { x: 0, y: 100 },
            scheduling: { concurrentTasks: 2, period: '1 min' },
          },
        ],
        connections: [
          { id: 'c', source: { id: 'a' }, relationships: ['success'], destination: { id: 'b' } },
        ],
      },
    });
  });

  it('leaves its input untouched', () => {
    const input = versionZeroDocument();
    migrateFlowDocument(input);
    expect(input).toEqual(versionZeroDocument());
  });

  it('gives a document that parses as the current version', () => {
    const doc = parseFlowDocument(JSON.stringify(versionZeroDocument()));
    expect(doc.schemaVersion).toBe(1);
    expect(doc.flow.connections[0]?.relationships).toEqual(['success']);
    expect(doc.flow.processors[1]?.scheduling).toMatchObject({
      period: '1 min',
      concurrentTasks: 2,
    });
  });
});

describe('migrateFlowDocument refusals', () => {
  it('refuses a document without schemaVersion, at path schemaVersion', () => {
    expect(issuesOf(() => migrateFlowDocument({ flow: {} }))).toEqual([
      { path: 'schemaVersion', message: 'is required (the current version is 1)' },
    ]);
  });

  it('refuses a schemaVersion newer than supported, at path schemaVersion', () => {
    expect(issuesOf(() => migrateFlowDocument({ schemaVersion: 2, flow: {} }))).toEqual([
      {
        path: 'schemaVersion',
        message:
          'version 2 is newer than this Sluice supports (1); upgrade Sluice to open this flow',
      },
    ]);
  });

  it.each([['1'], [1.5], [null]])('refuses the non-integer schemaVersion %j', (version) => {
    const issues = issuesOf(() => migrateFlowDocument({ schemaVersion: version }));
    expect(issues[0]?.path).toBe('schemaVersion');
    expect(issues[0]?.message).toMatch(/^must be an integer/);
  });

  it('refuses a version older than the chain knows', () => {
    expect(issuesOf(() => migrateFlowDocument({ schemaVersion: -1 }))[0]).toEqual({
      path: 'schemaVersion',
      message: 'version -1 is not a known flow format (the current version is 1)',
    });
  });

  it('refuses input that is not an object, at the document root', () => {
    expect(issuesOf(() => migrateFlowDocument([1, 2]))).toEqual([
      { path: '$', message: 'a flow document must be a JSON object, got an array' },
    ]);
  });
});

describe('migrateFlowDocument with a longer chain', () => {
  it('applies each step in order from the document version and stamps each new version', () => {
    const seen: unknown[] = [];
    const step = (from: number): Migration => ({
      from,
      to: from + 1,
      migrate: (doc) => {
        seen.push(doc);
        return { ...(doc as object), [`step${from}`]: true };
      },
    });

    const result = migrateFlowDocument(
      { schemaVersion: 1 },
      { migrations: [step(2), step(0), step(1)], currentVersion: 3 },
    );

    expect(result).toEqual({ schemaVersion: 3, step1: true, step2: true });
    expect(seen).toEqual([{ schemaVersion: 1 }, { schemaVersion: 2, step1: true }]);
  });

  it('returns a current document unchanged', () => {
    const doc = { schemaVersion: 1, flow: {} };
    expect(migrateFlowDocument(doc)).toBe(doc);
  });
});
