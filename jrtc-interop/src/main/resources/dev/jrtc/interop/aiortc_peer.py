"""An aiortc peer driven by jrtc's interop tests over stdin/stdout, one JSON object per line.

Commands (stdin): {"cmd": "offer", "channels": [{"label": ..., "negotiated": bool, "id": n}]},
{"cmd": "answer", "sdp": ...}, {"cmd": "remote_answer", "sdp": ...}, {"cmd": "channel", "label": ...},
{"cmd": "send", "label": ..., "text": ...}, {"cmd": "send_bulk", "label": ..., "total": n, "chunk": n},
{"cmd": "close_channel", "label": ...}, {"cmd": "close"}, {"cmd": "stats"}, {"cmd": "selfcheck"}.
Replies and events (stdout): {"event": ..., ...}. Every channel echoes each message back unchanged
unless its label starts with "sink"; sink channels report the SHA-256 of what they received once
"expect" bytes arrived. iceServers is always [] (aiortc would add a public STUN server otherwise).
"""
import asyncio
import hashlib
import json
import os
import sys

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

CONFIG = RTCConfiguration(iceServers=[])


def out(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Peer:
    def __init__(self):
        self.pc = RTCPeerConnection(CONFIG)
        self.channels = {}
        self.sinks = {}
        self.pc.on("datachannel", lambda ch: (out(event="datachannel", label=ch.label, id=ch.id,
                                                  ordered=ch.ordered, maxRetransmits=ch.maxRetransmits),
                                              self.watch(ch)))
        self.pc.on("connectionstatechange", lambda: out(event="connectionstate", state=self.pc.connectionState))

    def watch(self, ch):
        self.channels[ch.label] = ch
        if ch.readyState == "open":
            out(event="open", label=ch.label)
        ch.on("open", lambda: out(event="open", label=ch.label))
        ch.on("close", lambda: out(event="close", label=ch.label))

        def message(m):
            if ch.label.startswith("sink"):
                s = self.sinks.setdefault(ch.label, [hashlib.sha256(), 0])
                s[0].update(m if isinstance(m, bytes) else m.encode())
                s[1] += len(m)
                return
            if isinstance(m, str):
                out(event="message", label=ch.label, text=m)
            else:
                out(event="message", label=ch.label, binary=len(m))
            ch.send(m)
        ch.on("message", message)

    async def describe(self):
        out(event="description", type=self.pc.localDescription.type, sdp=self.pc.localDescription.sdp)

    async def handle(self, c):
        cmd = c["cmd"]
        if cmd == "offer":
            for spec in c.get("channels", []):
                ch = self.pc.createDataChannel(spec["label"], negotiated=spec.get("negotiated", False),
                                               id=spec.get("id"))
                self.watch(ch)
            await self.pc.setLocalDescription(await self.pc.createOffer())
            await self.describe()
        elif cmd == "answer":
            for spec in c.get("channels", []):
                self.watch(self.pc.createDataChannel(spec["label"], negotiated=True, id=spec["id"]))
            await self.pc.setRemoteDescription(RTCSessionDescription(c["sdp"], "offer"))
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            await self.describe()
        elif cmd == "remote_answer":
            await self.pc.setRemoteDescription(RTCSessionDescription(c["sdp"], "answer"))
            out(event="ok", cmd=cmd)
        elif cmd == "channel":
            self.watch(self.pc.createDataChannel(c["label"]))
            out(event="ok", cmd=cmd)
        elif cmd == "sink_digest":
            s = self.sinks.get(c["label"], [hashlib.sha256(), 0])
            out(event="sink_digest", label=c["label"], bytes=s[1], sha256=s[0].hexdigest())
        elif cmd == "send_bulk":
            ch = self.channels[c["label"]]
            digest = hashlib.sha256()
            sent = 0
            ch.bufferedAmountLowThreshold = 256 * 1024
            while sent < c["total"]:
                while ch.bufferedAmount > 1024 * 1024:
                    await asyncio.sleep(0.005)  # aiortc has no awaitable bufferedamountlow
                chunk = os.urandom(min(c["chunk"], c["total"] - sent))
                digest.update(chunk)
                ch.send(chunk)
                sent += len(chunk)
            out(event="bulk_sent", label=ch.label, bytes=sent, sha256=digest.hexdigest())
        elif cmd == "close_channel":
            self.channels[c["label"]].close()
            out(event="ok", cmd=cmd)
        elif cmd == "close":
            await self.pc.close()
            out(event="ok", cmd=cmd)
        elif cmd == "selfcheck":
            await selfcheck()
        else:
            out(event="error", message="unknown command " + cmd)


async def selfcheck():
    """Two aiortc peers in this process connect a data channel and echo one message."""
    a, b = RTCPeerConnection(CONFIG), RTCPeerConnection(CONFIG)
    got = asyncio.get_running_loop().create_future()
    ch = a.createDataChannel("self-check")
    ch.on("open", lambda: ch.send("ping"))
    ch.on("message", lambda m: got.done() or got.set_result(m))
    b.on("datachannel", lambda c: c.on("message", lambda m: c.send("echo:" + m)))
    await a.setLocalDescription(await a.createOffer())
    await b.setRemoteDescription(a.localDescription)
    await b.setLocalDescription(await b.createAnswer())
    await a.setRemoteDescription(b.localDescription)
    message = await asyncio.wait_for(got, 10)
    pair = a.sctp.transport.transport._connection._nominated.get(1)
    out(event="selfcheck", message=message, state=a.connectionState,
        candidates=[l for l in a.localDescription.sdp.splitlines() + b.localDescription.sdp.splitlines()
                    if l.startswith("a=candidate:")],
        local=pair.local_candidate.host if pair else None, remote=pair.remote_candidate.host if pair else None)
    await a.close()
    await b.close()


async def main():
    peer = Peer()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        try:
            await peer.handle(json.loads(line))
        except Exception as e:  # reported to the test, which fails with it
            out(event="error", message=repr(e))
    await peer.pc.close()


asyncio.run(main())
