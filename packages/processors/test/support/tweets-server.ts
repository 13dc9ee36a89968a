import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the tweets server answered. */
export interface TweetsRequest {
  readonly path: string;
  readonly authorized: boolean;
  /** Index of the page served, or undefined for an empty page or a refusal. */
  readonly page: number | undefined;
}

/** A running tweets server. */
export interface TweetsServer {
  /** The search URL to poll, like Twitter API v2's recent search. */
  readonly url: string;
  /** Every request so far, in order. */
  readonly requests: readonly TweetsRequest[];
  close(): Promise<void>;
}

/** The answer Twitter API v2 gives when there is nothing new: no `data` at all. */
export const EMPTY_PAGE = '{"meta":{"result_count":0}}';

/** The path the server answers on (any other path is a 404, as an unknown API route). */
const SEARCH_PATH = '/2/tweets/search/recent';

/**
 * A stand-in for the Twitter API (which tests cannot reach): a node:http server on 127.0.0.1 that
 * answers each authorized GET with the next of `pages` (raw text, so a test can serve malformed
 * JSON), once each, like a per-client cursor, and then with {@link EMPTY_PAGE}. A request without
 * `Authorization: Bearer <token>` gets Twitter's 401 and does not advance the cursor.
 */
export async function startTweetsServer(
  pages: readonly string[],
  token: string,
): Promise<TweetsServer> {
  const requests: TweetsRequest[] = [];
  let next = 0;
  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    const path = request.url ?? '';
    const authorized = request.headers.authorization === `Bearer ${token}`;
    const send = (status: number, body: string, page?: number): void => {
      requests.push({ path, authorized, page });
      response.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    };
    if (request.method !== 'GET' || !path.startsWith(SEARCH_PATH)) {
      send(404, '{"errors":[{"message":"Sorry, that page does not exist","code":34}]}');
    } else if (!authorized) {
      send(
        401,
        '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}',
      );
    } else if (next < pages.length) {
      const page = next++;
      send(200, pages[page]!, page);
    } else {
      send(200, EMPTY_PAGE);
    }
  };
  const server = createServer(answer);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${SEARCH_PATH}?query=bts&max_results=100`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
