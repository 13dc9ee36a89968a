import {
  parseFlowDocument,
  safeParseFlowDocument,
  serializeFlowDocument,
  type PropertyOwner,
} from '@sluice/flow-schema';
import { describe, expect, it } from 'vitest';
import { collectSecrets, restoreSecrets } from './flow-secrets.js';

const isSensitive = (component: PropertyOwner, key: string) =>
  component.type === 'Vault' && key === 'token';

const document = parseFlowDocument({
  schemaVersion: 1,
  flow: {
    id: 'f1',
    name: 'Secrets',
    parameterContextId: 'ctx',
    parameterContexts: [
      {
        id: 'ctx',
        name: 'Context',
        parameters: [
          { name: 'db.password', value: 'pa55', sensitive: true },
          { name: 'db.user', value: 'sluice' },
        ],
      },
    ],
    processors: [
      {
        id: 'a',
        type: 'Vault',
        name: 'A',
        position: { x: 0, y: 0 },
        properties: { token: 's3cr3t', path: '/kv' },
      },
      {
        id: 'b',
        type: 'Vault',
        name: 'B',
        position: { x: 0, y: 0 },
        properties: { token: '#{db.password}' },
      },
      { id: 'c', type: 'Vault', name: 'C', position: { x: 0, y: 0 }, properties: { token: '' } },
    ],
  },
});

describe('collectSecrets', () => {
  it('takes sensitive values, not references, empty values or ordinary ones', () => {
    expect([...collectSecrets(document, isSensitive)]).toEqual([
      ['processors/a/token', 's3cr3t'],
      ['parameters/ctx/db.password', 'pa55'],
    ]);
  });
});

describe('restoreSecrets', () => {
  it('puts back what the flow file left out, giving the document that was saved', () => {
    const text = serializeFlowDocument(document, { isSensitiveProperty: isSensitive });
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('pa55');
    const read = safeParseFlowDocument(text);
    if (!read.ok) throw new Error('the saved flow must parse');
    const restored = restoreSecrets(
      read.document,
      collectSecrets(document, isSensitive),
      isSensitive,
    );
    expect(restored.flow.processors.find((p) => p.id === 'a')?.properties).toEqual({
      token: 's3cr3t',
      path: '/kv',
    });
    expect(restored.flow.parameterContexts[0]?.parameters).toContainEqual({
      name: 'db.password',
      value: 'pa55',
      sensitive: true,
    });
  });

  it('never replaces a value the file holds, and drops secrets of removed components', () => {
    const secrets = new Map([
      ['processors/b/token', 'old'],
      ['processors/gone/token', 'orphan-secret'],
    ]);
    const restored = restoreSecrets(document, secrets, isSensitive);
    expect(restored.flow.processors.find((p) => p.id === 'b')?.properties['token']).toBe(
      '#{db.password}',
    );
    expect(JSON.stringify(restored)).not.toContain('orphan-secret');
  });
});
