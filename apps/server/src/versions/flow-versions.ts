import { sensitivityOf, type FlowEngine } from '@sluice/engine';
import {
  safeParseFlowDocument,
  type FlowDocument,
  type IsSensitiveProperty,
  type PropertyOwner,
} from '@sluice/flow-schema';
import { exportFlow } from '../flows/flow-export.js';
import { FlowStore } from '../flows/flow-store.js';
import { FlowWorkspace } from '../flows/flow-workspace.js';
import { diffFlows, isEmptyDiff } from './flow-diff.js';
import type { FlowDiff, PropertyInfo } from './flow-diff-types.js';
import { LOG_FORMAT, parseLog, type VersionInfo } from './git-log.js';
import { ensureRepository, hasCommits, type GitIdentity } from './git-repository.js';
import { DEFAULT_GIT_TIMEOUTS, GitRunner, type GitTimeouts } from './git-runner.js';
import { versionForEngine } from './version-apply.js';
import { VersionError } from './version-error.js';

/** How versioning is set up. */
export interface FlowVersionsOptions {
  /**
   * Who commits (default: the repository's own identity, else "Sluice <sluice@localhost>").
   * Each commit may name its author apart (the logged-in user).
   */
  readonly committer?: GitIdentity;
  readonly timeouts?: Partial<GitTimeouts>;
}

/** Where a flow stands against its last committed version. */
export interface FlowVersionStatus {
  readonly flowId: string;
  /** True once a version of the flow has been committed. */
  readonly tracked: boolean;
  /**
   * True when the flow differs from its last version (or has none): what the editor's
   * "uncommitted changes" indicator shows. Run states do not count.
   */
  readonly uncommitted: boolean;
  /** The flow's last committed version. */
  readonly head: VersionInfo | null;
}

/** One side of a diff: a committed version, or the flow as it is now. */
export type VersionSide =
  { readonly kind: 'commit'; readonly version: VersionInfo } | { readonly kind: 'working' };

/** What `diff` answers: both sides and what differs from the first to the second. */
export interface VersionDiff {
  readonly from: VersionSide;
  readonly to: VersionSide;
  readonly diff: FlowDiff;
}

/** The word that names the flow as it is now instead of a version. */
export const WORKING = 'working';

/** A commit id as git accepts it abbreviated: 4 to 64 hex digits (SHA-1 or SHA-256). */
const HASH = /^[0-9a-f]{4,64}$/i;

/**
 * Git versioning of a workspace's flows. The flows directory (`<dataDir>/flows`, where each
 * flow is its deterministic, secret-free JSON) becomes a git repository on first use; a commit
 * takes one flow's file and nothing else; a restore applies a version to the running flow as a
 * new, uncommitted change (so it can itself be committed, or undone by restoring again). Actions
 * that change the repository run one at a time; reads run beside them (git takes no optional
 * locks for them).
 */
export class FlowVersions {
  readonly git: GitRunner;
  #ready: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly workspace: FlowWorkspace,
    private readonly options: FlowVersionsOptions = {},
  ) {
    this.git = new GitRunner(workspace.store.dir, {
      ...DEFAULT_GIT_TIMEOUTS,
      ...options.timeouts,
    });
  }

  /** The repository, created and configured on first use (tried again after a failure). */
  ready(): Promise<void> {
    this.#ready ??= ensureRepository(this.git, this.options.committer).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  /** Waits for every git command under way (the server's close does, see `closeVersioning`). */
  async close(): Promise<void> {
    await this.#queue;
    await this.git.idle();
  }

  /** Runs an action that changes the repository after every earlier one has finished. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = async () => {
      await this.ready();
      return task();
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** A flow's engine, or NOT_FOUND. */
  engine(flowId: string): FlowEngine {
    const engine = this.workspace.get(flowId);
    if (!engine) throw new VersionError('NOT_FOUND', `No flow with id '${flowId}'`);
    return engine;
  }

  /** The name of a flow's file in the repository. */
  fileOf(flowId: string): string {
    if (!FlowStore.isSafeId(flowId)) {
      throw new VersionError('BAD_INPUT', `Flow id '${flowId}' cannot name a file`);
    }
    return `${flowId}.json`;
  }

  /** Whether a property holds a secret (it is then never written to a flow file). */
  get isSensitive(): IsSensitiveProperty {
    return sensitivityOf(this.workspace.registry);
  }

  /** A property's display name (from the registry) and whether it holds a secret. */
  readonly propertyInfo = (component: PropertyOwner, key: string): PropertyInfo => {
    const descriptor = this.workspace.registry.propertiesOf(component.type)?.[key];
    return { name: descriptor?.name ?? key, sensitive: this.isSensitive(component, key) };
  };

  /** The flow as it is now, as its file holds it: with run states, without secrets. */
  working(engine: FlowEngine): { readonly text: string; readonly document: FlowDocument } {
    const { json } = exportFlow(FlowWorkspace.withRunStates(engine), this.workspace.registry);
    const parsed = safeParseFlowDocument(json);
    // The serializer's output always parses; a failure here is a bug worth its message.
    if (!parsed.ok) throw new VersionError('GIT_FAILED', parsed.error.message);
    return { text: json, document: parsed.document };
  }

  /** Where a flow stands against its last version. */
  async status(flowId: string): Promise<FlowVersionStatus> {
    const engine = this.engine(flowId);
    await this.ready();
    return this.#statusOf(engine);
  }

  async #statusOf(engine: FlowEngine): Promise<FlowVersionStatus> {
    const flowId = engine.document.flow.id;
    const file = this.fileOf(flowId);
    const [head] = await this.#log(file, 1);
    if (!head) return { flowId, tracked: false, uncommitted: true, head: null };
    const committed = await this.git.run(['show', `${head.hash}:${file}`]);
    const working = this.working(engine);
    const uncommitted =
      committed !== working.text &&
      !isEmptyDiff(this.#diff(this.#parse(committed, flowId, head), working.document));
    return { flowId, tracked: true, uncommitted, head };
  }

  /** A flow's versions, newest first. */
  async log(flowId: string, limit = 100): Promise<VersionInfo[]> {
    this.engine(flowId);
    await this.ready();
    return this.#log(this.fileOf(flowId), limit);
  }

  async #log(file: string, limit: number): Promise<VersionInfo[]> {
    if (!(await hasCommits(this.git))) return [];
    return parseLog(await this.git.run(['log', `-n${limit}`, LOG_FORMAT, '--', file]));
  }

  /** A version of a flow and its document, or NOT_FOUND naming both. */
  async version(
    flowId: string,
    version: string,
  ): Promise<{ readonly info: VersionInfo; readonly document: FlowDocument }> {
    const engine = this.engine(flowId);
    await this.ready();
    const file = this.fileOf(flowId);
    const name = engine.document.flow.name;
    const missing = () =>
      new VersionError('NOT_FOUND', `Flow '${name}' has no version '${version}'`);
    if (!HASH.test(version)) {
      throw new VersionError(
        'BAD_INPUT',
        `'${version}' is not a version id (a commit hash of 4 to 64 hex digits)`,
      );
    }
    const hash = (
      await this.git.tryRun(['rev-parse', '--verify', '--quiet', `${version}^{commit}`])
    )?.trim();
    if (!hash) throw missing();
    // A version of this flow is a commit of its file: another flow's commit is not one of its.
    const [info] = parseLog(await this.git.run(['log', '-n1', LOG_FORMAT, hash, '--', file]));
    if (info?.hash !== hash) throw missing();
    const text = await this.git.tryRun(['show', `${hash}:${file}`]);
    if (text === null) throw missing();
    return { info, document: this.#parse(text, flowId, info) };
  }

  /**
   * What differs between two sides of a flow: two versions, or a version and the flow as it is
   * now ({@link WORKING}), in either order.
   */
  async diff(flowId: string, from: string, to: string): Promise<VersionDiff> {
    const engine = this.engine(flowId);
    const side = async (ref: string) => {
      if (ref === WORKING) {
        return { side: { kind: 'working' } as const, document: this.working(engine).document };
      }
      const { info, document } = await this.version(flowId, ref);
      return { side: { kind: 'commit', version: info } as const, document };
    };
    const [a, b] = await Promise.all([side(from), side(to)]);
    return { from: a.side, to: b.side, diff: this.#diff(a.document, b.document) };
  }

  /**
   * Commits one flow's file, and only it, with a message; the author defaults to the
   * committer. Refused when the flow has no change since its last version.
   */
  async commit(flowId: string, message: string, author?: GitIdentity): Promise<VersionInfo> {
    const engine = this.engine(flowId);
    const file = this.fileOf(flowId);
    const text = message.trim();
    if (text === '') throw new VersionError('BAD_INPUT', 'A commit needs a message');
    const unfit = (part: string) => part.trim() === '' || /[<>\r\n]/.test(part);
    if (author && (unfit(author.name) || unfit(author.email))) {
      throw new VersionError(
        'BAD_INPUT',
        `'${author.name} <${author.email}>' cannot be a commit's author: a name and an email without "<", ">" or line breaks are needed`,
      );
    }
    // Inside the flow's own turn: no edit is half-saved while its file is committed.
    return this.exclusive(() =>
      this.workspace.act(flowId, async () => {
        const status = await this.#statusOf(engine);
        if (!status.uncommitted) {
          throw new VersionError(
            'NOTHING_TO_COMMIT',
            `Flow '${engine.document.flow.name}' has no changes since version ${status.head?.shortHash} ('${firstLine(status.head?.message)}'); nothing to commit`,
          );
        }
        await this.git.run(['add', '--', file]);
        await this.git.run([
          'commit',
          '--quiet',
          '--no-verify',
          '--no-gpg-sign',
          '-m',
          text,
          ...(author ? [`--author=${author.name} <${author.email}>`] : []),
          '--',
          file,
        ]);
        const [head] = await this.#log(file, 1);
        if (!head) throw new VersionError('GIT_FAILED', `The commit of '${file}' left no version`);
        return head;
      }),
    );
  }

  /**
   * Puts a version back as the running flow: the version is applied to the engine (which keeps
   * run states and secrets, see `versionForEngine`) and saved, as a new uncommitted change. A
   * flow with uncommitted changes is restored only when told to discard them.
   */
  async restore(
    flowId: string,
    version: string,
    options: { readonly discardUncommitted?: boolean } = {},
  ): Promise<{ readonly restored: VersionInfo; readonly document: FlowDocument }> {
    const engine = this.engine(flowId);
    return this.exclusive(async () => {
      const { info, document } = await this.version(flowId, version);
      const name = engine.document.flow.name;
      if (!options.discardUncommitted) {
        const status = await this.#statusOf(engine);
        if (status.uncommitted) {
          throw new VersionError(
            'UNCOMMITTED_CHANGES',
            `Flow '${name}' has uncommitted changes that restoring version ${info.shortHash} would discard; commit them first, or restore anyway`,
          );
        }
      }
      const result = await this.workspace.edit(flowId, () =>
        versionForEngine(document, engine, this.isSensitive),
      );
      if (!result.ok) {
        throw new VersionError(
          'ENGINE_REFUSED',
          `Version ${info.shortHash} of flow '${name}' cannot be restored now: ${result.reasons.join('; ')}`,
        );
      }
      return { restored: info, document: result.document };
    });
  }

  #diff(before: FlowDocument, after: FlowDocument): FlowDiff {
    return diffFlows(before, after, { propertyInfo: this.propertyInfo });
  }

  #parse(text: string, flowId: string, info: VersionInfo): FlowDocument {
    const parsed = safeParseFlowDocument(text);
    if (!parsed.ok) {
      throw new VersionError(
        'GIT_FAILED',
        `Version ${info.shortHash} of flow file '${flowId}.json' cannot be read: ${parsed.error.message}`,
      );
    }
    if (parsed.document.flow.id !== flowId) {
      throw new VersionError(
        'GIT_FAILED',
        `Version ${info.shortHash} of '${flowId}.json' holds flow '${parsed.document.flow.id}', not '${flowId}'`,
      );
    }
    return parsed.document;
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n', 1)[0]!;
}
