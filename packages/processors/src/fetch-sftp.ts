import type { Readable } from 'node:stream';
import {
  defineProcessor,
  prop,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { sftpTransitUri, type SftpEndpoint } from './services/sftp-connect.js';
import {
  SftpConnectionServiceApi,
  type SftpConnectionService,
} from './services/sftp-connection-service.js';
import {
  classifySftpFailure,
  connectionSurvives,
  SftpConnectionError,
  type SftpConnectionProblem,
} from './services/sftp-errors.js';
import type { SftpSession } from './services/sftp-session.js';
import { validateMoveDestination, type CompletionStrategy } from './support/completion-strategy.js';
import { messageOf } from './support/file-errors.js';

/** Connection problems that mean the server is not there now, rather than refusing this login. */
const SERVER_DOWN: ReadonlySet<SftpConnectionProblem> = new Set([
  'refused',
  'timeout',
  'unreachable',
  'lost',
]);

/**
 * Whether `error` says the server cannot be reached or the connection to it broke (a restart, a
 * stopped daemon), as opposed to a refused login, a wrong host key or a file's own problem.
 */
function serverUnavailable(error: unknown): boolean {
  if (error instanceof SftpConnectionError) return SERVER_DOWN.has(error.problem);
  return classifySftpFailure(error) === 'comms' && !connectionSurvives(error);
}

/** Flowfiles fetched per trigger: one commit (and one borrowed session) for several files. */
const BATCH_SIZE = 10;

/** A flowfile to fetch and the remote file its Remote File names. */
interface Fetch {
  readonly flowFile: FlowFile;
  readonly remoteFile: string;
}

/** What to do with a fetched remote file once its content is committed. */
interface Completion {
  readonly flowFile: FlowFile;
  readonly remoteFile: string;
  readonly strategy: Exclude<CompletionStrategy, 'None'>;
  /** The Move Destination Directory, evaluated against the flowfile. */
  readonly targetDirectory: string | undefined;
  readonly createDirectory: boolean;
}

const properties = {
  sftp: prop.service({
    name: 'SFTP Connection Service',
    description: 'The SFTP connection service that provides the server, login and connections',
    required: true,
    api: SftpConnectionServiceApi,
  }),
  remoteFile: prop.string({
    name: 'Remote File',
    description: 'The fully qualified filename on the remote system',
    default: '${path}/${filename}',
    el: 'flowfile',
  }),
  completionStrategy: prop.choice({
    name: 'Completion Strategy',
    description:
      'Specifies what to do with the original file on the server once it has been pulled into Sluice. It runs only after the content is committed; if it fails, a warning is logged but the data fetched is still routed to success.',
    values: [
      { value: 'None', description: 'Leave the file as-is' },
      {
        value: 'Move File',
        description:
          'Move the file to the directory specified by the <Move Destination Directory> property',
      },
      { value: 'Delete File', description: 'Deletes the original file from the remote system' },
    ],
    default: 'None',
  }),
  moveDestinationDirectory: prop.string({
    name: 'Move Destination Directory',
    description:
      'The directory on the remote server to move the original file to once it has been ingested into Sluice. This property is ignored unless the Completion Strategy is set to "Move File". The specified directory must already exist on the remote system if "Create Directory" is disabled, or the rename will fail.',
    el: 'flowfile',
  }),
  createDirectory: prop.boolean({
    name: 'Create Directory',
    description:
      'Used when Completion Strategy is "Move File". Specifies whether or not the remote directory should be created if it does not exist.',
    default: 'false',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** The file name and directory of a remote path, as NiFi's FetchFileTransfer splits it. */
function splitRemote(remoteFile: string): { path: string | undefined; filename: string } {
  const slash = remoteFile.lastIndexOf('/');
  return slash < 0
    ? { path: undefined, filename: remoteFile }
    : { path: remoteFile.slice(0, slash), filename: remoteFile.slice(slash + 1) };
}

/**
 * Fetches one file into its flowfile's content and routes it. A missing or unreadable file is
 * routed here; an error the connection may not survive is thrown, for the caller to route this
 * and the rest of the batch to comms.failure.
 */
async function fetchOne(
  ctx: Context,
  session: ProcessSession,
  sftp: SftpSession,
  endpoint: SftpEndpoint,
  { flowFile, remoteFile }: Fetch,
): Promise<Completion | undefined> {
  const uri = sftpTransitUri(endpoint, remoteFile);
  const route = (relationship: string, message: string): undefined => {
    ctx.log.error(message, flowFile);
    session.provenance.route(flowFile, relationship, message);
    session.transfer(session.penalize(flowFile), relationship);
    return undefined;
  };
  const failed = (error: unknown): undefined => {
    const failure = classifySftpFailure(error);
    switch (failure) {
      case 'not-found':
        return route(
          'not.found',
          `Failed to fetch content for ${flowFile.id} from ${uri} because the file could not be found on the remote system; routing to not.found`,
        );
      case 'permission-denied':
        return route(
          'permission.denied',
          `Failed to fetch content for ${flowFile.id} from ${uri} due to insufficient permissions; routing to permission.denied`,
        );
      case 'comms':
        if (!connectionSurvives(error) || !sftp.usable) throw error;
        ctx.log.error(
          `Failed to fetch content for ${flowFile.id} from ${uri} due to ${messageOf(error)}; routing to comms.failure`,
          flowFile,
        );
        session.transfer(session.penalize(flowFile), 'comms.failure');
        return undefined;
      default: {
        const exhaustive: never = failure;
        throw new Error(`Unknown SFTP failure ${String(exhaustive)}`);
      }
    }
  };

  let stream: Readable;
  try {
    const attributes = await sftp.stat(remoteFile);
    if (attributes.type !== 'file') {
      return route(
        'not.found',
        `Failed to fetch content for ${flowFile.id} from ${uri} because it is a ${attributes.type}, not a file; routing to not.found`,
      );
    }
    stream = await sftp.openReadStream(remoteFile);
  } catch (error) {
    return failed(error);
  }
  let fetched: FlowFile;
  try {
    // Streamed: a file of any size passes through with flat memory.
    fetched = await session.write(flowFile, stream);
  } catch (error) {
    stream.destroy();
    return failed(error);
  }
  const { path, filename } = splitRemote(remoteFile);
  fetched = session.putAllAttributes(fetched, {
    'sftp.remote.host': endpoint.host,
    'sftp.remote.port': String(endpoint.port),
    'sftp.remote.filename': remoteFile,
    filename,
    ...(path !== undefined ? { path } : {}),
  });
  session.provenance.fetch(fetched, uri, `Replaced content of FlowFile with contents of ${uri}`);
  session.transfer(fetched, 'success');

  const strategy = ctx.property('completionStrategy') ?? 'None';
  if (strategy === 'None') return undefined;
  return {
    flowFile: fetched,
    remoteFile,
    strategy,
    targetDirectory:
      strategy === 'Move File'
        ? ctx.requiredProperty('moveDestinationDirectory', fetched)
        : undefined,
    createDirectory: ctx.property('createDirectory') ?? false,
  };
}

/** Moves or deletes a fetched file (NiFi's FetchFileTransfer.performCompletionStrategy). */
async function complete(sftp: SftpSession, completion: Completion): Promise<void> {
  switch (completion.strategy) {
    case 'Delete File':
      return sftp.delete(completion.remoteFile);
    case 'Move File': {
      const directory = completion.targetDirectory!.replace(/\/+$/, '') || '/';
      if (completion.createDirectory) await sftp.makeDirectories(directory);
      const { filename } = splitRemote(completion.remoteFile);
      const target = directory.endsWith('/')
        ? `${directory}${filename}`
        : `${directory}/${filename}`;
      return sftp.rename(completion.remoteFile, target);
    }
    default: {
      const exhaustive: never = completion.strategy;
      throw new Error(`Unknown completion strategy ${String(exhaustive)}`);
    }
  }
}

/** Runs the completion strategies after the commit; a failure only warns, as in NiFi. */
async function completeAll(
  ctx: Context,
  service: SftpConnectionService,
  completions: readonly Completion[],
): Promise<void> {
  const warn = (completion: Completion, error: unknown): void => {
    ctx.log.warn(
      `Successfully fetched the content for ${completion.flowFile.id} from ${sftpTransitUri(service.endpoint, completion.remoteFile)} but failed to perform the Completion Strategy ${completion.strategy}: ${messageOf(error)}`,
      completion.flowFile,
    );
  };
  let done = 0;
  try {
    await service.withSession(async (sftp) => {
      for (const completion of completions) {
        try {
          await complete(sftp, completion);
        } catch (error) {
          if (!connectionSurvives(error) || !sftp.usable) throw error;
          warn(completion, error);
        }
        done++;
      }
    });
  } catch (error) {
    for (const completion of completions.slice(done)) warn(completion, error);
  }
}

/**
 * FetchSFTP: replaces a flowfile's content with a file from an SFTP server (usually one ListSFTP
 * listed), streaming it, then optionally moves or deletes the remote file — only after the
 * session is committed, so a crash never removes a file whose content is not yet durable. While
 * the server cannot be reached (refused, timed out, the connection lost) the session is rolled
 * back and the processor yields, so the flowfiles wait in the input queue and back-pressure
 * builds upstream (NiFi routes them to comms.failure); a refused login or host key, or another
 * server failure, still sends them, penalized, to comms.failure.
 */
export const FetchSFTP = defineProcessor({
  type: 'FetchSFTP',
  description:
    'Fetches the content of a file from a remote SFTP server and overwrites the contents of an incoming FlowFile with the content of the remote file.',
  tags: ['sftp', 'get', 'retrieve', 'files', 'fetch', 'remote', 'ingest', 'source', 'input'],
  properties,
  relationships: {
    success: 'All FlowFiles that are received are routed to success',
    'comms.failure':
      'Any FlowFile that could not be fetched from the remote server due to a communications failure will be transferred to this Relationship.',
    'not.found':
      "Any FlowFile for which we receive a 'Not Found' message from the remote server will be transferred to this Relationship.",
    'permission.denied':
      'Any FlowFile that could not be fetched from the remote server due to insufficient permissions will be transferred to this Relationship.',
  },
  validate: validateMoveDestination,
  async onTrigger(ctx, session) {
    const flowFiles = session.get(BATCH_SIZE);
    if (flowFiles.length === 0) return;
    const service = ctx.requiredProperty('sftp');
    const { endpoint } = service;
    // Evaluated first: an expression that fails is a configuration problem, not a comms failure.
    const pending: Fetch[] = flowFiles.map((flowFile) => ({
      flowFile,
      remoteFile: ctx.requiredProperty('remoteFile', flowFile),
    }));
    const completions: Completion[] = [];
    try {
      await service.withSession(async (sftp) => {
        while (pending.length > 0) {
          const completion = await fetchOne(ctx, session, sftp, endpoint, pending[0]!);
          pending.shift();
          if (completion) completions.push(completion);
        }
      });
    } catch (error) {
      if (serverUnavailable(error)) {
        // The server is down or went away: nothing about these files is wrong, so they stay in
        // the input queue (which fills until back-pressure stops the flow upstream) instead of
        // going to comms.failure, where NiFi sends them. Files fetched before the break are
        // fetched again: nothing was done to them on the server before a commit.
        session.rollback();
        ctx.yield();
        ctx.log.error(
          `Could not fetch from the SFTP server at ${endpoint.host}:${endpoint.port}: ${messageOf(error)}; the session was rolled back, so the ${flowFiles.length} flowfiles stay in the input queue, and the processor yields`,
        );
        return;
      }
      // The login or the host key is refused, or the server failed otherwise: this flowfile and
      // the rest of the batch wait in comms.failure, unchanged, for another try.
      for (const { flowFile, remoteFile } of pending) {
        ctx.log.error(
          `Failed to fetch content for ${flowFile.id} from ${sftpTransitUri(endpoint, remoteFile)} due to ${messageOf(error)}; routing to comms.failure`,
          flowFile,
        );
        session.transfer(session.penalize(flowFile), 'comms.failure');
      }
      // No server to talk to: the flowfiles queued behind these would only fail the same way.
      if (error instanceof SftpConnectionError) ctx.yield();
    }
    if (completions.length === 0) return;
    // The content must be durable before the original goes away.
    await session.commit();
    await completeAll(ctx, service, completions);
  },
});
