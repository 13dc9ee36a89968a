import { randomUUID } from 'node:crypto';
import {
  defineProcessor,
  prop,
  type FlowFile,
  type ProcessContext,
  type ProcessSession,
} from '@sluice/engine';
import { javaFullMatcher } from '@sluice/expression-language';
import { httpUrlProblem, parseHttpUrl } from './http/http-url.js';
import { describeFailure } from './http/request-failure.js';
import { requestHeaders } from './http/request-headers.js';
import { BodyPrefix, responseHeaderAttributes } from './http/response-body.js';
import { timedFetch, type RequestTimeouts, type TimedResponse } from './http/timed-fetch.js';
import { validJavaRegex } from './support/regex-validation.js';

/** Request bodies up to this size are sent from one buffer (with Content-Length); larger ones stream. */
const INLINE_BODY_LIMIT = 1024 * 1024;
/** Methods that carry the flowfile content as body, as NiFi's. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** An HTTP method token (RFC 9110): NiFi takes arbitrary methods too. */
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Attribute names, exactly NiFi's. */
const STATUS_CODE = 'invokehttp.status.code';
const STATUS_MESSAGE = 'invokehttp.status.message';
const RESPONSE_BODY = 'invokehttp.response.body';
const REQUEST_URL = 'invokehttp.request.url';
const REQUEST_DURATION = 'invokehttp.request.duration';
const RESPONSE_URL = 'invokehttp.response.url';
const TRANSACTION_ID = 'invokehttp.tx.id';
const EXCEPTION_CLASS = 'invokehttp.java.exception.class';
const EXCEPTION_MESSAGE = 'invokehttp.java.exception.message';

const properties = {
  httpMethod: prop.string({
    name: 'HTTP Method',
    description:
      'HTTP request method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS). Arbitrary methods are also supported. Methods other than POST, PUT and PATCH will be sent without a message body.',
    default: 'GET',
    el: 'flowfile',
    validate: (value) =>
      METHOD_TOKEN.test(value.trim()) ? undefined : 'is not an HTTP method name',
  }),
  httpUrl: prop.string({
    name: 'HTTP URL',
    description:
      'HTTP remote URL including a scheme of http or https, as well as a hostname or IP address with optional port and path elements. Any encoding of the URL must be done by the user. Credentials in the URL are refused: use Request Username and Request Password.',
    required: true,
    el: 'flowfile',
    validate: httpUrlProblem,
  }),
  connectionTimeout: prop.duration({
    name: 'Connection Timeout',
    description:
      'Maximum time to wait for initial socket connection to the HTTP URL. Node fetch cannot time the connection alone: the response headers must arrive within Connection Timeout + Socket Read Timeout.',
    default: '5 secs',
  }),
  socketReadTimeout: prop.duration({
    name: 'Socket Read Timeout',
    description:
      'Maximum time to wait for receiving responses from a socket connection to the HTTP URL: the longest pause allowed while reading the response body.',
    default: '15 secs',
  }),
  requestUsername: prop.string({
    name: 'Request Username',
    description:
      'The username provided for authentication of HTTP requests (Basic authentication).',
  }),
  requestPassword: prop.string({
    name: 'Request Password',
    description: 'The password provided for authentication of HTTP requests.',
    sensitive: true,
  }),
  requestBodyEnabled: prop.boolean({
    name: 'Request Body Enabled',
    description: 'Enable sending HTTP request body for PATCH, POST, or PUT methods.',
    default: 'true',
  }),
  requestContentType: prop.string({
    name: 'Request Content-Type',
    description:
      'HTTP Content-Type Header applied to when sending an HTTP request body for PATCH, POST, or PUT methods. The Content-Type defaults to application/octet-stream when not configured.',
    default: '${mime.type}',
    el: 'flowfile',
  }),
  requestUserAgent: prop.string({
    name: 'Request User-Agent',
    description: 'HTTP User-Agent Header applied to requests.',
    el: 'flowfile',
  }),
  requestHeaderAttributesPattern: prop.string({
    name: 'Request Header Attributes Pattern',
    description:
      'Regular expression that defines which FlowFile attributes to send as HTTP headers in the request. If not defined, no attributes are sent as headers. Dynamic properties will always be sent as headers.',
    validate: validJavaRegex,
  }),
  responseBodyAttributeName: prop.string({
    name: 'Response Body Attribute Name',
    description:
      'FlowFile attribute name used to write an HTTP response body for FlowFiles transferred to the Original relationship (instead of a Response FlowFile).',
    el: 'flowfile',
  }),
  responseBodyAttributeSize: prop.integer({
    name: 'Response Body Attribute Size',
    description:
      'Maximum number of characters kept when the response body is written to an attribute.',
    default: '256',
    min: 1,
  }),
  responseGenerationRequired: prop.boolean({
    name: 'Response Generation Required',
    description:
      'Enable generation and transfer of a FlowFile to the Response relationship regardless of HTTP response received.',
    default: 'false',
  }),
  responseRedirectsEnabled: prop.boolean({
    name: 'Response Redirects Enabled',
    description: 'Enable following HTTP redirects sent with HTTP 300 series responses.',
    default: 'true',
  }),
  requestFailurePenalizationEnabled: prop.boolean({
    name: 'Request Failure Penalization Enabled',
    description:
      'Enable penalization of request FlowFiles when receiving HTTP response with a status code between 400 and 499.',
    default: 'false',
  }),
} as const;

type Context = ProcessContext<typeof properties>;

/** What one start prepares. */
interface Prepared {
  readonly timeouts: RequestTimeouts;
  readonly attributeMatches: ((name: string) => boolean) | undefined;
  readonly basicAuth: { readonly username: string; readonly password: string } | undefined;
}

/** The Response flowfile once made, so a failure while storing its body can remove it. */
interface Created {
  response?: FlowFile;
}

/** One request, ready to send. */
interface Call {
  readonly method: string;
  readonly url: string;
  readonly init: RequestInit;
  readonly secrets: readonly string[];
}

/**
 * InvokeHTTP: sends an HTTP request per flowfile (or, with no incoming connection, on its run
 * schedule) and routes by the answer as NiFi does: 2xx to Original and Response, 5xx to Retry
 * (penalized), other codes to No Retry, no answer at all to Failure with the reason.
 */
export const InvokeHTTP = defineProcessor({
  type: 'InvokeHTTP',
  description:
    'An HTTP client processor which can interact with a configurable HTTP Endpoint. The destination URL and HTTP Method are configurable. When the HTTP Method is PUT, POST or PATCH, the FlowFile contents are included as the body of the request and FlowFile attributes are converted to HTTP headers, optionally, based on configuration properties. Without an incoming connection it runs on its schedule as a source (polling an API). Response bodies are streamed into the content repository. Header names of the response become attributes in lower case (fetch normalizes them). Not supported: SSL Context Service, proxies, OAuth2, digest authentication, HTTP/2 settings, caching, cookies, multipart form data, content encoding.',
  tags: ['http', 'https', 'rest', 'client'],
  inputRequirement: 'allowed',
  properties,
  relationships: {
    Original:
      'The original FlowFile will be routed upon success (2xx status codes). It will have new attributes detailing the success of the request.',
    Response:
      'A Response FlowFile will be routed upon success (2xx status codes). If the Response Generation Required property is true, a Response FlowFile will be routed for any response.',
    Retry:
      'The original FlowFile will be routed on any status code that can be retried (5xx status codes). It will have new attributes detailing the request.',
    'No Retry':
      'The original FlowFile will be routed on any status code that should NOT be retried (1xx, 3xx, 4xx status codes). It will have new attributes detailing the request.',
    Failure:
      'The original FlowFile will be routed on any type of connection failure, timeout or general exception. It will have new attributes detailing the request.',
  },
  dynamicProperties: {
    description:
      'Send request header with a key matching the Dynamic Property Key and a value created by evaluating the Attribute Expression Language set in the value of the Dynamic Property. The value of an Authorization header is never written to an attribute, a log or provenance. A header holding a secret (Authorization, X-Api-Key) can be marked Sensitive when it is added: its value is then kept encrypted beside the flow, never in the flow file, an export, git or the browser, and masked in bulletins; a sensitive parameter (#{token}) works too.',
    expressionScope: 'flowfile',
    // NiFi's InvokeHTTP is @SupportsSensitiveDynamicProperties: headers often carry credentials.
    supportsSensitive: true,
  },
  onScheduled(ctx): Prepared {
    const pattern = ctx.property('requestHeaderAttributesPattern');
    const username = ctx.property('requestUsername');
    return {
      timeouts: {
        connectMs: ctx.property('connectionTimeout') ?? 5_000,
        readMs: ctx.property('socketReadTimeout') ?? 15_000,
      },
      attributeMatches: pattern ? javaFullMatcher(pattern) : undefined,
      basicAuth: username
        ? { username, password: ctx.property('requestPassword') ?? '' }
        : undefined,
    };
  },
  async onTrigger(ctx, session, prepared) {
    let request: FlowFile | undefined;
    if (ctx.hasIncomingConnection()) {
      request = session.get();
      if (!request) return;
    }
    let call: Call | undefined;
    let exchange: TimedResponse | undefined;
    const created: Created = {};
    try {
      call = await prepareCall(ctx, session, prepared, request);
      exchange = await timedFetch(call.url, call.init, prepared.timeouts, ctx.signal);
      await handleResponse(ctx, session, { call, exchange, original: request, created });
    } catch (error) {
      // Stopping is not the remote's fault: the session rolls back and the flowfile waits.
      if (ctx.signal.aborted) throw error;
      if (created.response) session.remove(created.response);
      const failure = describeFailure(error, call?.secrets ?? []);
      const what = call ? `${call.method} ${call.url}` : 'The request could not be made';
      if (request) {
        ctx.log.error(`Routing to Failure: ${what}: ${failure.message}`, request);
        request = session.penalize(request);
        request = session.putAllAttributes(request, {
          ...(call ? { [REQUEST_URL]: call.url } : {}),
          [EXCEPTION_CLASS]: failure.className,
          [EXCEPTION_MESSAGE]: failure.message,
        });
        session.transfer(request, 'Failure');
      } else {
        ctx.log.error(`${what}: ${failure.message}; yielding`);
        ctx.yield();
      }
    } finally {
      await exchange?.dispose();
    }
  },
});

/** Evaluates method, URL, headers and body for one request. */
async function prepareCall(
  ctx: Context,
  session: ProcessSession,
  prepared: Prepared,
  request: FlowFile | undefined,
): Promise<Call> {
  const method = (ctx.property('httpMethod', request) ?? 'GET').trim().toUpperCase();
  if (!METHOD_TOKEN.test(method)) {
    throw new Error(`'HTTP Method' evaluated to '${method}', which is not an HTTP method name`);
  }
  const url = parseHttpUrl(ctx.requiredProperty('httpUrl', request)).href;
  const sendsBody = BODY_METHODS.has(method) && (ctx.property('requestBodyEnabled') ?? true);
  let body: RequestInit['body'];
  let streamedLength: number | undefined;
  if (sendsBody) {
    if (!request || request.size <= INLINE_BODY_LIMIT) {
      const bytes = request ? await session.readBuffer(request) : Buffer.alloc(0);
      // A view of the same bytes, typed as fetch's DOM typings want (no SharedArrayBuffer).
      body = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
    } else {
      // fetch streams an async iterable; Content-Length keeps it from being sent chunked.
      body = session.read(request) as unknown as RequestInit['body'];
      streamedLength = request.size;
    }
  }
  const contentType = sendsBody
    ? (ctx.property('requestContentType', request) ?? '').trim() || 'application/octet-stream'
    : undefined;
  const userAgent = ctx.property('requestUserAgent', request);
  const { headers, secrets } = requestHeaders({
    dynamic: ctx.dynamicProperties(request),
    ...(request ? { attributes: request.attributes } : {}),
    ...(prepared.attributeMatches ? { attributeMatches: prepared.attributeMatches } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(prepared.basicAuth ? { basicAuth: prepared.basicAuth } : {}),
  });
  if (streamedLength !== undefined) headers.set('Content-Length', String(streamedLength));
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    redirect: (ctx.property('responseRedirectsEnabled') ?? true) ? 'follow' : 'manual',
    ...(body !== undefined ? { body } : {}),
    ...(streamedLength !== undefined ? { duplex: 'half' } : {}),
  };
  return { method, url, init, secrets };
}

/** Puts the answer on the flowfiles and routes them, as NiFi's InvokeHTTP. */
async function handleResponse(
  ctx: Context,
  session: ProcessSession,
  exchanged: {
    readonly call: Call;
    readonly exchange: TimedResponse;
    readonly original: FlowFile | undefined;
    readonly created: Created;
  },
): Promise<void> {
  const { call, exchange, original, created } = exchanged;
  const { response, durationMs } = exchange;
  const status = response.status;
  const success = status >= 200 && status < 300;
  const statusAttributes = {
    [STATUS_CODE]: String(status),
    [STATUS_MESSAGE]: response.statusText,
    [REQUEST_URL]: call.url,
    [REQUEST_DURATION]: String(durationMs),
    [RESPONSE_URL]: response.url || call.url,
    [TRANSACTION_ID]: randomUUID(),
  };
  let request = original ? session.putAllAttributes(original, statusAttributes) : undefined;
  const attributeName = (ctx.property('responseBodyAttributeName', request) ?? '').trim();
  const bodyToAttribute = request !== undefined && (!success || attributeName !== '');
  const bodyToResponse =
    (success && attributeName === '') || (ctx.property('responseGenerationRequired') ?? false);
  const hasBody = call.method !== 'HEAD' && response.body !== null;
  const prefix = bodyToAttribute
    ? new BodyPrefix(ctx.property('responseBodyAttributeSize') ?? 256)
    : undefined;

  let result: FlowFile | undefined;
  if (bodyToResponse) {
    result = request ? session.create(request) : session.create();
    created.response = result;
    result = session.putAllAttributes(result, {
      ...statusAttributes,
      ...responseHeaderAttributes(response.headers),
    });
    if (hasBody) {
      result = await session.write(result, prefix ? prefix.tee(exchange.body) : exchange.body);
    }
    const details = `${status} ${response.statusText} in ${durationMs} ms`;
    if (request) session.provenance.fetch(result, call.url, details);
    else session.provenance.receive(result, call.url, details);
  }
  if (request && prefix) {
    if (!bodyToResponse && hasBody) await prefix.readFrom(exchange.body);
    request = session.putAttribute(request, attributeName || RESPONSE_BODY, prefix.text());
  }

  if (success) {
    if (request) session.transfer(request, 'Original');
  } else {
    if (!request) {
      // A source has nothing to route a failed poll to: it says so and waits before polling again.
      ctx.log.warn(
        `${call.method} ${call.url} answered ${status} ${response.statusText}; yielding`,
      );
      ctx.yield();
    }
    if (request && status >= 500 && status < 600) {
      session.transfer(session.penalize(request), 'Retry');
    } else if (request) {
      const penalize = ctx.property('requestFailurePenalizationEnabled') ?? false;
      session.transfer(penalize ? session.penalize(request) : request, 'No Retry');
    }
  }
  if (result) session.transfer(result, 'Response');
}
