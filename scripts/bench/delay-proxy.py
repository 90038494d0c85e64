#!/usr/bin/env python3
"""A TCP proxy that delays every byte by DELAY_MS in each direction (a far host on loopback), for wan.sh.

Usage: delay-proxy.py DELAY_MS PORTMAP_OUT TARGET_PORT...
Listens on 127.0.0.1 on one free port per TARGET_PORT and writes "LISTEN_PORT TARGET_PORT" lines to PORTMAP_OUT
once all listen. Data keeps its order: each chunk is written DELAY_MS after it was read. On SIGTERM it prints,
per connection as it ends and in total, how many times the talk turned around (client->server data after
server->client data): each turn-around is at most one round trip a protocol waited for.
"""
import asyncio
import os
import signal
import sys

delay = int(sys.argv[1]) / 1000.0
portmap = sys.argv[2]
targets = [int(p) for p in sys.argv[3:]]
turns = {"connections": 0, "turnarounds": 0}


async def pump(reader, writer, side, state):
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if side == "client" and state["last"] == "server":
                turns["turnarounds"] += 1
                state["turns"] += 1
            state["last"] = side
            loop.call_later(delay, writer.write, data)
    except (ConnectionError, OSError):
        pass
    await asyncio.sleep(delay)
    try:
        writer.close()
    except (ConnectionError, OSError):
        pass


async def serve(target):
    async def handle(client_reader, client_writer):
        turns["connections"] += 1
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        # the TCP handshake to a far host costs a round trip before anything else
        await asyncio.sleep(2 * delay)
        state = {"last": None, "turns": 0}
        await asyncio.gather(pump(client_reader, server_writer, "client", state),
                             pump(server_reader, client_writer, "server", state))
        print(f"connection to {target}: {state['turns']} turn-arounds", flush=True)

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def main():
    servers = [await serve(t) for t in targets]
    with open(portmap, "w") as out:
        for server, target in zip(servers, targets):
            out.write(f"{server.sockets[0].getsockname()[1]} {target}\n")
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    print(f"delay-proxy: {turns['connections']} connections, {turns['turnarounds']} turn-arounds", flush=True)
    os._exit(0)  # connections still open are simply dropped


asyncio.run(main())
