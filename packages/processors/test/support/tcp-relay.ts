import net from 'node:net';

/** A TCP relay in front of a real server that can stop passing bytes, as a hung server would. */
export interface TcpRelay {
  readonly port: number;
  /**
   * From now on, once `afterBytes` more bytes came from the server, the relay holds everything
   * further in both directions (connections stay open, nothing is answered).
   */
  freezeAfter(afterBytes: number): void;
  /** New connections are relayed again; a frozen one stays frozen until its client closes it. */
  thaw(): void;
  /** Connections the client side has closed since the relay started. */
  readonly closedByClient: number;
  close(): Promise<void>;
}

/** Starts a {@link TcpRelay} on 127.0.0.1 to `target` (a port on 127.0.0.1). */
export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  let budget = Number.POSITIVE_INFINITY;
  let frozen = false;
  let closedByClient = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (data) => {
      if (!frozen) upstream.write(data);
    });
    let held = false;
    upstream.on('data', (data) => {
      if (frozen || held) {
        held = true;
        upstream.pause();
        return;
      }
      if (data.length > budget) {
        frozen = true;
        held = true;
        upstream.pause();
        client.write(data.subarray(0, budget));
        return;
      }
      budget -= data.length;
      client.write(data);
    });
    client.on('close', () => {
      closedByClient++;
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freezeAfter(afterBytes) {
      budget = afterBytes;
    },
    thaw() {
      frozen = false;
      budget = Number.POSITIVE_INFINITY;
    },
    get closedByClient() {
      return closedByClient;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
