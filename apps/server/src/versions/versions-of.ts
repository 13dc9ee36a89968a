import type { FlowWorkspace } from '../flows/flow-workspace.js';
import { FlowVersions, type FlowVersionsOptions } from './flow-versions.js';
import { DEFAULT_GIT_TIMEOUTS } from './git-runner.js';
import { RemoteSync } from './remote-sync.js';

/** A workspace's versioning: local history and the remote. */
export interface Versioning {
  readonly versions: FlowVersions;
  readonly remote: RemoteSync;
}

const byWorkspace = new WeakMap<FlowWorkspace, Versioning>();

/**
 * Sets how a workspace is versioned (a committer, shorter timeouts in tests). Without it the
 * first use sets it up from the environment: `SLUICE_GIT_NAME` and `SLUICE_GIT_EMAIL` name the
 * committer, `SLUICE_GIT_TIMEOUT_MS` bounds a push or pull.
 */
export function configureVersioning(
  workspace: FlowWorkspace,
  options: FlowVersionsOptions,
): Versioning {
  const versions = new FlowVersions(workspace, options);
  const versioning = {
    versions,
    remote: new RemoteSync(versions, options.timeouts?.networkMs ?? DEFAULT_GIT_TIMEOUTS.networkMs),
  };
  byWorkspace.set(workspace, versioning);
  return versioning;
}

/** The versioning of a workspace, set up on first use (nothing touches git until a call does). */
export function versioningOf(workspace: FlowWorkspace): Versioning {
  return byWorkspace.get(workspace) ?? configureVersioning(workspace, optionsFromEnvironment());
}

function optionsFromEnvironment(): FlowVersionsOptions {
  const name = process.env.SLUICE_GIT_NAME?.trim();
  const email = process.env.SLUICE_GIT_EMAIL?.trim();
  const timeout = Number(process.env.SLUICE_GIT_TIMEOUT_MS);
  return {
    ...(name || email
      ? { committer: { name: name || 'Sluice', email: email || 'sluice@localhost' } }
      : {}),
    ...(Number.isFinite(timeout) && timeout > 0 ? { timeouts: { networkMs: timeout } } : {}),
  };
}

/** Waits for the git commands of a workspace's versioning, if it was ever used. */
export async function closeVersioning(workspace: FlowWorkspace): Promise<void> {
  await byWorkspace.get(workspace)?.versions.close();
}
