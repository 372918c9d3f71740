#!/usr/bin/env python3
"""Adds latency to TCP connections redirected to it (iptables REDIRECT) in a receptor-lab node.

Used where the kernel has no netem qdisc. It finds each connection's original destination
(SO_ORIGINAL_DST), connects there with a firewall mark the redirect rule skips, and forwards
both directions, holding every chunk for the configured delay while keeping its order.
"""
import argparse
import asyncio
import socket
import struct
import sys

SO_ORIGINAL_DST = 80


def log(message):
    print(message, flush=True)


async def forward(reader, writer, delay):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def take():
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                return

    async def give():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()

    await asyncio.gather(take(), give())


async def handle(client_reader, client_writer, delay, mark):
    client = client_writer.get_extra_info("socket")
    raw = client.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    port, address = struct.unpack("!2xH4s8x", raw)
    host = socket.inet_ntoa(address)
    upstream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    upstream.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, mark)
    upstream.setblocking(False)
    try:
        await asyncio.get_running_loop().sock_connect(upstream, (host, port))
    except OSError as error:
        log(f"failed {host}:{port}: {error}")
        client_writer.close()
        upstream.close()
        return
    upstream_reader, upstream_writer = await asyncio.open_connection(sock=upstream)
    log(f"open {client_writer.get_extra_info('peername')[0]} -> {host}:{port} delay {int(delay * 1000)} ms")
    try:
        await asyncio.gather(forward(client_reader, upstream_writer, delay), forward(upstream_reader, client_writer, delay))
    except (ConnectionError, OSError):
        pass
    finally:
        for writer in (client_writer, upstream_writer):
            writer.close()
        log(f"closed -> {host}:{port}")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay-ms", type=int, required=True)
    parser.add_argument("--mark", type=lambda text: int(text, 0), required=True)
    options = parser.parse_args()
    delay = options.delay_ms / 1000
    server = await asyncio.start_server(
        lambda reader, writer: handle(reader, writer, delay, options.mark), host="127.0.0.1", port=options.port
    )
    log(f"listening on 127.0.0.1:{options.port}, delay {options.delay_ms} ms")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
