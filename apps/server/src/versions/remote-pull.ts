import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFlowEdit } from '@sluice/engine';
import { safeParseFlowDocument, type FlowDocument } from '@sluice/flow-schema';
import { diffFlows, isEmptyDiff } from './flow-diff.js';
import type { FlowVersions } from './flow-versions.js';
import { currentBranch, hasCommits } from './git-repository.js';
import { GitCommandError } from './git-runner.js';
import { remoteFailure } from './remote-errors.js';
import { REMOTE, type RemoteSync } from './remote-sync.js';
import { redactRemoteUrl } from './remote-url.js';
import { stoppedDocument, versionForEngine } from './version-apply.js';
import { VersionError } from './version-error.js';

/** What a pull did to one flow. */
export interface PulledFlow {
  readonly flowId: string;
  readonly name: string;
  readonly change: 'added' | 'updated' | 'removed';
}

/** What a pull did. */
export interface PullResult {
  readonly remote: string;
  readonly branch: string;
  /** How many versions came in (0: already up to date). */
  readonly pulled: number;
  readonly flows: readonly PulledFlow[];
  /** What could not be applied after the pull (a flow file that does not parse...). */
  readonly warnings: readonly string[];
}

/** A flow file the pull changes, and what to do with it. */
interface Change {
  readonly status: 'A' | 'M' | 'D';
  readonly flowId: string;
  readonly file: string;
  /** The pulled document (absent for a removed flow). */
  readonly incoming?: FlowDocument;
}

/**
 * Pulls from the remote: fetch, then fast-forward only. Refused, with nothing changed, when
 * the histories diverged, when a flow the pull changes has uncommitted changes here, or when a
 * running flow could not take its pulled version (a running processor would change). After the
 * fast-forward each changed flow is applied to the workspace: updated in its engine (run states
 * and secrets kept), added stopped, or removed.
 */
export function pull(remote: RemoteSync): Promise<PullResult> {
  const versions = remote.versions;
  return versions.exclusive(async () => {
    const url = await remote.requireUrl('pull');
    const git = versions.git;
    const branch = await currentBranch(git);
    const tracking = `refs/remotes/${REMOTE}/${branch}`;
    const shown = redactRemoteUrl(url);
    try {
      await git.runNetwork(['fetch', '--quiet', REMOTE, `+refs/heads/${branch}:${tracking}`]);
    } catch (error) {
      if (error instanceof GitCommandError && /couldn't find remote ref/i.test(error.output)) {
        return { remote: shown, branch, pulled: 0, flows: [], warnings: [] };
      }
      throw remoteFailure('pull', url, error, remote.timeoutMs);
    }
    const theirs = (await git.run(['rev-parse', tracking])).trim();
    const ours = (await hasCommits(git)) ? (await git.run(['rev-parse', 'HEAD'])).trim() : null;
    const upToDate = { remote: shown, branch, pulled: 0, flows: [], warnings: [] };
    if (ours === theirs) return upToDate;
    if (ours !== null) {
      if (await isAncestor(versions, theirs, ours)) return upToDate;
      if (!(await isAncestor(versions, ours, theirs))) {
        const counts = await git.run([
          'rev-list',
          '--left-right',
          '--count',
          `${ours}...${theirs}`,
        ]);
        const [mine, others] = counts.trim().split(/\s+/);
        throw new VersionError(
          'DIVERGED',
          `Pull from remote 'origin' (${shown}) refused: the histories have diverged (${mine} version(s) here and ${others} on the remote that the other side does not have). Sluice pulls only when it can fast-forward; nothing was changed here.`,
        );
      }
    }
    const pulled = Number(
      (await git.run(['rev-list', '--count', ours ? `${ours}..${theirs}` : theirs])).trim(),
    );
    const changes = await changedFlows(versions, ours, theirs);
    await makeWay(versions, ours, changes);
    await git.run(['merge', '--ff-only', '--quiet', theirs]);
    const { flows, warnings } = await applyChanges(versions, changes);
    return { remote: shown, branch, pulled, flows, warnings };
  });
}

async function isAncestor(versions: FlowVersions, a: string, b: string): Promise<boolean> {
  return (await versions.git.tryRun(['merge-base', '--is-ancestor', a, b])) !== null;
}

/** The flow files that differ between our head (or nothing yet) and theirs, with their new documents. */
async function changedFlows(
  versions: FlowVersions,
  ours: string | null,
  theirs: string,
): Promise<Change[]> {
  const git = versions.git;
  const listing = ours
    ? await git.run(['diff', '--name-status', '--no-renames', ours, theirs])
    : (await git.run(['ls-tree', '--name-only', theirs]))
        .split('\n')
        .map((name) => `A\t${name}`)
        .join('\n');
  const changes: Change[] = [];
  for (const line of listing.split('\n')) {
    const [status, file] = line.split('\t');
    if (!file || !/^[^/]+\.json$/.test(file)) continue;
    if (status !== 'A' && status !== 'M' && status !== 'D') continue;
    const flowId = file.slice(0, -'.json'.length);
    if (status === 'D') {
      changes.push({ status, flowId, file });
      continue;
    }
    const parsed = safeParseFlowDocument(await git.run(['show', `${theirs}:${file}`]));
    if (!parsed.ok) {
      throw new VersionError(
        'BAD_INPUT',
        `Pull from remote 'origin' refused: its flow file '${file}' cannot be read (${parsed.error.message}); nothing was changed here`,
      );
    }
    changes.push({ status, flowId, file, incoming: parsed.document });
  }
  return changes;
}

/**
 * Checks that every change can land, and clears the way for git: a flow file whose only local
 * difference is run states is put back as committed (the flow is saved again after the pull).
 * Refuses, listing every reason, when a changed flow has real uncommitted changes or its engine
 * could not take the pulled version.
 */
async function makeWay(
  versions: FlowVersions,
  ours: string | null,
  changes: readonly Change[],
): Promise<void> {
  const reasons: string[] = [];
  const resets: { file: string; text: string | null }[] = [];
  for (const change of changes) {
    const engine = versions.workspace.get(change.flowId);
    if (!engine) continue;
    const name = engine.document.flow.name;
    const committedText = ours
      ? await versions.git.tryRun(['show', `${ours}:${change.file}`])
      : null;
    const base = committedText === null ? change.incoming : parse(committedText);
    const working = versions.working(engine);
    if (!base || !isEmptyDiff(diffFlows(base, working.document))) {
      reasons.push(
        `flow '${name}' has uncommitted changes here; commit them (then push from here) or restore its latest version first`,
      );
      continue;
    }
    if (change.status === 'D') {
      const running = engine.processorStatus().filter((p) => p.state === 'RUNNING');
      const queued = engine.connectionStatus().reduce((n, c) => n + c.queued.count, 0);
      if (running.length > 0 || queued > 0) {
        reasons.push(
          `flow '${name}' is removed on the remote, but it has running processors or queued flowfiles here; stop it and empty its queues first`,
        );
        continue;
      }
    } else if (change.incoming) {
      const next = versionForEngine(change.incoming, engine, versions.isSensitive);
      const refused = checkFlowEdit(engine.document, next, engine.processors, engine.connections);
      if (refused.length > 0) reasons.push(`flow '${name}': ${refused.join('; ')}`);
    }
    if (working.text !== committedText) resets.push({ file: change.file, text: committedText });
  }
  if (reasons.length > 0) {
    throw new VersionError(
      'UNCOMMITTED_CHANGES',
      `Pull refused, nothing was changed here: ${reasons.join('. ')}.`,
    );
  }
  for (const { file, text } of resets) {
    const target = path.join(versions.git.dir, file);
    if (text === null) await rm(target, { force: true });
    else await writeFile(target, text, 'utf8');
  }
}

/** Applies the pulled flows to the workspace; what cannot be applied becomes a warning. */
async function applyChanges(
  versions: FlowVersions,
  changes: readonly Change[],
): Promise<{ flows: PulledFlow[]; warnings: string[] }> {
  const workspace = versions.workspace;
  const flows: PulledFlow[] = [];
  const warnings: string[] = [];
  for (const change of changes) {
    const engine = workspace.get(change.flowId);
    if (change.status === 'D') {
      if (!engine) continue;
      const name = engine.document.flow.name;
      const result = await workspace.delete(change.flowId);
      if (result.ok) flows.push({ flowId: change.flowId, name, change: 'removed' });
      else warnings.push(`Flow '${name}' was not removed: ${result.reasons.join('; ')}`);
      continue;
    }
    const incoming = change.incoming!;
    const name = incoming.flow.name;
    if (!engine) {
      try {
        await workspace.add(stoppedDocument(incoming));
        flows.push({ flowId: change.flowId, name, change: 'added' });
      } catch (error) {
        warnings.push(`Flow '${name}' was not opened: ${(error as Error).message}`);
      }
      continue;
    }
    const result = await workspace.edit(change.flowId, () =>
      versionForEngine(incoming, engine, versions.isSensitive),
    );
    if (result.ok) flows.push({ flowId: change.flowId, name, change: 'updated' });
    else warnings.push(`Flow '${name}' was not updated: ${result.reasons.join('; ')}`);
  }
  return { flows, warnings };
}

function parse(text: string): FlowDocument | undefined {
  const parsed = safeParseFlowDocument(text);
  return parsed.ok ? parsed.document : undefined;
}
