import { connect, type Socket } from "node:net";
import { ControlError, ControlTimeoutError } from "./control-errors.js";

export interface ControlAddress {
  host: string;
  port: number;
}

const greetingPattern = /^Receptor Control, node (.+)$/;

/**
 * One session with a node's control service over TCP. Every read is bounded by the deadline
 * fixed when the call began, so no call can hang on a paused node.
 */
export class ControlConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** The node id the greeting announced. */
  greetedAs = "";

  private constructor(
    private readonly socket: Socket,
    private readonly node: string,
    private readonly command: string,
    private readonly deadline: number,
    private readonly timeoutMs: number,
  ) {
    socket.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.notify();
    });
    socket.on("end", () => {
      this.ended = true;
      this.notify();
    });
    socket.on("close", () => {
      this.ended = true;
      this.notify();
    });
    socket.on("error", (error) => {
      this.failure = error;
      this.notify();
    });
  }

  /** Connects and reads the greeting. `node` and `command` only label errors. */
  static async open(address: ControlAddress, node: string, command: string, timeoutMs: number): Promise<ControlConnection> {
    const socket = connect({ host: address.host, port: address.port });
    socket.setNoDelay(true);
    const connection = new ControlConnection(socket, node, command, Date.now() + timeoutMs, timeoutMs);
    try {
      const greeting = await connection.readLine();
      const match = greetingPattern.exec(greeting);
      if (!match) throw new ControlError(node, command, `got an unexpected greeting: ${JSON.stringify(greeting)}`);
      connection.greetedAs = match[1]!;
      return connection;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  send(line: string): void {
    this.socket.write(`${line}\n`);
  }

  write(bytes: Uint8Array | string): void {
    this.socket.write(bytes);
  }

  /** Half-closes our side: Receptor reads a submit's payload until EOF. */
  endInput(): void {
    this.socket.end();
  }

  async readLine(): Promise<string> {
    for (;;) {
      const newline = this.buffer.indexOf(10);
      if (newline >= 0) {
        const line = this.buffer.subarray(0, newline).toString("utf8").replace(/\r$/, "");
        this.buffer = this.buffer.subarray(newline + 1);
        return line;
      }
      this.throwIfDone("before a full reply line arrived");
      await this.changed();
    }
  }

  /** Reads raw bytes until the server closes, handing each chunk to `onData` as it arrives. */
  async readToEnd(onData?: (chunk: Buffer) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for (;;) {
      if (this.buffer.length > 0) {
        chunks.push(this.buffer);
        onData?.(this.buffer);
        this.buffer = Buffer.alloc(0);
      }
      if (this.failure) throw this.wrap(this.failure);
      if (this.ended) return Buffer.concat(chunks);
      await this.changed();
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private throwIfDone(what: string): void {
    if (this.failure) throw this.wrap(this.failure);
    if (this.ended) throw new ControlError(this.node, this.command, `failed: the connection closed ${what}`);
  }

  private wrap(error: Error): ControlError {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === "ECONNREFUSED"
        ? "Nothing listens on the node's control port: is the lab up ('receptor-lab status')?"
        : undefined;
    return new ControlError(this.node, this.command, `failed: ${error.message}`, { cause: error, hint });
  }

  private changed(): Promise<void> {
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new ControlTimeoutError(this.node, this.command, this.timeoutMs));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new ControlTimeoutError(this.node, this.command, this.timeoutMs));
      }, remaining);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private notify(): void {
    this.wake?.();
  }
}
