import { describe, expect, it } from 'vitest';
import type { ProcessorView } from '../api/types.js';
import { configureProcessor, inverseProcessorEdit } from './configure-processor.js';
import { processor } from '../testing/fixtures.js';
import { harness } from './testing/harness.js';

const before: ProcessorView = processor('p1', {
  type: 'SecretSink',
  name: 'Sink',
  properties: { user: 'admin', password: { set: true } },
  relationships: ['success'],
});

describe('inverseProcessorEdit', () => {
  it('gives changed fields their old values and removes properties that did not exist', () => {
    expect(
      inverseProcessorEdit(before, {
        name: 'Sink 2',
        comments: 'why',
        properties: { user: 'root', extra: '1' },
        autoTerminatedRelationships: ['success'],
      }),
    ).toEqual({
      name: 'Sink',
      comments: '',
      properties: { user: 'admin', extra: null },
      autoTerminatedRelationships: [],
    });
  });

  it('leaves sensitive properties out, since the browser never has their values', () => {
    expect(inverseProcessorEdit(before, { properties: { password: 'hunter2' } })).toEqual({});
    expect(inverseProcessorEdit(before, { properties: { password: null, user: 'x' } })).toEqual({
      properties: { user: 'admin' },
    });
  });

  it('puts back the sensitive dynamic names as they were, never a secret value', () => {
    // Given a change that adds a sensitive header to a processor that had none marked
    const change = {
      properties: { Authorization: 'Bearer s3cr3t' },
      sensitiveDynamicProperties: ['Authorization'],
    };

    // When inverted, then the property goes and the mark with it (the server drops its value)
    const inverse = inverseProcessorEdit(before, change);
    expect(inverse).toEqual({
      properties: { Authorization: null },
      sensitiveDynamicProperties: [],
    });
    expect(JSON.stringify(inverse)).not.toContain('s3cr3t');
  });

  it('restores only the scheduling fields that changed, removing a cron that was not set', () => {
    expect(
      inverseProcessorEdit(before, {
        scheduling: { strategy: 'CRON_DRIVEN', cron: '0 * * * *' },
      }),
    ).toEqual({ scheduling: { strategy: 'TIMER_DRIVEN', cron: null } });
  });
});

describe('configureProcessor', () => {
  it('applies an edit and undoes it on the server', async () => {
    const h = harness();
    const p = await h.seedProcessor('ReplaceText', 'Wrap');
    await h.history.execute(
      configureProcessor(p, {
        name: 'Wrap it',
        properties: { replacementValue: 'x' },
        scheduling: { period: '5 sec' },
      }),
    );
    expect(h.server.processors.get(p.id)).toMatchObject({
      name: 'Wrap it',
      properties: { replacementValue: 'x' },
      scheduling: { period: '5 sec' },
    });

    await h.history.undo();
    expect(h.server.processors.get(p.id)).toMatchObject({
      name: 'Wrap',
      properties: {},
      scheduling: { period: '0 sec' },
    });
  });
});
