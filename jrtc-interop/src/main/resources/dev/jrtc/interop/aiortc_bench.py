"""The aiortc side of jrtc's PeersBench (./jrtc bench peers), one JSON object per line.

At start: {"event": "hello", "aiortc": version}. Commands (stdin):
  {"cmd": "local", "setupRuns": n, "bulkRuns": n, "bulkBytes": n, "warmBytes": n, "warm": n,
   "roundTrips": n}
      two aiortc peers in this process; replies {"event": "local", "setupMs": [...], "mbps": [...],
      "rttUs": [...], "path": "..."}
  {"cmd": "answer", "sdp": offer}   a new answering peer; replies {"event": "answer", "sdp", "ms"}
                                    (ms: the time the answer took here, so jrtc can take the
                                    pipe's transit out of its setup figure)
  {"cmd": "arm_bulk", "bulkBytes": n}  replies {"event": "armed"}, then {"event": "bulk", "bytes", "ms"}
  {"cmd": "echo"}                   the answering peer's channel echoes; replies {"event": "echo", "path"}
  {"cmd": "close_remote"}           closes the answering peer; replies {"event": "closed"}
Errors: {"event": "error", "message": ...}. Every figure is timed here with time.perf_counter_ns(),
so the pipe that starts a step is never inside a figure. The method is the one of the page and of
jrtc: setup from createOffer to the offerer's channel open event (aiortc gathers inside
setLocalDescription and does not trickle); 64 KiB binary messages on one reliable ordered channel
refilled on bufferedamountlow (1 MiB high, 512 KiB low), MB/s timed at the receiver from the first
message to the last; one 100-byte message at a time, echoed, the next sent from the message handler.
iceServers is always [] (aiortc would add a public STUN server otherwise).
"""
import asyncio
import json
import sys
import time

import aiortc
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

CONFIG = RTCConfiguration(iceServers=[])
CHUNK = 64 * 1024
HIGH = 1024 * 1024
LOW = 512 * 1024
TIMEOUT = 60


def out(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def now_ns():
    return time.perf_counter_ns()


def selected_path(pc):
    try:
        pair = pc.sctp.transport.transport._connection._nominated.get(1)
        if pair is None:
            return None
        return "%s:%d -> %s:%d" % (pair.local_candidate.host, pair.local_candidate.port,
                                   pair.remote_candidate.host, pair.remote_candidate.port)
    except AttributeError:
        return None


async def connect_local():
    loop = asyncio.get_running_loop()
    a, b = RTCPeerConnection(CONFIG), RTCPeerConnection(CONFIG)
    tx = a.createDataChannel("bench")
    opened = loop.create_future()
    tx.on("open", lambda: opened.done() or opened.set_result(now_ns()))
    announced = loop.create_future()
    b.on("datachannel", lambda ch: announced.done() or announced.set_result(ch))
    t0 = now_ns()
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription)
    t1 = await asyncio.wait_for(opened, TIMEOUT)
    rx = await asyncio.wait_for(announced, TIMEOUT)
    if rx.readyState != "open":
        ready = loop.create_future()
        rx.on("open", lambda: ready.done() or ready.set_result(None))
        await asyncio.wait_for(ready, TIMEOUT)
    return a, b, tx, rx, (t1 - t0) / 1e6


def pump(tx, total):
    chunk = bytes((i * 31 + 7) & 0xFF for i in range(CHUNK))
    sent = [0]
    tx.bufferedAmountLowThreshold = LOW

    def fill():
        while sent[0] < total and tx.bufferedAmount < HIGH:
            n = min(CHUNK, total - sent[0])
            tx.send(chunk if n == CHUNK else chunk[:n])
            sent[0] += n
    tx.remove_all_listeners("bufferedamountlow")
    tx.on("bufferedamountlow", fill)
    fill()


def receive(rx, total):
    """A future of (bytes, ns from the first message to the last) once total bytes arrived."""
    done = asyncio.get_running_loop().create_future()
    state = [0, None]

    def message(m):
        t = now_ns()
        if state[1] is None:
            state[1] = t
        state[0] += len(m)
        if state[0] >= total and not done.done():
            done.set_result((state[0], t - state[1]))
    rx.remove_all_listeners("message")
    rx.on("message", message)
    return done


def echo(rx):
    rx.remove_all_listeners("message")
    rx.on("message", lambda m: rx.send(m))


async def ping_pong(tx, warm, n):
    done = asyncio.get_running_loop().create_future()
    msg = bytes(100)
    samples = []
    sent_at = [0]

    def message(m):
        samples.append((now_ns() - sent_at[0]) / 1e3)
        if len(samples) == warm + n:
            if not done.done():
                done.set_result(None)
            return
        sent_at[0] = now_ns()
        tx.send(msg)
    tx.remove_all_listeners("message")
    tx.on("message", message)
    sent_at[0] = now_ns()
    tx.send(msg)
    await asyncio.wait_for(done, TIMEOUT)
    return samples[warm:]


async def local(c):
    setup = []
    for _ in range(c["setupRuns"]):
        a, b, _tx, _rx, ms = await connect_local()
        setup.append(ms)
        await a.close()
        await b.close()
    a, b, tx, rx, _ = await connect_local()
    try:
        mbps = []
        for i in range(-1, c["bulkRuns"]):
            size = c["warmBytes"] if i < 0 else c["bulkBytes"]  # run -1: the uncounted warm-up
            done = receive(rx, size)
            pump(tx, size)
            nbytes, ns = await asyncio.wait_for(done, TIMEOUT)
            if i >= 0:
                mbps.append(nbytes / 1e6 / (max(ns, 1) / 1e9))
        echo(rx)
        rtt = await ping_pong(tx, c["warm"], c["roundTrips"])
        out(event="local", setupMs=setup, mbps=mbps, rttUs=rtt, path=selected_path(a))
    finally:
        await a.close()
        await b.close()


class Remote:
    """The answering side of a cross pair (jrtc offers)."""

    def __init__(self):
        loop = asyncio.get_running_loop()
        self.pc = RTCPeerConnection(CONFIG)
        self.channel = loop.create_future()
        self.pc.on("datachannel", lambda ch: self.channel.done() or self.channel.set_result(ch))


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    out(event="hello", aiortc=getattr(aiortc, "__version__", "unknown"))
    remote = None
    while True:
        line = await reader.readline()
        if not line:
            break
        try:
            c = json.loads(line)
            cmd = c["cmd"]
            if cmd == "local":
                await local(c)
            elif cmd == "answer":
                t0 = now_ns()
                remote = Remote()
                await remote.pc.setRemoteDescription(RTCSessionDescription(c["sdp"], "offer"))
                await remote.pc.setLocalDescription(await remote.pc.createAnswer())
                out(event="answer", sdp=remote.pc.localDescription.sdp, ms=(now_ns() - t0) / 1e6)
            elif cmd == "arm_bulk":
                ch = await asyncio.wait_for(remote.channel, TIMEOUT)
                done = receive(ch, c["bulkBytes"])
                out(event="armed")

                def report(f):
                    if f.exception() is None:
                        nbytes, ns = f.result()
                        out(event="bulk", bytes=nbytes, ms=ns / 1e6)
                done.add_done_callback(report)
            elif cmd == "echo":
                echo(await asyncio.wait_for(remote.channel, TIMEOUT))
                out(event="echo", path=selected_path(remote.pc))
            elif cmd == "close_remote":
                if remote is not None:
                    await remote.pc.close()
                    remote = None
                out(event="closed")
            else:
                out(event="error", message="unknown command " + cmd)
        except Exception as e:  # reported to the bench, which prints it as the pair's error
            out(event="error", message=repr(e))
    if remote is not None:
        await remote.pc.close()


asyncio.run(main())
