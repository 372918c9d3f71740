import { createServer, type Server, type Socket } from "node:net";

export interface FakeSession {
  socket: Socket;
  /** Resolves with the next line the client sent. */
  nextLine(): Promise<string>;
  /** Resolves with every byte after the last line, once the client half-closes. */
  untilEnd(): Promise<Buffer>;
}

/** A TCP server that speaks like a Receptor control service, scripted per test. */
export async function fakeControlServer(
  script: (session: FakeSession) => Promise<void>,
  greeting = "Receptor Control, node fake01\n",
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    let buffer = Buffer.alloc(0);
    let ended = false;
    let wake: (() => void) | undefined;
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      wake?.();
    });
    socket.on("end", () => {
      ended = true;
      wake?.();
    });
    const changed = () => new Promise<void>((resolve) => (wake = resolve));
    const session: FakeSession = {
      socket,
      async nextLine() {
        for (;;) {
          const newline = buffer.indexOf(10);
          if (newline >= 0) {
            const line = buffer.subarray(0, newline).toString();
            buffer = buffer.subarray(newline + 1);
            return line;
          }
          if (ended) throw new Error("client closed before a line");
          await changed();
        }
      },
      async untilEnd() {
        while (!ended) await changed();
        const rest = buffer;
        buffer = Buffer.alloc(0);
        return rest;
      },
    };
    if (greeting) socket.write(greeting);
    script(session).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
