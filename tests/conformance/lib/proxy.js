// A loopback TCP relay in front of the server, so a test can lose a participant's connection the way a network does:
// the TCP connection is reset, with no HTTP/2 frame of any kind. (Cancelling a call is not the same on the wire:
// Node's HTTP/2 sends END_STREAM, then RST_STREAM CANCEL.)
import net from 'node:net';

const relays = new Set();

/** Closes every relay still open: for after(). */
export function closeAllRelays() {
  for (const relay of relays) relay.close();
}

/** A relay to `target` ("127.0.0.1:port"); resolves once it listens. */
export async function relayTo(target) {
  const [host, port] = target.split(':');
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), host);
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay = {
    address: `127.0.0.1:${server.address().port}`,
    /** Resets every connection through the relay: both ends see the connection lost. */
    cut() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    close() {
      relay.cut();
      server.close();
      relays.delete(relay);
    },
  };
  relays.add(relay);
  return relay;
}
