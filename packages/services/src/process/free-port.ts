import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that the OS says is free now. */
function osFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Ports from `source`, never the same one twice: the OS may hand out a port it just gave, since
 * nobody listens on it yet (a test once got one port for a broker's controller and its SASL
 * listener from two calls in a row).
 */
export function distinctPorts(source: () => Promise<number>): () => Promise<number> {
  const handedOut = new Set<number>();
  return async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await source();
      if (!handedOut.has(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new Error('Could not find a free port that was not handed out already (50 tries)');
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago and not handed out before by this process, for tests. */
export const freePort: () => Promise<number> = distinctPorts(osFreePort);

/** Whether something accepts TCP connections on `host:port` right now. */
export async function isPortOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((answer) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      answer(false);
    });
    socket.once('error', () => answer(false));
  });
}
