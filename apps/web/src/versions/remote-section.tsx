import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { PullView, PushView, RemoteView } from './types.js';
import { pullVersions } from './versions-actions.js';

/** What the last remote action said: done (with what), or failed (with why). */
type Outcome = { readonly ok: boolean; readonly text: string } | null;

/** What a push did, in words. */
export function pushSummary(result: PushView): string {
  if (result.pushed === 0) return `${result.remote} already has every version`;
  const versions = result.pushed === 1 ? '1 version' : `${result.pushed} versions`;
  return `Pushed ${versions} to ${result.remote} (${result.branch})`;
}

/** What a pull did, in words. */
export function pullSummary(result: PullView): string {
  if (result.pulled === 0) return `Already up to date with ${result.remote}`;
  const versions = result.pulled === 1 ? '1 version' : `${result.pulled} versions`;
  const flows = result.flows.map((f) => `'${f.name}' ${f.change}`).join(', ');
  const warnings = result.warnings.length > 0 ? `. ${result.warnings.join('. ')}` : '';
  return `Pulled ${versions} from ${result.remote}${flows ? `: ${flows}` : ''}${warnings}`;
}

/** How far apart the histories were last seen, in words. */
function distance(remote: RemoteView): string {
  if (remote.url === null) return 'No remote: versions stay on this server';
  const parts: string[] = [];
  if (remote.ahead !== null) parts.push(`${remote.ahead} to push`);
  if (remote.behind !== null) parts.push(`${remote.behind} to pull`);
  return parts.length > 0
    ? `Branch ${remote.branch}: ${parts.join(', ')} (as of the last push or pull)`
    : `Branch ${remote.branch}`;
}

/**
 * The remote: its URL (shown without credentials; saving needs the admin role), Push and Pull
 * (fast-forward only), and what the last one did or why it failed.
 */
export function RemoteSection({ onPulled }: { onPulled(): void }) {
  const [remote, setRemote] = useState<RemoteView | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<'save' | 'push' | 'pull' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    let live = true;
    api.versions.remote
      .query()
      .then((info) => {
        if (!live) return;
        setRemote(info);
        setUrl(info.url ?? '');
      })
      .catch((e: unknown) => live && setOutcome({ ok: false, text: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, []);

  const run = async (kind: 'save' | 'push' | 'pull', action: () => Promise<string>) => {
    setBusy(kind);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await action() });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(null);
      // The counts to push and pull move with every action, failed ones included.
      api.versions.remote.query().then(setRemote, () => undefined);
    }
  };

  // The field shows the URL without credentials: saving it unchanged would store the mask.
  const unchanged = url.trim() === (remote?.url ?? '');

  return (
    <section className="versions-section" aria-labelledby="versions-remote-title">
      <h3 id="versions-remote-title">Remote</h3>
      <form
        className="versions-row"
        onSubmit={(event) => {
          event.preventDefault();
          void run('save', async () => {
            const info = await api.versions.setRemote.mutate({ url: url.trim() || null });
            setRemote(info);
            setUrl(info.url ?? '');
            return info.url ? `Remote set to ${info.url}` : 'Remote removed';
          });
        }}
      >
        <input
          className="versions-url"
          aria-label="Remote URL"
          placeholder="https://…, git@host:team/flows.git or /path/to/repo.git"
          value={url}
          spellCheck={false}
          onChange={(event) => setUrl(event.target.value)}
        />
        <button type="submit" className="btn" disabled={busy !== null || unchanged}>
          Save
        </button>
      </form>
      <div className="versions-row">
        <button
          type="button"
          className="btn"
          disabled={busy !== null || !remote?.url}
          onClick={() =>
            void run('push', async () => pushSummary(await api.versions.push.mutate()))
          }
        >
          {busy === 'push' ? 'Pushing…' : 'Push'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy !== null || !remote?.url}
          onClick={() =>
            void run('pull', async () => {
              const result = await pullVersions();
              onPulled();
              return pullSummary(result);
            })
          }
        >
          {busy === 'pull' ? 'Pulling…' : 'Pull'}
        </button>
        {remote && <span className="versions-hint">{distance(remote)}</span>}
      </div>
      {outcome &&
        (outcome.ok ? (
          <p className="versions-note" role="status" data-testid="remote-result">
            {outcome.text}
          </p>
        ) : (
          <p className="dialog-error" role="alert" data-testid="remote-error">
            {outcome.text}
          </p>
        ))}
    </section>
  );
}
