import { afterEach, describe, expect, it, vi } from 'vitest';
import { RepositoryAlerts } from './repository-alerts.js';

afterEach(() => {
  vi.useRealTimers();
});

function noSpace(): Error {
  const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
  error.code = 'ENOSPC';
  return error;
}

describe('RepositoryAlerts', () => {
  it('posts a repository failure once a minute, naming a full disk and where it is', () => {
    // given alerts attached to a board
    vi.useFakeTimers();
    const posted: string[] = [];
    const alerts = new RepositoryAlerts();
    alerts.attach((message) => posted.push(message));
    const provenance = alerts.reporter('provenance repository', '/data/provenance');

    // when a provenance write fails every second for a minute and a half
    for (let second = 0; second < 90; second++) {
      provenance(noSpace());
      vi.advanceTimersByTime(1000);
    }
    alerts.reporter(
      'content repository',
      '/data/content',
    )(new Error('claim file 7 released twice'));

    // then
    expect(posted).toEqual([
      'No space left on device while writing the provenance repository at /data/provenance: ENOSPC: no space left on device, write',
      'No space left on device while writing the provenance repository at /data/provenance: ENOSPC: no space left on device, write',
      'The content repository at /data/content: claim file 7 released twice',
    ]);
  });

  it('posts what was reported before it was attached', () => {
    // given a failure while the repositories open, before the engine (and its board) exists
    const alerts = new RepositoryAlerts();
    alerts.reporter('provenance repository', '/data/provenance')(noSpace());
    const posted: string[] = [];

    // when
    alerts.attach((message) => posted.push(message));

    // then
    expect(posted).toEqual([
      'No space left on device while writing the provenance repository at /data/provenance: ENOSPC: no space left on device, write',
    ]);
  });
});
