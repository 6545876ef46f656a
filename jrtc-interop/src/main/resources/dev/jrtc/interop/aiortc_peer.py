"""An aiortc peer driven by jrtc's interop tests over stdin/stdout, one JSON object per line.

Commands (stdin): {"cmd": "offer", "channels": [{"label": ..., "negotiated": bool, "id": n}]},
{"cmd": "answer", "sdp": ...}, {"cmd": "remote_answer", "sdp": ...}, {"cmd": "channel", "label": ...},
{"cmd": "send", "label": ..., "text": ...}, {"cmd": "send_bulk", "label": ..., "total": n, "chunk": n},
{"cmd": "close_channel", "label": ...}, {"cmd": "close"}, {"cmd": "stats"}, {"cmd": "selfcheck"}.
{"cmd": "add_candidate", "candidate": ..., "sdpMid": ...} ("" ends the candidates),
{"cmd": "restart_ice"}, {"cmd": "send_numbered", "label": ..., "start": i, "end": j, "size": n},
{"cmd": "numbered_digest", "label": ...}, {"cmd": "selected_pair"}.
"offer" and "answer" take "trickle": true (the description goes out without its candidates, which
follow as {"event": "candidate"} lines, then one with "candidate": "" for the end) and "audio":
true (offer only: a recvonly audio transceiver, so that getStats() has a transport entry).
Replies and events (stdout): {"event": ..., ...}. Every channel echoes each message back unchanged
unless its label starts with "sink" or "numbered"; sink channels report the SHA-256 of what they
received when asked; numbered channels check that message i carries i in its first 4 bytes, in
order, and hash them. iceServers is always [] (aiortc would add a public STUN server otherwise).
"""
import asyncio
import hashlib
import json
import os
import random
import struct
import sys

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.sdp import candidate_from_sdp

CONFIG = RTCConfiguration(iceServers=[])


def out(**event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Peer:
    def __init__(self):
        self.pc = RTCPeerConnection(CONFIG)
        self.channels = {}
        self.sinks = {}
        self.numbered_in = {}
        self.numbered_out = {}
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
            if ch.label.startswith("numbered"):
                n = self.numbered_in.setdefault(ch.label, {"next": 0, "error": None, "sha": hashlib.sha256()})
                seq = struct.unpack(">I", m[:4])[0] if isinstance(m, bytes) and len(m) >= 4 else -1
                if seq != n["next"] and n["error"] is None:
                    n["error"] = "message %d arrived when %d was expected" % (seq, n["next"])
                n["next"] = seq + 1
                n["sha"].update(m if isinstance(m, bytes) else m.encode())
                return
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

    async def describe(self, trickle=False):
        sdp = self.pc.localDescription.sdp
        if not trickle:
            out(event="description", type=self.pc.localDescription.type, sdp=sdp)
            return
        # aiortc gathers before its description is ready (setLocalDescription waits for it), so a
        # trickling peer is modelled by taking the candidates out and sending them one by one.
        lines, candidates, mid = [], [], None
        for line in sdp.split("\r\n"):
            if line.startswith("a=mid:") and mid is None:
                mid = line[len("a=mid:"):]
            if line.startswith("a=candidate:"):
                candidates.append(line[2:])
            elif line != "a=end-of-candidates":
                lines.append(line)
        out(event="description", type=self.pc.localDescription.type, sdp="\r\n".join(lines))
        for c in candidates:
            out(event="candidate", candidate=c, sdpMid=mid)
        out(event="candidate", candidate="", sdpMid=mid)

    def pair(self):
        """The nominated pair of aioice (aiortc 1.4's getStats() has no candidate-pair entries)."""
        connection = self.pc.sctp.transport.transport._connection
        p = connection._nominated.get(1)
        if p is None:
            return None
        return {"local": "%s:%d" % (p.local_candidate.host, p.local_candidate.port),
                "remote": "%s:%d" % (p.remote_candidate.host, p.remote_candidate.port),
                "localUfrag": connection.local_username, "remoteUfrag": connection.remote_username}

    async def handle(self, c):
        cmd = c["cmd"]
        if cmd == "offer":
            for spec in c.get("channels", []):
                ch = self.pc.createDataChannel(spec["label"], negotiated=spec.get("negotiated", False),
                                               id=spec.get("id"))
                self.watch(ch)
            if c.get("audio"):
                self.pc.addTransceiver("audio", direction="recvonly")
            await self.pc.setLocalDescription(await self.pc.createOffer())
            await self.describe(c.get("trickle", False))
        elif cmd == "answer":
            for spec in c.get("channels", []):
                self.watch(self.pc.createDataChannel(spec["label"], negotiated=True, id=spec["id"]))
            await self.pc.setRemoteDescription(RTCSessionDescription(c["sdp"], "offer"))
            await self.pc.setLocalDescription(await self.pc.createAnswer())
            await self.describe(c.get("trickle", False))
        elif cmd == "add_candidate":
            if c["candidate"] == "":
                # aiortc 1.4's addIceCandidate has no end-of-candidates form; its ICE transport does
                # (what aiortc itself calls for a=end-of-candidates).
                await self.pc.sctp.transport.transport.addRemoteCandidate(None)
            else:
                text = c["candidate"][len("candidate:"):] if c["candidate"].startswith("candidate:") else c["candidate"]
                candidate = candidate_from_sdp(text)
                candidate.sdpMid = c["sdpMid"]
                await self.pc.addIceCandidate(candidate)
            out(event="ok", cmd=cmd)
        elif cmd == "restart_ice":
            self.pc.restartIce()  # webrtc-pc; aiortc 1.4 has no such method (AttributeError)
            out(event="ok", cmd=cmd)
        elif cmd == "send_numbered":
            ch = self.channels[c["label"]]
            n = self.numbered_out.setdefault(c["label"], hashlib.sha256())
            rng = random.Random(c["label"])
            for i in range(c["start"], c["end"]):
                while ch.bufferedAmount > 1024 * 1024:
                    await asyncio.sleep(0.005)  # aiortc has no awaitable bufferedamountlow
                m = struct.pack(">I", i) + rng.randbytes(c["size"] - 4)
                n.update(m)
                ch.send(m)
            out(event="numbered_sent", label=c["label"], end=c["end"], sha256=n.copy().hexdigest())
        elif cmd == "numbered_digest":
            n = self.numbered_in.get(c["label"], {"next": 0, "error": None, "sha": hashlib.sha256()})
            out(event="numbered_digest", label=c["label"], next=n["next"], error=n["error"], sha256=n["sha"].hexdigest())
        elif cmd == "selected_pair":
            out(event="selected_pair", pair=self.pair(), role=self.pc.sctp.transport.transport.role)
        elif cmd == "stats":
            report = await self.pc.getStats()
            entries = []
            for s in report.values():
                e = {k: v for k, v in vars(s).items() if k != "timestamp"}
                entries.append(e)
            out(event="stats", entries=entries, pair=self.pair())
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


async def reported(coroutine):
    try:
        await coroutine
    except Exception as e:  # reported to the test, which fails with it
        out(event="error", message=repr(e))


async def main():
    peer = Peer()
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        command = json.loads(line)
        if command.get("cmd") == "send_numbered":
            # runs beside the next commands (an ICE restart comes in the middle of it)
            asyncio.ensure_future(reported(peer.handle(command)))
        else:
            await reported(peer.handle(command))
    await peer.pc.close()


asyncio.run(main())
