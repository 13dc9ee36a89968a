/** Header names whose values are credentials: never logged, never in an attribute. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** InvokeHTTP's own attributes and the core ones, never sent as headers (as NiFi's ignored set). */
const NOT_SENT = new Set([
  'invokehttp.status.code',
  'invokehttp.status.message',
  'invokehttp.response.body',
  'invokehttp.request.url',
  'invokehttp.request.duration',
  'invokehttp.response.url',
  'invokehttp.tx.id',
  'invokehttp.remote.dn',
  'invokehttp.java.exception.class',
  'invokehttp.java.exception.message',
  'uuid',
  'filename',
  'path',
]);

/** What the headers of one request are made of. */
export interface HeaderSources {
  /** Dynamic properties, evaluated: header name → value. They win over everything else. */
  readonly dynamic: ReadonlyMap<string, string>;
  /** The request flowfile's attributes and which of them to send (Request Header Attributes Pattern). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly attributeMatches?: (name: string) => boolean;
  /** Set only when a body is sent. */
  readonly contentType?: string;
  readonly userAgent?: string;
  readonly basicAuth?: { readonly username: string; readonly password: string };
}

/** The headers of a request, and the values among them that must never be shown. */
export interface RequestHeaders {
  readonly headers: Headers;
  readonly secrets: readonly string[];
}

/**
 * Builds a request's headers: matching attributes first, then Content-Type, User-Agent and Basic
 * credentials, then the dynamic properties, which win. Empty values are not sent. An invalid
 * name or value throws a TypeError naming the header, never quoting the value.
 */
export function requestHeaders(sources: HeaderSources): RequestHeaders {
  const headers = new Headers();
  const secrets: string[] = [];
  const set = (name: string, value: string): void => {
    if (value === '') return;
    if (SECRET_HEADERS.has(name.toLowerCase())) secrets.push(value, value.trim());
    try {
      headers.set(name, value);
    } catch {
      // fetch's message quotes the value, which may be a credential: name the header only.
      throw new TypeError(
        `Header '${name}' cannot be sent: its name or value is not valid in HTTP`,
      );
    }
  };
  const { attributes, attributeMatches } = sources;
  if (attributes && attributeMatches) {
    for (const [name, value] of Object.entries(attributes)) {
      if (!NOT_SENT.has(name) && attributeMatches(name)) set(name, value);
    }
  }
  if (sources.contentType !== undefined) set('Content-Type', sources.contentType);
  if (sources.userAgent !== undefined) set('User-Agent', sources.userAgent);
  if (sources.basicAuth) {
    const { username, password } = sources.basicAuth;
    const credentials = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    if (password !== '') secrets.push(password);
    secrets.push(credentials);
    set('Authorization', `Basic ${credentials}`);
  }
  for (const [name, value] of sources.dynamic) set(name, value);
  return { headers, secrets };
}
