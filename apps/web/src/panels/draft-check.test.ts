import { describe, expect, it } from 'vitest';
import { draftCheck, formIssues } from './draft-check.js';
import { changeOf, draftFromProcessor, dynamicRow } from './processor-draft.js';
import { headersEntry, processorOf, routeEntry, secretSinkEntry } from './test-fixtures.js';

const sink = processorOf('SecretSink', { properties: { password: { set: true } } });
const base = draftFromProcessor(sink, secretSinkEntry);

describe('draftCheck', () => {
  it('sends the pending change but never a typed secret', () => {
    const draft = {
      ...base,
      values: { ...base.values, user: 'bob' },
      secrets: { password: { mode: 'set', value: 's3cret' }, pin: { mode: 'keep' } } as const,
      autoTerminated: ['success'],
    };
    expect(draftCheck(changeOf(base, draft), draft)).toEqual({
      properties: { user: 'bob' },
      autoTerminatedRelationships: ['success'],
    });
  });

  it('never sends a typed sensitive dynamic value, but sends which names are sensitive', () => {
    // Given a new header marked sensitive, with its value typed
    const headers = draftFromProcessor(processorOf('InvokeHTTP'), headersEntry);
    const draft = {
      ...headers,
      dynamic: [{ ...dynamicRow('Authorization', 'Bearer s3cr3t'), sensitive: true }],
    };

    // When the draft is checked as you type, then the value stays in the browser
    const check = draftCheck(changeOf(headers, draft), draft);
    expect(check).toEqual({
      sensitiveDynamicProperties: ['Authorization'],
      autoTerminatedRelationships: [],
    });
    expect(JSON.stringify(check)).not.toContain('s3cr3t');
  });

  it('sends a cleared secret, which reveals nothing', () => {
    const draft = { ...base, secrets: { ...base.secrets, password: { mode: 'clear' } as const } };
    expect(draftCheck(changeOf(base, draft), draft).properties).toEqual({ password: null });
  });
});

describe('formIssues', () => {
  it('puts the browser’s issues first and drops the server’s about a secret being replaced', () => {
    const draft = {
      ...base,
      secrets: { ...base.secrets, pin: { mode: 'set', value: 'x' } as const },
    };
    const issues = formIssues(
      [{ property: 'scheduling.concurrentTasks', message: 'local' }],
      [
        { property: 'pin', message: "'PIN': the saved value is not an integer" },
        { property: 'password', message: 'kept' },
        { message: 'whole processor' },
      ],
      draft,
    );
    expect(issues.map((i) => i.message)).toEqual(['local', 'kept', 'whole processor']);
  });

  it('moves a dynamic property’s issue to its row', () => {
    const route = draftFromProcessor(processorOf('RouteOnAttribute'), routeEntry);
    const row = dynamicRow('big', '${');
    const [issue] = formIssues([], [{ property: 'big', message: 'bad' }], {
      ...route,
      dynamic: [row],
    });
    expect(issue).toEqual({ property: `dynamic:${row.id}`, message: 'bad' });
  });
});
