import { CoreAttribute } from '@sluice/engine';

/** Extra response headers, by name. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/**
 * An HTTP request ListenHTTP has read whole and not answered yet: it waits for a trigger to put
 * it in a session, and its client waits for the answer until that session committed.
 */
export interface ReceivedRequest {
  readonly method: string;
  /** The request path, without the query (as NiFi's `restlistener.request.uri`). */
  readonly uri: string;
  /** The full URL the client asked for (from its Host header), as provenance's transit URI. */
  readonly url: string;
  readonly remoteHost: string;
  /** Header names as the client sent them, each with its values joined by `, `. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
  /** When the body was read whole (epoch ms). */
  readonly receivedAt: number;
  /** Answers the client once; later calls do nothing. */
  respond(status: number, message?: string, headers?: ResponseHeaders): void;
}

/** Request headers never copied to attributes, whatever the pattern: they carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * The attributes of the flowfile made from a request, with NiFi's ListenHTTP names plus
 * HandleHttpRequest's `http.remote.host` and `http.method` (ListenHTTP also takes PUT here).
 */
export function requestAttributes(
  request: ReceivedRequest,
  headerMatches: ((name: string) => boolean) | undefined,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (headerMatches) {
    for (const [name, value] of request.headers) {
      if (!SECRET_HEADERS.has(name.toLowerCase()) && headerMatches(name)) attributes[name] = value;
    }
  }
  const contentType = headerValue(request.headers, 'content-type');
  if (contentType) attributes[CoreAttribute.mimeType] = contentType;
  // NiFi takes the sender's `filename` header; only its last segment, so no path can be smuggled in.
  const filename = headerValue(request.headers, 'filename')?.split(/[\\/]/).pop();
  if (filename && filename !== '.' && filename !== '..')
    attributes[CoreAttribute.filename] = filename;
  attributes['restlistener.remote.source.host'] = request.remoteHost;
  attributes['restlistener.request.uri'] = request.uri;
  attributes['http.remote.host'] = request.remoteHost;
  attributes['http.method'] = request.method;
  return attributes;
}

/** A header's value whatever the case of its name. */
export function headerValue(
  headers: ReadonlyMap<string, string>,
  lowerCaseName: string,
): string | undefined {
  for (const [name, value] of headers) if (name.toLowerCase() === lowerCaseName) return value;
  return undefined;
}
