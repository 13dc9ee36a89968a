/** A usable WebHDFS URL, or what is wrong with it (to follow the property's name). */
export type WebHdfsUrlCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: string };

const EXAMPLE = 'e.g. http://namenode:9870';

/**
 * Reads the WebHDFS URL property: the NameNode's HTTP(S) address, e.g. `http://namenode:9870`.
 * Hadoop's own `webhdfs://` and `swebhdfs://` spellings are read as `http://` and `https://`. The
 * URL comes back without a trailing slash.
 */
export function checkWebHdfsUrl(value: string): WebHdfsUrlCheck {
  const text = value.trim();
  const url = URL.parse(text);
  if (!url)
    return { ok: false, problem: `is not a URL; expected the NameNode's HTTP address, ${EXAMPLE}` };
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      break;
    case 'webhdfs:':
    case 'swebhdfs:':
      return checkWebHdfsUrl(
        `${url.protocol === 'webhdfs:' ? 'http' : 'https'}${text.slice(url.protocol.length - 1)}`,
      );
    case 'hdfs:':
      return {
        ok: false,
        problem: `is the NameNode's RPC address (${text}); WebHDFS is served on its HTTP address, ${EXAMPLE}`,
      };
    default:
      return { ok: false, problem: `is not an http(s) URL of a NameNode (${text}), ${EXAMPLE}` };
  }
  if (url.username || url.password) {
    // It would end up in attributes and provenance; simple authentication takes the User property.
    return { ok: false, problem: 'must not hold a user or password; set the User property' };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: `must not have a query or fragment (${text})` };
  }
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

/**
 * Hadoop's URL of an HDFS path on the cluster at `webHdfsUrl`: `webhdfs://host:port/path`
 * (`swebhdfs://` over HTTPS), which Hadoop clients open as they are (`hdfs dfs -cat …`). The
 * path stays as it is, unencoded, as Hadoop's `Path.toString()` writes it.
 */
export function hadoopFileUrl(webHdfsUrl: string, path: string): string {
  const url = new URL(webHdfsUrl);
  const scheme = url.protocol === 'https:' ? 'swebhdfs' : 'webhdfs';
  return `${scheme}://${url.host}${path}`;
}
