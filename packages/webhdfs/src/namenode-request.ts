import type { z } from 'zod';
import { encodeHdfsPath } from './hdfs-path.js';
import { errorOfNetworkFailure } from './network-error.js';
import { RequestSignal } from './request-signal.js';
import { errorOfResponse, WebHdfsError, type WebHdfsTarget } from './webhdfs-error.js';

/** What every request of one client shares. */
export interface ClientContext {
  /** The NameNode's HTTP origin (and any proxy prefix), without `/webhdfs/v1`. */
  baseUrl: string;
  /** Sent as `user.name` (simple authentication); none: the NameNode's static user. */
  user?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** One WebHDFS operation on the NameNode. */
export interface NameNodeCall {
  operation: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  params?: Readonly<Record<string, string | number | boolean | undefined>>;
  signal?: AbortSignal;
}

/** The request's URL: `<base>/webhdfs/v1<encoded path>?op=…&user.name=…&<params>`. */
export function nameNodeUrl(context: ClientContext, call: NameNodeCall): string {
  const query = [`op=${call.operation}`];
  if (context.user !== undefined) query.push(`user.name=${encodeURIComponent(context.user)}`);
  for (const [key, value] of Object.entries(call.params ?? {})) {
    // encodeURIComponent, not URLSearchParams: the latter writes a space as `+`, which not
    // every WebHDFS server reads back as a space.
    if (value !== undefined) query.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  const path = encodeHdfsPath(call.path, call.operation, context.baseUrl);
  return `${context.baseUrl}/webhdfs/v1${path}?${query.join('&')}`;
}

/** A successful answer whose body is still to be read, and the signal that governs reading it. */
export interface NameNodeAnswer {
  response: Response;
  signal: RequestSignal;
}

/**
 * Sends `call` and returns the answer once its headers are in, or throws a {@link WebHdfsError}
 * for a network failure or an error status (with the RemoteException's name and message). With
 * `redirect: 'follow'` the answer may come from a DataNode; errors then name the DataNode.
 */
export async function sendToNameNode(
  context: ClientContext,
  call: NameNodeCall,
  redirect: 'follow' | 'manual',
): Promise<NameNodeAnswer> {
  const url = nameNodeUrl(context, call);
  const target: WebHdfsTarget = {
    operation: call.operation,
    path: call.path,
    host: context.baseUrl,
  };
  const signal = new RequestSignal(context.timeoutMs, [context.signal, call.signal]);
  let response: Response;
  try {
    response = await fetch(url, { method: call.method, redirect, signal: signal.signal });
  } catch (error) {
    signal.dispose();
    throw errorOfNetworkFailure(target, error, signal, context.timeoutMs);
  }
  if (response.status >= 400) {
    const answeredBy = { ...target, host: new URL(response.url || url).origin };
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      throw errorOfNetworkFailure(answeredBy, error, signal, context.timeoutMs);
    } finally {
      signal.dispose();
    }
    throw errorOfResponse(answeredBy, response.status, body);
  }
  return { response, signal };
}

/** Sends `call` and parses its JSON answer with `schema` (a `protocol` error if it does not fit). */
export async function callNameNode<T>(
  context: ClientContext,
  call: NameNodeCall,
  schema: z.ZodType<T>,
): Promise<T> {
  const { response, signal } = await sendToNameNode(context, call, 'manual');
  const target = { operation: call.operation, path: call.path, host: context.baseUrl };
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw errorOfNetworkFailure(target, error, signal, context.timeoutMs);
  } finally {
    signal.dispose();
  }
  return parseAnswer(target, response.status, text, schema);
}

/** Parses a JSON answer, or throws a `protocol` error quoting the start of what came instead. */
export function parseAnswer<T>(
  target: WebHdfsTarget,
  status: number,
  text: string,
  schema: z.ZodType<T>,
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new WebHdfsError(
    'protocol',
    target,
    `WebHDFS ${target.operation} ${target.path} at ${target.host} answered HTTP ${status} with ` +
      `something else than expected: ${JSON.stringify(text.slice(0, 200))}`,
    { status },
  );
}
