/**
 * Parses InvokeHTTP's evaluated HTTP URL: an absolute http or https URL without credentials
 * (fetch refuses those, and they would show in the `invokehttp.request.url` attribute).
 */
export function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch (error) {
    throw new Error(`'HTTP URL' evaluated to '${text}', which is not an absolute URL`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`'HTTP URL' must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(
      "'HTTP URL' must not contain credentials; use Request Username and Request Password",
    );
  }
  return url;
}

/** Property check of a literal HTTP URL (one with an expression is checked once evaluated). */
export function httpUrlProblem(value: string): string | undefined {
  try {
    parseHttpUrl(value);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    return message.includes('which is not an absolute URL')
      ? 'is not an absolute http or https URL'
      : message.replace(/^'HTTP URL' /, '');
  }
}
