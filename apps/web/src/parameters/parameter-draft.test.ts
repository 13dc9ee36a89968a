import { describe, expect, it } from 'vitest';
import {
  draftOf,
  draftProblems,
  emptyRow,
  saveInput,
  type ParametersView,
} from './parameter-draft.js';

const view: ParametersView = {
  boundContextId: 'c',
  contexts: [
    {
      id: 'c',
      name: 'Logins',
      parameters: [
        { name: 'db.password', sensitive: true, value: { set: true } },
        { name: 'db.user', sensitive: false, value: 'ops', description: 'who' },
      ],
    },
  ],
};

describe('parameter drafts', () => {
  it('show plain values and only whether a secret is set', () => {
    const rows = draftOf(view).contexts[0]!.rows;
    expect(rows.map((r) => [r.name, r.value, r.secretSet])).toEqual([
      ['db.password', '', true],
      ['db.user', 'ops', false],
    ]);
  });

  it('send a secret only when one was typed, and plain values always', () => {
    const draft = draftOf(view);
    expect(saveInput('f', draft).contexts[0]!.parameters).toEqual([
      { name: 'db.password', sensitive: true },
      { name: 'db.user', sensitive: false, value: 'ops', description: 'who' },
    ]);
    const typed = {
      ...draft,
      contexts: [
        {
          ...draft.contexts[0]!,
          rows: draft.contexts[0]!.rows.map((r) =>
            r.sensitive ? { ...r, value: 'n3w' } : { ...r, sensitive: true },
          ),
        },
      ],
    };
    expect(saveInput('f', typed).contexts[0]!.parameters).toEqual([
      { name: 'db.password', sensitive: true, value: 'n3w' },
      { name: 'db.user', sensitive: true, value: 'ops', description: 'who' },
    ]);
  });

  it('find empty, malformed and repeated names before the server does', () => {
    const draft = draftOf(view);
    const rows = [
      ...draft.contexts[0]!.rows,
      { ...emptyRow(), name: 'db.user' },
      { ...emptyRow(), name: 'a{b}' },
      emptyRow(),
    ];
    const problems = draftProblems({ ...draft, contexts: [{ ...draft.contexts[0]!, rows }] });
    expect([...problems.values()]).toEqual([
      "'db.user' appears twice",
      "Names may hold letters, digits, spaces, '.', '-' and '_'",
      'A parameter needs a name',
    ]);
  });
});
