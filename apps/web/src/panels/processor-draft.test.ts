import { describe, expect, it } from 'vitest';
import {
  changeOf,
  committed,
  draftFromProcessor,
  dynamicRow,
  isEmptyChange,
  localIssues,
  type ProcessorDraft,
} from './processor-draft.js';
import {
  headersEntry,
  processorOf,
  replaceTextEntry,
  routeEntry,
  secretSinkEntry,
} from './test-fixtures.js';

const replace = processorOf('ReplaceText', {
  properties: { searchValue: 'a+', replacementValue: 'x' },
  autoTerminatedRelationships: ['failure'],
});

function edited(base: ProcessorDraft, patch: Partial<ProcessorDraft>): ProcessorDraft {
  return { ...base, ...patch };
}

describe('draftFromProcessor', () => {
  it('holds every declared property as text, unset ones empty', () => {
    const draft = draftFromProcessor(replace, replaceTextEntry);
    expect(draft.values).toEqual({
      replacementStrategy: '',
      searchValue: 'a+',
      replacementValue: 'x',
      ignoreCase: '',
      maxBufferSize: '',
    });
    expect(draft.scheduling.concurrentTasks).toBe('1');
  });

  it('knows only whether a secret is set', () => {
    const sink = processorOf('SecretSink', {
      properties: { password: { set: true }, pin: { set: false } },
    });
    const draft = draftFromProcessor(sink, secretSinkEntry);
    expect(draft.secretSet).toEqual({ password: true, pin: false });
    expect(draft.secrets).toEqual({ password: { mode: 'keep' }, pin: { mode: 'keep' } });
    expect(JSON.stringify(draft)).not.toContain('"value"');
  });

  it('turns properties the type does not declare into dynamic rows', () => {
    const route = processorOf('RouteOnAttribute', { properties: { big: '${size:gt(1)}' } });
    const draft = draftFromProcessor(route, routeEntry);
    expect(draft.dynamic.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'big', value: '${size:gt(1)}' },
    ]);
  });
});

describe('changeOf', () => {
  const base = draftFromProcessor(replace, replaceTextEntry);

  it('is empty for an untouched form', () => {
    expect(isEmptyChange(changeOf(base, base))).toBe(true);
  });

  it('sends only the fields that changed; an emptied property goes back to its default', () => {
    const draft = edited(base, {
      name: 'Wrap',
      values: { ...base.values, searchValue: '', ignoreCase: 'true' },
      scheduling: { ...base.scheduling, period: '5 sec', concurrentTasks: '2' },
    });
    expect(changeOf(base, draft)).toEqual({
      name: 'Wrap',
      properties: { searchValue: null, ignoreCase: 'true' },
      scheduling: { period: '5 sec', concurrentTasks: 2 },
    });
  });

  it('sends auto-terminated relationships only when the set changed', () => {
    expect(changeOf(base, edited(base, { autoTerminated: ['failure'] }))).toEqual({});
    expect(changeOf(base, edited(base, { autoTerminated: ['failure', 'success'] }))).toEqual({
      autoTerminatedRelationships: ['failure', 'success'],
    });
  });

  it('removes the cron expression when it is emptied, and never sends tasks that are not a number', () => {
    const cron = { ...base, scheduling: { ...base.scheduling, cron: '0 2 * * *' } };
    const draft = edited(cron, {
      scheduling: { ...cron.scheduling, cron: '', concurrentTasks: 'x' },
    });
    expect(changeOf(cron, draft)).toEqual({ scheduling: { cron: null } });
  });

  it('sends a typed secret, null for a cleared one, and nothing for one left alone', () => {
    const sink = processorOf('SecretSink', { properties: { password: { set: true } } });
    const secretBase = draftFromProcessor(sink, secretSinkEntry);
    expect(changeOf(secretBase, secretBase)).toEqual({});
    const typed = edited(secretBase, {
      secrets: { password: { mode: 'clear' }, pin: { mode: 'set', value: '1234' } },
    });
    expect(changeOf(secretBase, typed)).toEqual({ properties: { password: null, pin: '1234' } });
    // Clearing a secret that is not set changes nothing.
    const clearUnset = edited(secretBase, {
      secrets: { ...secretBase.secrets, pin: { mode: 'clear' } },
    });
    expect(changeOf(secretBase, clearUnset)).toEqual({});
  });

  it('adds, renames and removes dynamic properties by name', () => {
    const route = processorOf('RouteOnAttribute', { properties: { big: 'a', small: 'b' } });
    const routeBase = draftFromProcessor(route, routeEntry);
    const [big] = routeBase.dynamic;
    const draft = edited(routeBase, {
      dynamic: [{ ...big!, name: 'large' }, dynamicRow('new', 'c'), dynamicRow('', '')],
    });
    expect(changeOf(routeBase, draft)).toEqual({
      properties: { big: null, small: null, large: 'a', new: 'c' },
    });
  });
});

describe('sensitive dynamic properties', () => {
  const call = processorOf('InvokeHTTP', {
    properties: { Authorization: { set: true }, 'X-Trace': 'on' },
    sensitiveDynamicProperties: ['Authorization'],
  });
  const callBase = draftFromProcessor(call, headersEntry);

  it('loads a saved secret as a sensitive row that knows only that it is set', () => {
    expect(
      callBase.dynamic.map(({ name, value, sensitive, secretSet }) => [
        name,
        value,
        sensitive,
        secretSet,
      ]),
    ).toEqual([
      ['Authorization', '', true, true],
      ['X-Trace', 'on', false, false],
    ]);
    expect(isEmptyChange(changeOf(callBase, callBase))).toBe(true);
  });

  it('sends a new sensitive row with its value and the whole list of sensitive names', () => {
    // Given a new row marked sensitive
    const added = { ...dynamicRow('X-Api-Key', 'k3y'), sensitive: true };
    const draft = edited(callBase, { dynamic: [...callBase.dynamic, added] });

    // When the change is made, then the value and the marks are sent
    expect(changeOf(callBase, draft)).toEqual({
      properties: { 'X-Api-Key': 'k3y' },
      sensitiveDynamicProperties: ['Authorization', 'X-Api-Key'],
    });
  });

  it('never sends an untouched secret; a typed one replaces it; after Apply the form forgets it', () => {
    const [auth, trace] = callBase.dynamic;
    const typed = edited(callBase, { dynamic: [{ ...auth!, value: 'Bearer n3w' }, trace!] });

    expect(changeOf(callBase, typed)).toEqual({ properties: { Authorization: 'Bearer n3w' } });
    const after = committed(typed);
    expect(after.dynamic[0]).toMatchObject({ name: 'Authorization', value: '', secretSet: true });
    expect(JSON.stringify(after)).not.toContain('n3w');
    expect(isEmptyChange(changeOf(after, after))).toBe(true);
  });

  it('removes a sensitive property by name, and its mark with it', () => {
    const [, trace] = callBase.dynamic;
    const draft = edited(callBase, { dynamic: [trace!] });

    expect(changeOf(callBase, draft)).toEqual({
      properties: { Authorization: null },
      sensitiveDynamicProperties: [],
    });
  });
});

describe('committed', () => {
  it('is clean against the processor the server will return', () => {
    const sink = processorOf('SecretSink', { properties: { password: { set: true } } });
    const base = draftFromProcessor(sink, secretSinkEntry);
    const draft = edited(base, {
      secrets: { password: { mode: 'clear' }, pin: { mode: 'set', value: '1234' } },
    });
    const after = committed(draft);
    expect(after.secretSet).toEqual({ password: false, pin: true });
    const saved = processorOf('SecretSink', {
      properties: { password: { set: false }, pin: { set: true } },
    });
    expect(changeOf(after, draftFromProcessor(saved, secretSinkEntry))).toEqual({});
  });
});

describe('localIssues', () => {
  const base = draftFromProcessor(processorOf('RouteOnAttribute'), routeEntry);

  it('refuses concurrent tasks that are not a whole number', () => {
    const draft = edited(base, { scheduling: { ...base.scheduling, concurrentTasks: '1.5' } });
    expect(localIssues(draft)).toEqual([
      {
        property: 'scheduling.concurrentTasks',
        message: 'Concurrent Tasks must be a whole number of at least 1 (got "1.5")',
      },
    ]);
  });

  it('refuses dynamic properties without a name, named twice, or named like a declared one', () => {
    const rows = [
      dynamicRow('', 'x'),
      dynamicRow('a', '1'),
      dynamicRow('a', '2'),
      dynamicRow('routingStrategy', '3'),
      dynamicRow('', ''),
    ];
    const issues = localIssues(edited(base, { dynamic: rows }));
    expect(issues.map((i) => [i.property, i.message])).toEqual([
      [`dynamic:${rows[0]!.id}`, 'A dynamic property needs a name'],
      [`dynamic:${rows[2]!.id}`, "There are two dynamic properties named 'a'"],
      [
        `dynamic:${rows[3]!.id}`,
        "'routingStrategy' is a property of this processor; give the dynamic property another name",
      ],
    ]);
  });
});
