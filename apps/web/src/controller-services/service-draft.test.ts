import { describe, expect, it } from 'vitest';
import {
  committedService,
  draftFromService,
  serviceChangeOf,
  serviceDraftProblem,
  serviceIssues,
} from './service-draft.js';
import { serviceOf, sftpType } from './test-fixtures.js';

describe('service draft', () => {
  it('starts from the service as listed: plain values, and only whether a secret is set', () => {
    const draft = draftFromService(
      serviceOf('s', { name: 'Files', properties: { hostname: 'h', password: { set: true } } }),
      sftpType,
    );
    expect(draft).toEqual({
      name: 'Files',
      values: { hostname: 'h', port: '', username: '', hostKeyCheck: '' },
      secrets: { password: { mode: 'keep' } },
      secretSet: { password: true },
    });
  });

  it('sends only what changed: a new name, edited values, an emptied value as null', () => {
    const base = draftFromService(serviceOf('s', { name: 'Files' }), sftpType);
    const draft = {
      ...base,
      name: 'Inbox',
      values: { ...base.values, hostname: '', port: '2222' },
    };
    expect(serviceChangeOf(base, draft)).toEqual({
      name: 'Inbox',
      properties: { hostname: null, port: '2222' },
    });
    expect(serviceChangeOf(base, base)).toEqual({});
  });

  it('sends a typed secret once, never an untouched one, and a cleared one as null', () => {
    const base = draftFromService(
      serviceOf('s', { properties: { password: { set: true } } }),
      sftpType,
    );
    expect(serviceChangeOf(base, base).properties).toBeUndefined();
    const typed = { ...base, secrets: { password: { mode: 'set' as const, value: 'pw' } } };
    expect(serviceChangeOf(base, typed)).toEqual({ properties: { password: 'pw' } });
    const cleared = { ...base, secrets: { password: { mode: 'clear' as const } } };
    expect(serviceChangeOf(base, cleared)).toEqual({ properties: { password: null } });

    const applied = committedService(typed);
    expect(applied.secretSet.password).toBe(true);
    expect(applied.secrets.password).toEqual({ mode: 'keep' });
    expect(committedService(cleared).secretSet.password).toBe(false);
  });

  it('hides the problems of a secret being replaced, and keeps the others', () => {
    const service = serviceOf('s', {
      validationErrors: [
        { property: 'password', message: "'Password' is required" },
        { property: 'hostname', message: "'Hostname' is required" },
        { message: 'Something about the whole service' },
      ],
    });
    const base = draftFromService(service, sftpType);
    expect(serviceIssues(service, base)).toHaveLength(3);
    const typed = { ...base, secrets: { password: { mode: 'set' as const, value: 'pw' } } };
    expect(serviceIssues(service, typed).map((i) => i.message)).toEqual([
      "'Hostname' is required",
      'Something about the whole service',
    ]);
  });

  it('needs a name', () => {
    const base = draftFromService(serviceOf('s'), sftpType);
    expect(serviceDraftProblem(base)).toBeUndefined();
    expect(serviceDraftProblem({ ...base, name: '  ' })).toBe('A controller service needs a name');
  });
});
