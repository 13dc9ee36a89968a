import { SECRET_MASK } from '@sluice/engine';

/** Why a request failed, for InvokeHTTP's `invokehttp.java.exception.*` attributes. */
export interface RequestFailure {
  /** The JS error class of the root cause, with Node's error code when there is one. */
  readonly className: string;
  /** Every message of the cause chain, outermost first, with secrets masked. */
  readonly message: string;
}

/**
 * Describes a failed request. fetch wraps network errors ("fetch failed") around the real cause
 * (`connect ECONNREFUSED 127.0.0.1:8080`), so the whole chain is told. Header values can appear
 * in fetch's messages (an invalid value is quoted), so every secret is masked.
 */
export function describeFailure(error: unknown, secrets: readonly string[]): RequestFailure {
  const messages: string[] = [];
  let root: unknown = error;
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; depth++) {
    root = current;
    const message = current instanceof Error ? current.message : String(current);
    if (message && !messages.includes(message)) messages.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  const name = root instanceof Error ? root.name : typeof root;
  const code = (root as { code?: unknown } | undefined)?.code;
  return {
    className: typeof code === 'string' ? `${name} [${code}]` : name,
    message: mask(messages.join(': ') || 'unknown error', secrets),
  };
}

function mask(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== '') masked = masked.split(secret).join(SECRET_MASK);
  }
  return masked;
}
