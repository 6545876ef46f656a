#!/usr/bin/env python3
"""The WPT subtests that a browser passes and jrtc does not, grouped by the missing feature.

    jrtc-wpt/gap.py [RESULTS.json] [--markdown]     (default: jrtc-wpt/expected.json)

Reads the runner's JSON (format wpt-graal-runner/1) and ../shared/wpt/browsers/*.json.
Without --markdown: per file, each subtest Chromium (C) or Firefox (F) passes and jrtc does
not, with jrtc's status and message, then the subtests that fail in both browsers.
With --markdown: the same, grouped by the feature or defect that explains it (GROUPS below),
as the body of GAP.md.
"""
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
browsers = os.path.normpath(os.path.join(here, '..', '..', 'shared', 'wpt', 'browsers'))

# (title, explanation, predicate(file, subtest, jrtc_status, jrtc_message)). First match wins.
# Subtests that a jrtc-api defect explains (reported to the lead with the file and the
# expected behaviour); matched on (file suffix, subtest name prefix).
DEFECTS = [
    ('restartIce-answer', 'RTCPeerConnection-restartIce.https.html', 'restartIce() works in have-remote-offer'),
    ('restartIce-answer', 'RTCPeerConnection-restartIce.https.html', 'restartIce() survives remote offer'),
    ('restartIce-rollback', 'RTCPeerConnection-restartIce.https.html', 'restartIce() survives rollback'),
    ('restartIce-initial', 'RTCPeerConnection-restartIce.https.html',
     'restartIce() does not trigger negotiation ahead of initial negotiation'),
    ('audio-encodings', 'RTCRtpParameters-maxFramerate.html', "addTransceiver('audio') with sendEncoding.maxFramerate"),
    ('max-message-size', 'RTCSctpTransport-maxMessageSize.html', None),
]
DEFECT_TEXT = {
    'restartIce-answer': 'restartIce() must not change the ICE credentials of an answer: only the next offer '
                         'gets new ufrag/pwd (webrtc-pc 4.4.1.5 restartIce, JSEP 5.3.1).',
    'restartIce-rollback': 'after SLD(rollback) of the offer that carried the ICE restart, the restart is still '
                           'pending: negotiationneeded must fire again. The timeout also stops the 14 '
                           '"(perfect negotiation)" subtests after it.',
    'restartIce-initial': 'restartIce() before the first negotiation must not queue its own negotiationneeded: '
                          'jrtc fires a second one after the addTransceiver one.',
    'a-prefix': 'addIceCandidate rejects a candidate string with the "a=" prefix of an SDP line; both browsers '
                'accept it.',
    'getStats-track': 'getStats(track) must reject with InvalidAccessError when the track is both sent and '
                      'received (webrtc-pc 8.2 step "selector").',
    'audio-encodings': 'RTCRtpEncodingParameters throws for a negative maxFramerate at construction; for an audio '
                       'transceiver addTransceiver must drop maxFramerate/scaleResolutionDownBy instead '
                       '(webrtc-pc addTransceiver, "If kind is audio, remove ...").',
    'max-message-size': 'the test means to remove a=max-message-size and writes "a=max-message-size:undefined". '
                        'jrtc decides to ignore the malformed value as Firefox does (RFC 8866 5.13: an attribute '
                        'not understood is ignored; RFC 8841 6.1 default 65536; TransportBinding does so), but '
                        'RemoteDescriptionRules.parse still reads m.maxMessageSize() strictly and rejects the '
                        'description as Chromium does (change asked of the lead).',
}


def defect_of(file, name):
    for key, fsuffix, prefix in DEFECTS:
        if fsuffix in file and (prefix is None or name.startswith(prefix)):
            return key
    return None


GROUPS = [
    ('jrtc-api defects (reported to the lead)',
     'Each of these is a behaviour of jrtc-api that differs from the spec and from the browser(s) that '
     'pass; each subtest line gives the defect.',
     lambda f, n, s, m: defect_of(f, n) is not None),
    ('Data channel messages above 256 KiB: jrtc keeps a=max-message-size:262144 (decision)',
     'jrtc offers a=max-message-size:262144, Chromium\'s value (Firefox offers 1073741823). jrtc delivers '
     'whole messages (the W3C API has no partial delivery), so its SCTP receive window must hold the largest '
     'message it accepts: raising the limit to 5 MiB, or to Firefox\'s 1 GiB, would let any peer pin that '
     'much memory per connection, against the goal of 10,000 connections per JVM. The test sends 5 MiB to a '
     'jrtc peer and gets TypeError (webrtc-pc send() step: larger than maxMessageSize); it also needs '
     'non-bundled transports (bundlePolicy "balanced", the data m-section re-bundled between offers).',
     lambda f, n, s, m: f.endswith('RTCDataChannel-send.html') and n.startswith('Sending multiple messages '
                                                                                  'simultaneously in unordered')),
    ('jrtc-api: operations pending at close() never settle (spec), Chromium settles them',
     'webrtc-pc "chain an operation" step 7.1 leaves the promise of an operation that is pending when '
     'close() runs unsettled forever; jrtc and Firefox do that. The test "setRemoteDescription(invalidOffer) '
     'from have-local-offer does not undo rollback" fails in both browsers (it calls Promise.any with two '
     'arguments), then its cleanup awaits that pending promise, the harness times out in cleanup and the '
     'remaining subtests of the file do not run. Chromium settles the promise and runs them. Not a jrtc defect.',
     lambda f, n, s, m: f.endswith('setRemoteDescription-offer.html') and s in ('NOTRUN', 'NOT RUN')),
    ('RTP parameters: RTCRtpSender/RTCRtpReceiver getParameters()/setParameters()',
     'getParameters/setParameters of senders and receivers (encodings, codecs, headerExtensions, rtcp, '
     'transactionId, degradationPreference, maxFramerate, scaleResolutionDownBy) are young in jrtc-api: '
     'each line gives what it does differently (the binding leaves a member out while jrtc lacks it).',
     lambda f, n, s, m: 'RTCRtpParameters-' in f or 'getParameters' in (m or '') or 'setParameters' in n),
    ('setCodecPreferences',
     'RTCRtpTransceiver.setCodecPreferences is not in jrtc-api yet.',
     lambda f, n, s, m: 'setCodecPreferences' in f or 'setCodecPreferences' in (m or '')),
    ('SCTP transport (pc.sctp, RTCSctpTransport)',
     'RTCSctpTransport is bound (state, maxMessageSize, maxChannels, transport, statechange); what remains '
     'is in the defects group above.',
     lambda f, n, s, m: 'RTCSctpTransport' in f or '.sctp' in (m or '') or 'RTCSctpTransport' in (m or '')
     or 'maxMessageSize' in (m or '') or 'maxChannels' in (m or '')),
    ('Data channels that open and carry data (SCTP over DTLS over ICE)',
     'Two peers in one JVM connect over real UDP (ICE + DTLS + SCTP + DCEP) and channels open, send '
     '(strings, buffers, Blobs), buffer (bufferedAmount until SCTP first sends the bytes) and close. The '
     'default binaryType fails in both browsers ("blob" in the newest spec, "arraybuffer" in jrtc and both '
     'browsers\' results here).',
     lambda f, n, s, m: re.search(r'RTCDataChannel-|ondatachannel|createDataChannel|RTCPeerConnection-close', f)
     is not None),
    ('DTLS transport objects (RTCDtlsTransport, sender/receiver.transport)',
     'RTCDtlsTransport is bound (state, iceTransport, getRemoteCertificates, statechange). Three subtests '
     'need WebAudio (trackFactories.audio() calls new AudioContext()), which no JVM has; "stop bundled '
     'transceiver retains dtls transport state" needs media transceivers that connect.',
     lambda f, n, s, m: 'RTCDtlsTransport' in f or "of null" in (m or '') or 'dtls' in n.lower()),
    ('Statistics of RTP streams (media)',
     'jrtc reports peer-connection, data-channel, transport, candidate-pair, local/remote-candidate and '
     'certificate entries; these subtests need RTP streams that flow (outbound-rtp, inbound-rtp, codec) '
     'and fake audio/video tracks, which come with media.',
     lambda f, n, s, m: 'getStats' in f),
    ('ICE: gathering, candidates, connectivity, restarts',
     'What fails: non-bundled transports (each m-section its own RTCIceTransport; jrtc has one '
     'transport per connection, so an answer that drops BUNDLE or a renegotiation that closes every '
     'transport is not modelled), ICE-TCP (RFC 6544: the browsers try a TCP candidate and report '
     'failed; jrtc does not use TCP candidates, and without the end-of-candidates RFC 8838 8 keeps it '
     'checking), and the helpers that need a DOM (document, canvas).',
     lambda f, n, s, m: re.search(r'ice|Ice|candidate|restart|no-media-call|helper-test|operations', f) is not None),
    ('Media: tracks that flow, canvas and WebAudio',
     'jrtc tracks carry no media yet; the helpers also use canvas/AudioContext, which no JVM has.',
     lambda f, n, s, m: True),
]


def load(path):
    out = {}
    with open(path, encoding='utf-8') as f:
        for fi in json.load(f)['files']:
            for t in fi['subtests']:
                out[(fi['file'], t['name'])] = (t['status'], t.get('message'))
    return out


def both_fail_reason(file, name, cmsg, fmsg):
    text = (cmsg or '') + ' ' + (fmsg or '')
    if re.search(r'assert_throws is not defined|add_cleanup is not a function|validateRtpCapabilities is not '
                 r'defined|is not a function|is not defined', text):
        return 'mixed WPT versions (old helper or assertion API)'
    if re.search(r'AudioContext|document|canvas|captureStream', text):
        return 'browser-only helper (canvas / WebAudio)'
    return 'fails in both browsers'


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    markdown = '--markdown' in sys.argv
    ours = load(args[0] if args else os.path.join(here, 'expected.json'))
    chromium = load(os.path.join(browsers, 'chromium.json'))
    firefox = load(os.path.join(browsers, 'firefox.json'))
    keys = sorted(set(chromium) | set(firefox))
    gap, both = [], []
    for k in keys:
        c, cm = chromium.get(k, ('MISSING', None))
        f, fm = firefox.get(k, ('MISSING', None))
        s, m = ours.get(k, ('NOT RUN', None))
        if c == 'PASS' or f == 'PASS':
            if s != 'PASS':
                who = '+'.join(n for n, x in (('C', c), ('F', f)) if x == 'PASS')
                gap.append((k[0], k[1], who, s, m))
        else:
            both.append((k[0], k[1], s, both_fail_reason(k[0], k[1], cm, fm)))
    if not markdown:
        print(f'# {len(gap)} subtests pass in a browser and not in jrtc\n')
        last = None
        for file, name, who, s, m in gap:
            if file != last:
                print(f'\n## {file}')
                last = file
            msg = (m or '').replace('\n', ' ')[:160]
            print(f'- [{who}] {name} -- {s}{": " + msg if msg else ""}')
        print(f'\n# {len(both)} subtests fail in both browsers\n')
        for file, name, s, why in both:
            print(f'- {file} :: {name} (jrtc: {s}; {why})')
        return
    grouped = {g[0]: [] for g in GROUPS}
    for item in gap:
        for title, _, pred in GROUPS:
            if pred(item[0], item[1], item[3], item[4]):
                grouped[title].append(item)
                break
    print(f'{len(gap)} subtests pass in Chromium (C) or Firefox (F) and not in jrtc, by the missing feature '
          'that explains them (largest groups first):\n')
    for title, why, _ in sorted(GROUPS, key=lambda g: -len(grouped[g[0]])):
        items = grouped[title]
        if not items:
            continue
        print(f'### {title} ({len(items)})\n\n{why}\n')
        last = None
        for file, name, who, s, m in items:
            if file != last:
                print(f'- `{file}`')
                last = file
            msg = ' '.join((m or '').split())[:110]
            d = defect_of(file, name)
            if d is not None and title.startswith('jrtc-api defects'):
                msg = DEFECT_TEXT[d]
            print(f'  - [{who}] {name} -- {s}{": " + msg if msg else ""}')
        print()
    print(f'### Subtests that fail in both browsers ({len(both)})\n')
    print('No implementation passes these on this set: the README of ../shared/wpt explains that the '
          'files mix WPT versions (an old `assert_throws`, `createDataChannelPair(pc1, pc2)` called with '
          'the old arguments, a missing `RTCRtpCapabilities-helper.js`); the rest fail in both browsers '
          'for their own reasons. jrtc\'s status is given for each; they are not chased.\n')
    last = None
    for file, name, s, why in both:
        if file != last:
            print(f'- `{file}`')
            last = file
        print(f'  - {name} -- jrtc {s}; {why}')


if __name__ == '__main__':
    main()
