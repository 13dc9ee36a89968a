import { defineProcessor, prop } from '@sluice/engine';
import { javaFullMatcher } from '@sluice/expression-language';
import { bearerTokenCheck } from './http/bearer-token.js';
import { ListenServer, RETRY_AFTER_SECONDS } from './http/listen-server.js';
import { requestAttributes } from './http/received-request.js';
import { RequestInbox } from './http/request-inbox.js';
import { validJavaRegex } from './support/regex-validation.js';

/** Most requests one trigger puts in its session. */
const MAX_BATCH_REQUESTS = 1000;
/** Most body bytes one trigger puts in its session (a single larger request still goes alone). */
const MAX_BATCH_BYTES = 64 * 1024 * 1024;
/** Most requests held in memory (read or being read) before new ones get 503. */
const MAX_HELD_REQUESTS = 1000;
/** Most body bytes held in memory before new requests get 503 (at least one Max Request Size). */
const MAX_HELD_BYTES = 64 * 1024 * 1024;
/** How long a trigger waits for a first request: requests are taken as they arrive, not polled. */
const WAIT_FOR_REQUESTS_MS = 500;

const properties = {
  basePath: prop.string({
    name: 'Base Path',
    description:
      'Base path for incoming connections. Requests to this path (or below it) are received; GET <Base Path>/healthcheck answers "OK".',
    default: 'contentListener',
    el: 'environment',
  }),
  port: prop.integer({
    name: 'Listening Port',
    description: 'The Port to listen on for incoming connections',
    required: true,
    min: 1,
    max: 65535,
    el: 'environment',
  }),
  address: prop.string({
    name: 'Listening Address',
    description:
      'Sluice addition: the network address to bind. NiFi binds every interface; Sluice binds only the loopback address unless told otherwise (0.0.0.0 for every IPv4 interface).',
    default: '127.0.0.1',
    el: 'environment',
  }),
  bearerToken: prop.string({
    name: 'Authorization Bearer Token',
    description:
      'Sluice addition: when set, every request must carry the header "Authorization: Bearer <token>" with this token, else it is answered 401 Unauthorized. The Authorization header is never written to an attribute.',
    sensitive: true,
  }),
  headersAsAttributesRegex: prop.string({
    name: 'HTTP Headers to receive as Attributes (Regex)',
    description:
      'Specifies the Regular Expression that determines the names of HTTP Headers that should be passed along as FlowFile attributes. Authorization, Proxy-Authorization and Cookie headers never are.',
    validate: validJavaRegex,
  }),
  returnCode: prop.integer({
    name: 'Return Code',
    description:
      'The HTTP return code returned after every HTTP call, once the FlowFile made from it is committed',
    default: '200',
    min: 100,
    max: 599,
  }),
  maxRequestSize: prop.dataSize({
    name: 'Max Request Size',
    description:
      'Sluice addition: the largest request body accepted; a larger one is answered 413 Content Too Large. Bodies are held in memory until committed, so this also bounds memory use.',
    default: '10 MB',
  }),
} as const;

/** What one start prepares: the running server and where its requests wait. */
interface Listening {
  readonly server: ListenServer;
  readonly inbox: RequestInbox;
  readonly returnCode: number;
  readonly headerMatches: ((name: string) => boolean) | undefined;
}

/**
 * ListenHTTP: an HTTP server, running while the processor runs, that turns each POST or PUT to
 * its base path into a flowfile. A client is answered only after the session holding its
 * flowfile committed, so an acknowledged request is never lost; while the outgoing connection is
 * full, or the processor stops, clients get 503 with Retry-After and send again later.
 */
export const ListenHTTP = defineProcessor({
  type: 'ListenHTTP',
  description: `Starts an HTTP Server and listens on a given base path to transform incoming requests into FlowFiles. The default URI of the Service will be http://127.0.0.1:{port}/contentListener. POST and PUT requests are received (NiFi takes only POST); HEAD answers 200, other methods 405, GET <Base Path>/healthcheck answers "OK". The client is answered with the Return Code only after the FlowFile is committed, and with 500/503 if it could not be; while the success connection is full (back-pressure) or the processor is stopping, requests get 503 with Retry-After: ${RETRY_AFTER_SECONDS}. Not supported: TLS (SSL Context Service, Authorized DN Pattern), Max Data to Receive per Second, multipart and FlowFile-v3 unpacking, record readers/writers; Max Unconfirmed Flowfile Time does not apply (there are no holds).`,
  tags: ['ingest', 'http', 'https', 'rest', 'listen'],
  inputRequirement: 'forbidden',
  properties,
  relationships: { success: 'Relationship for successfully received FlowFiles' },
  async onScheduled(ctx): Promise<Listening> {
    const inbox = new RequestInbox();
    const token = ctx.property('bearerToken');
    const pattern = ctx.property('headersAsAttributesRegex');
    const maxRequestSize = Math.floor(ctx.property('maxRequestSize') ?? 10 * 1024 * 1024);
    const server = await ListenServer.start({
      host: ctx.property('address')?.trim() || '127.0.0.1',
      port: ctx.requiredProperty('port'),
      basePath: (ctx.property('basePath') ?? '').trim().replace(/^\/+|\/+$/g, ''),
      maxRequestSize,
      maxHeldRequests: MAX_HELD_REQUESTS,
      maxHeldBytes: Math.max(MAX_HELD_BYTES, maxRequestSize),
      authorized: token ? bearerTokenCheck(token) : undefined,
      accepting: () => !ctx.signal.aborted && ctx.availableRelationships().has('success'),
      inbox,
      log: ctx.log,
    });
    return {
      server,
      inbox,
      returnCode: ctx.property('returnCode') ?? 200,
      headerMatches: pattern ? javaFullMatcher(pattern) : undefined,
    };
  },
  async onTrigger(ctx, session, listening) {
    const { inbox } = listening;
    await inbox.waitForRequests(Date.now() + WAIT_FOR_REQUESTS_MS, ctx.signal);
    const requests = inbox.take(MAX_BATCH_REQUESTS, MAX_BATCH_BYTES);
    if (requests.length === 0) return;
    let committed = false;
    try {
      for (const request of requests) {
        let flowFile = session.create();
        flowFile = session.putAllAttributes(
          flowFile,
          requestAttributes(request, listening.headerMatches),
        );
        if (request.body.length > 0) flowFile = await session.write(flowFile, request.body);
        session.provenance.receive(flowFile, request.url, `Remote Host=${request.remoteHost}`);
        session.transfer(flowFile, 'success');
      }
      await session.commit();
      committed = true;
    } finally {
      // The answer waits for the commit: a client told 200 can count on its data being kept.
      for (const request of requests) {
        if (committed) request.respond(listening.returnCode);
        else
          request.respond(503, 'The data could not be stored; retry later', {
            'Retry-After': String(RETRY_AFTER_SECONDS),
          });
      }
    }
  },
  async onStopped(_ctx, listening) {
    await listening?.server.close();
  },
});
