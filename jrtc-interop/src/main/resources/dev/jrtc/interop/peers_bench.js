// The browser side of PeersBench (./jrtc bench peers), run in page.html through BrowserPage.eval:
// this text is the body of one async function that installs window.peersBench. Every figure is
// timed here with performance.now() (5 us resolution: the bench page is cross-origin isolated),
// so the page RPC that starts a step and carries its result back is never inside a figure.
// Each pair in the same way as the other peers: setup from createOffer to the offerer's channel
// open event; bulk: 64 KiB binary messages on one reliable ordered channel, the sender refilled
// on bufferedamountlow (high mark 1 MiB, low mark 512 KiB), MB/s timed at the receiver from the
// first message to the last; round trip: one 100-byte binary message at a time, echoed.
const CHUNK = 64 * 1024;
const HIGH = 1024 * 1024;
const LOW = 512 * 1024;

// Trickle between two connections of this page: a candidate waits until its receiver has a
// remote description (addIceCandidate fails before, W3C webrtc §4.4.1.5).
function trickle(from, to) {
  const pending = [];
  let ready = false;
  from.addEventListener('icecandidate', (e) => {
    if (!e.candidate) return;
    if (ready) to.addIceCandidate(e.candidate).catch((err) => console.error('addIceCandidate: ' + err));
    else pending.push(e.candidate);
  });
  return () => {
    ready = true;
    for (const c of pending.splice(0)) to.addIceCandidate(c).catch((err) => console.error('addIceCandidate: ' + err));
  };
}

function nextEvent(target, name) {
  return new Promise((resolve) => target.addEventListener(name, resolve, {once: true}));
}

// Two connections of this page, a channel "bench" from a (the offerer) to b. Resolves with the
// setup time in ms and both channels open.
async function connectLocal() {
  const a = new RTCPeerConnection({iceServers: []});
  const b = new RTCPeerConnection({iceServers: []});
  const toB = trickle(a, b);
  const toA = trickle(b, a);
  const tx = a.createDataChannel('bench');
  tx.binaryType = 'arraybuffer';
  const rxPromise = nextEvent(b, 'datachannel').then((e) => e.channel);
  const opened = nextEvent(tx, 'open');
  const t0 = performance.now();
  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  await b.setRemoteDescription(offer);
  toB();
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  await a.setRemoteDescription(answer);
  toA();
  await opened;
  const setupMs = performance.now() - t0;
  const rx = await rxPromise;
  rx.binaryType = 'arraybuffer';
  if (rx.readyState !== 'open') await nextEvent(rx, 'open');
  return {a, b, tx, rx, setupMs};
}

function close(pair) {
  pair.a.close();
  pair.b.close();
}

// Sends total bytes on tx as 64 KiB messages, refilled on bufferedamountlow.
function pump(tx, total) {
  const chunk = new Uint8Array(CHUNK);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  let sent = 0;
  tx.bufferedAmountLowThreshold = LOW;
  const fill = () => {
    while (sent < total && tx.bufferedAmount < HIGH) {
      const n = Math.min(CHUNK, total - sent);
      tx.send(n === CHUNK ? chunk : chunk.subarray(0, n));
      sent += n;
    }
  };
  tx.onbufferedamountlow = fill;
  fill();
}

// Counts what rx receives; resolves with {bytes, ms} once total bytes arrived.
function receive(rx, total, timeoutMs) {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let first = -1;
    const timer = setTimeout(() => reject(new Error('bulk: ' + bytes + ' of ' + total + ' bytes after '
        + timeoutMs + ' ms')), timeoutMs);
    rx.onmessage = (m) => {
      const now = performance.now();
      if (first < 0) first = now;
      bytes += typeof m.data === 'string' ? m.data.length : m.data.byteLength;
      if (bytes >= total) {
        clearTimeout(timer);
        rx.onmessage = null;
        resolve({bytes, ms: now - first});
      }
    };
  });
}

// One 100-byte message at a time from tx, echoed by the other side; the next ping is sent from
// the message handler. Resolves with the round trips in microseconds, warm-up dropped.
function pingPong(tx, warm, n, timeoutMs) {
  return new Promise((resolve, reject) => {
    const msg = new Uint8Array(100);
    const samples = [];
    let sentAt = 0;
    const timer = setTimeout(() => reject(new Error('round trip: ' + samples.length + ' of ' + (warm + n)
        + ' after ' + timeoutMs + ' ms')), timeoutMs);
    tx.onmessage = () => {
      samples.push((performance.now() - sentAt) * 1000);
      if (samples.length === warm + n) {
        clearTimeout(timer);
        tx.onmessage = null;
        resolve(samples.slice(warm));
      } else {
        sentAt = performance.now();
        tx.send(msg);
      }
    };
    sentAt = performance.now();
    tx.send(msg);
  });
}

function echo(rx) {
  rx.onmessage = (m) => rx.send(m.data);
}

async function selectedPath(pc) {
  const stats = await pc.getStats();
  let pair = null;
  stats.forEach((s) => {
    if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
  });
  if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
  if (!pair) return null;
  const l = stats.get(pair.localCandidateId);
  const r = stats.get(pair.remoteCandidateId);
  return (l ? l.address + ':' + l.port : '?') + ' -> ' + (r ? r.address + ':' + r.port : '?');
}

window.peersBench = {
  crossOriginIsolated: () => self.crossOriginIsolated === true,

  // The smallest step performance.now() takes here, in microseconds (the browser coarsens it);
  // -1 when it did not move at all while we looked.
  timerResolutionUs() {
    let min = Infinity;
    let last = performance.now();
    for (let i = 0; i < 200000 && min > 0.0011; i++) {
      const t = performance.now();
      if (t > last) {
        min = Math.min(min, t - last);
        last = t;
      }
    }
    return Number.isFinite(min) ? min * 1000 : -1;
  },

  // A page-local pair (the browser on both sides).
  async local(args) {
    const setupMs = [];
    for (let i = 0; i < args.setupRuns; i++) {
      const pair = await connectLocal();
      setupMs.push(pair.setupMs);
      close(pair);
    }
    const pair = await connectLocal();
    try {
      const path = await selectedPath(pair.a);
      const mbps = [];
      for (let i = -1; i < args.bulkRuns; i++) {
        const bytes = i < 0 ? args.warmBytes : args.bulkBytes; // run -1: the uncounted warm-up
        const done = receive(pair.rx, bytes, args.timeoutMs);
        pump(pair.tx, bytes);
        const r = await done;
        if (i >= 0) mbps.push(r.bytes / 1e6 / (Math.max(r.ms, 0.001) / 1000));
      }
      echo(pair.rx);
      const rttUs = await pingPong(pair.tx, args.warm, args.roundTrips, args.timeoutMs);
      return {setupMs, mbps, rttUs, path};
    } finally {
      close(pair);
    }
  },

  // The answering side of a cross pair: answers a complete offer at once, without waiting for its
  // own candidates (the offerer learns them as peer-reflexive from this side's checks). Returns
  // the answer and the time spent here, so the offerer can take the RPC's transit out.
  async answer(args) {
    const t0 = performance.now();
    const pc = new RTCPeerConnection({iceServers: []});
    window.benchRemote = {pc, channel: null, channelReady: nextEvent(pc, 'datachannel').then((e) => {
      e.channel.binaryType = 'arraybuffer';
      window.benchRemote.channel = e.channel;
      return e.channel;
    })};
    await pc.setRemoteDescription({type: 'offer', sdp: args.sdp});
    await pc.setLocalDescription(await pc.createAnswer());
    return {sdp: pc.localDescription.sdp, ms: performance.now() - t0};
  },

  // Arms the receiver of the next bulk run (returns at once); bulkResult waits for it.
  async armBulk(args) {
    const ch = await window.benchRemote.channelReady;
    window.benchRemote.bulk = receive(ch, args.bulkBytes, args.timeoutMs);
    return null;
  },

  async bulkResult() {
    return await window.benchRemote.bulk;
  },

  async echo() {
    echo(await window.benchRemote.channelReady);
    return await selectedPath(window.benchRemote.pc);
  },

  closeRemote() {
    if (window.benchRemote) window.benchRemote.pc.close();
    window.benchRemote = null;
    return null;
  },
};
return null;
