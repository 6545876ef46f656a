package dev.jrtc;

import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
import static dev.jrtc.RTCSignalingState.STABLE;

import dev.jrtc.common.Entropy;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import dev.jrtc.sdp.Setup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSEP state of one connection (RFC 8829 and webrtc-pc §4.4.1.5-§4.4.1.6): signaling state,
 * the four descriptions, the last created offer and answer, the transceivers and their mids,
 * the data m-section and the local ICE credentials. Creates offers and answers and applies
 * descriptions, returning the events to fire.
 *
 * <p>Not thread-safe: the owning {@link RTCPeerConnection} calls it under its lock only. It
 * never blocks, reads no clock and gets its randomness from the injected {@link Entropy}.
 */
final class JsepEngine {

  /** The owner of the data m-section in a layout. */
  static final Object DATA = new Object() {
    @Override
    public String toString() {
      return "data";
    }
  };

  /** A description as the application sees it and as parsed. */
  record Desc(RTCSessionDescription description, SessionDescription sdp) {}

  /** The m-lines of an offer we created: who owns each, and its mid. */
  record Layout(List<Object> owners, List<String> mids, List<MediaDescription> base) {}

  /** What applying a description changed, for the driver to announce in order. */
  static final class Effects {
    boolean signalingChanged;
    boolean nowStable;
    boolean dtlsRoleNegotiated;
    /** addtrack/removetrack/mute events, before the track events (webrtc-pc §4.4.1.6 step 4.x). */
    final List<Runnable> streamEvents = new ArrayList<>();
    final List<RTCTrackEvent> trackEvents = new ArrayList<>();
  }

  private record TransceiverState(String mid, RTCRtpTransceiverDirection fired,
      List<MediaStream> remoteStreams, boolean createdByRemoteOffer) {}

  /** The state to return to on rollback (JSEP §4.1.8.2), taken when leaving stable. */
  private record Snapshot(List<RTCRtpTransceiver> transceivers,
      Map<RTCRtpTransceiver, TransceiverState> states, String dataMid, String ufrag, String pwd,
      boolean iceRestartPending, boolean iceConfigurationChanged) {}

  private static final String ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final RTCPeerConnection pc;
  private final Entropy entropy;
  private final String sessionId;
  private long sessionVersion = 1;
  final String cname;
  RTCCertificate certificate;
  RTCBundlePolicy bundlePolicy;

  RTCSignalingState signalingState = STABLE;
  Desc currentLocal;
  Desc pendingLocal;
  Desc currentRemote;
  Desc pendingRemote;
  String lastCreatedOffer = "";
  String lastCreatedAnswer = "";
  private Layout lastOfferLayout;

  final List<RTCRtpTransceiver> transceivers = new ArrayList<>();
  private long order;
  boolean dataRequested;
  private long dataOrder;
  /** The mid of the data m-section once an applied description has one. */
  String dataMid;
  /** A data m-section is in the current local description and not rejected. */
  boolean dataNegotiated;
  /** True when we are the DTLS client (even SCTP stream ids, RFC 8832 §6), null until negotiated. */
  Boolean dtlsClient;

  String iceUfrag;
  String icePwd;
  /** webrtc-pc [[LocalIceCredentialsToReplace]] is non-empty: the next offer restarts ICE. */
  boolean iceRestartPending;
  /**
   * RFC 8829 §4.1.18 "needs-ice-restart": ICE servers or the candidate policy changed after
   * gathering started, so the next offer restarts ICE to start a gathering phase with them.
   */
  boolean iceConfigurationChanged;
  private String[] restartCredentials;
  private final Set<Long> ssrcs = new HashSet<>();
  final Map<String, MediaStream> remoteStreams = new java.util.HashMap<>();
  private Snapshot snapshot;

  JsepEngine(RTCPeerConnection pc, Entropy entropy, RTCCertificate certificate,
      RTCBundlePolicy bundlePolicy) {
    this.pc = pc;
    this.entropy = entropy;
    this.certificate = certificate;
    this.bundlePolicy = bundlePolicy;
    this.sessionId = Long.toString(entropy.nextLong() & Long.MAX_VALUE);
    this.cname = randomString(16);
    String[] creds = newCredentials();
    this.iceUfrag = creds[0];
    this.icePwd = creds[1];
  }

  private String randomString(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ICE_CHARS.charAt(entropy.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  /** New ICE credentials: a 4-character ufrag and a 24-character pwd (RFC 8839 §5.4, as Chromium). */
  String[] newCredentials() {
    return new String[] {randomString(4), randomString(24)};
  }

  long newSsrc() {
    long ssrc;
    do {
      ssrc = entropy.nextInt() & 0xffffffffL;
    } while (ssrc == 0 || !ssrcs.add(ssrc));
    return ssrc;
  }

  // ---------------------------------------------------------------- transceivers

  RTCRtpTransceiver addTransceiver(String kind, MediaStreamTrack track,
      List<String> streamIds, RTCRtpTransceiverDirection direction, boolean byAddTrack) {
    return addTransceiver(kind, track, streamIds, direction, byAddTrack, SendEncodings.normalize(kind, List.of()));
  }

  RTCRtpTransceiver addTransceiver(String kind, MediaStreamTrack track, List<String> streamIds,
      RTCRtpTransceiverDirection direction, boolean byAddTrack, List<RTCRtpEncodingParameters> encodings) {
    RTCRtpSender sender = new RTCRtpSender(pc, kind, track, streamIds, newSsrc(), newSsrc(), encodings);
    RTCRtpReceiver receiver = new RTCRtpReceiver(MediaStreamTrack.remote(kind));
    RTCRtpTransceiver t = new RTCRtpTransceiver(pc, kind, sender, receiver, direction, byAddTrack, order++);
    transceivers.add(t);
    return t;
  }

  void requestData() {
    if (!dataRequested) {
      dataRequested = true;
      dataOrder = order++;
    }
  }

  RTCRtpTransceiver transceiverByMid(String mid) {
    for (RTCRtpTransceiver t : transceivers) {
      if (mid.equals(t.mid)) {
        return t;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- state table

  /**
   * The state after applying a description of {@code type}, or null when the type is invalid
   * in the current state (RFC 8829 §5.5, §5.6; webrtc-pc §4.4.1.6 step 2.2.2).
   */
  static RTCSignalingState transition(RTCSignalingState s, boolean remote, RTCSdpType type) {
    switch (type) {
      case OFFER:
        if (remote) {
          return s == STABLE || s == HAVE_REMOTE_OFFER ? HAVE_REMOTE_OFFER : null;
        }
        return s == STABLE || s == HAVE_LOCAL_OFFER ? HAVE_LOCAL_OFFER : null;
      case ANSWER:
        if (remote) {
          return s == HAVE_LOCAL_OFFER || s == HAVE_REMOTE_PRANSWER ? STABLE : null;
        }
        return s == HAVE_REMOTE_OFFER || s == HAVE_LOCAL_PRANSWER ? STABLE : null;
      case PRANSWER:
        if (remote) {
          return s == HAVE_LOCAL_OFFER || s == HAVE_REMOTE_PRANSWER ? HAVE_REMOTE_PRANSWER : null;
        }
        return s == HAVE_REMOTE_OFFER || s == HAVE_LOCAL_PRANSWER ? HAVE_LOCAL_PRANSWER : null;
      case ROLLBACK:
        // JSEP §4.1.8.2: only a proposal can be rolled back; webrtc-pc rejects rollback in stable
        // and the pranswer states, and WPT setLocalDescription-rollback requires a local offer.
        if (remote) {
          return s == HAVE_REMOTE_OFFER ? STABLE : null;
        }
        return s == HAVE_LOCAL_OFFER ? STABLE : null;
      default:
        return null;
    }
  }

  void checkTransition(boolean remote, RTCSdpType type) {
    if (transition(signalingState, remote, type) == null) {
      throw new InvalidStateException("Cannot set " + (remote ? "remote " : "local ") + type.value()
          + " in state " + signalingState.value());
    }
  }

  // ---------------------------------------------------------------- offers and answers

  private JsepSdpBuilder newBuilder() {
    return new JsepSdpBuilder(sessionId, ++sessionVersion, cname);
  }

  /**
   * The credentials of a new offer: new ones when it restarts ICE (RFC 8829 §5.2.1), the same
   * for every offer until one is set. The ICE agent restarts with them when the description is
   * applied (RFC 8445 §9), not when it is created: an offer that is never set changes nothing.
   */
  private String[] offerCredentials(boolean iceRestart) {
    if (iceRestart || iceRestartPending || iceConfigurationChanged) {
      if (restartCredentials == null) {
        restartCredentials = newCredentials();
      }
      return restartCredentials;
    }
    return new String[] {iceUfrag, icePwd};
  }

  /** The description whose m-lines a new offer keeps (RFC 8829 §5.2.2). */
  private Desc offerBase() {
    if (pendingLocal != null && pendingLocal.description().type() == RTCSdpType.OFFER) {
      return pendingLocal;
    }
    return currentLocal;
  }

  private Layout offerLayout() {
    List<Object> owners = new ArrayList<>();
    List<String> mids = new ArrayList<>();
    List<MediaDescription> base = new ArrayList<>();
    Desc b = offerBase();
    Set<String> used = new HashSet<>();
    if (b != null) {
      List<MediaDescription> media = b.sdp().media();
      for (int i = 0; i < media.size(); i++) {
        MediaDescription m = media.get(i);
        String mid = SdpMedia.mid(m, i);
        // The data m-section stays in re-offers once negotiated, whoever asked for it first.
        Object owner = SdpMedia.isData(m) && !SdpMedia.rejected(m) && mid.equals(dataMid)
            && (dataRequested || dataNegotiated) ? DATA : transceiverByMid(mid);
        owners.add(owner);
        mids.add(mid);
        base.add(m);
        used.add(mid);
      }
    }
    for (RTCRtpTransceiver t : transceivers) {
      if (t.mid != null) {
        used.add(t.mid);
      }
    }
    if (dataMid != null) {
      used.add(dataMid);
    }
    // New m-sections in creation order (RFC 8829 §5.2.1: transceivers, then data as created).
    List<Object> added = new ArrayList<>();
    List<Long> addedOrder = new ArrayList<>();
    for (RTCRtpTransceiver t : transceivers) {
      if (!owners.contains(t) && t.mid == null && !t.stopping && !t.stopped) {
        added.add(t);
        addedOrder.add(t.order);
      }
    }
    if (dataRequested && !owners.contains(DATA)) {
      int at = 0;
      while (at < addedOrder.size() && addedOrder.get(at) < dataOrder) {
        at++;
      }
      added.add(at, DATA);
    }
    int next = 0;
    for (Object o : added) {
      while (used.contains(Integer.toString(next))) {
        next++;
      }
      String mid = Integer.toString(next);
      used.add(mid);
      owners.add(o);
      mids.add(mid);
      base.add(null);
    }
    return new Layout(owners, mids, base);
  }

  /** webrtc-pc §4.4.1.3 "create an offer" (RFC 8829 §5.2). */
  String createOffer(boolean iceRestart) {
    String[] creds = offerCredentials(iceRestart);
    JsepSdpBuilder sdp = newBuilder();
    JsepSdpBuilder.Transport tr = new JsepSdpBuilder.Transport(creds[0], creds[1],
        certificate.sdpFingerprint(), Setup.ACTPASS.value());
    Layout layout = offerLayout();
    for (int i = 0; i < layout.owners().size(); i++) {
      Object owner = layout.owners().get(i);
      String mid = layout.mids().get(i);
      MediaDescription base = layout.base().get(i);
      if (owner == DATA) {
        sdp.addData(mid, JsepSdpBuilder.DATA_PROTO, tr, true);
      } else if (owner instanceof RTCRtpTransceiver t && !t.stopping && !t.stopped) {
        List<Codec> codecs = MediaCodecs.applyPreferences(t.kind(),
            t.negotiatedCodecs.isEmpty() ? MediaCodecs.defaults(t.kind()) : t.negotiatedCodecs,
            t.codecPreferences);
        List<HeaderExtension> exts = t.negotiatedExtensions.isEmpty()
            ? MediaCodecs.defaultExtensions(t.kind()) : t.negotiatedExtensions;
        sdp.addRtp(t, mid, codecs, exts, t.direction, tr, true, true, null);
      } else {
        // RFC 8829 §5.2.2: a stopped transceiver or a rejected m-section stays, with port 0.
        String kind = base != null ? base.media()
            : owner instanceof RTCRtpTransceiver t ? t.kind() : "application";
        String proto = base != null ? base.proto()
            : kind.equals("application") ? JsepSdpBuilder.DATA_PROTO : JsepSdpBuilder.RTP_PROTO;
        sdp.addRejected(kind, proto, base != null ? base.formats() : List.of(), mid);
      }
    }
    String text = sdp.build(true);
    lastCreatedOffer = text;
    lastOfferLayout = layout;
    return text;
  }

  /**
   * Whether the remote offer restarts ICE for its m-section {@code i} (RFC 8839 §4.4.1.1.1: a
   * new ufrag or pwd there than in the current remote description). An offer may restart some
   * m-sections and not others (a partial restart, WPT restartIce "partial restart").
   */
  private boolean remoteSectionRestarts(SessionDescription offer, int i) {
    if (currentRemote == null || i >= currentRemote.sdp().media().size()) {
      return false;
    }
    SessionDescription old = currentRemote.sdp();
    MediaDescription m = offer.media().get(i);
    MediaDescription o = old.media().get(i);
    if (SdpMedia.rejected(m) || SdpMedia.rejected(o)) {
      return false;
    }
    return !SdpMedia.ufrag(offer, m).equals(SdpMedia.ufrag(old, o))
        || !SdpMedia.pwd(offer, m).equals(SdpMedia.pwd(old, o));
  }

  /** Our credentials for {@code mid} in the current local description, else the transport's. */
  private String[] currentCredentials(String mid) {
    if (currentLocal != null) {
      SessionDescription sd = currentLocal.sdp();
      for (int i = 0; i < sd.media().size(); i++) {
        MediaDescription m = sd.media().get(i);
        if (!SdpMedia.rejected(m) && mid.equals(SdpMedia.mid(m, i))) {
          String u = SdpMedia.ufrag(sd, m).orElse(null);
          String p = SdpMedia.pwd(sd, m).orElse(null);
          if (u != null && p != null) {
            return new String[] {u, p};
          }
        }
      }
    }
    return new String[] {iceUfrag, icePwd};
  }

  /** webrtc-pc §4.4.1.4 "create an answer" (RFC 8829 §5.3). */
  String createAnswer() {
    SessionDescription offer = pendingRemote.sdp();
    Set<String> offeredBundle = new HashSet<>(offer.bundleGroup().map(g -> g.mids()).orElse(List.of()));
    JsepSdpBuilder sdp = newBuilder();
    List<MediaDescription> media = offer.media();
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      String mid = SdpMedia.mid(m, i);
      boolean bundled = offeredBundle.contains(mid);
      String setup = answerSetup(offer, m);
      // RFC 8829 §5.3.1: new credentials for an m-section whose offer restarts ICE, the current
      // ones for the others; a local restartIce() waits for our next offer (WPT restartIce "works
      // in have-remote-offer").
      String[] creds = remoteSectionRestarts(offer, i) ? offerCredentials(true) : currentCredentials(mid);
      JsepSdpBuilder.Transport tr = new JsepSdpBuilder.Transport(creds[0], creds[1],
          certificate.sdpFingerprint(), setup);
      if (SdpMedia.rejected(m)) {
        sdp.addRejected(m.media(), m.proto(), m.formats(), mid);
      } else if (SdpMedia.isData(m)) {
        if (m.formats().contains(JsepSdpBuilder.DATA_FORMAT) && m.proto().endsWith("DTLS/SCTP")) {
          sdp.addData(mid, m.proto(), tr, bundled);
        } else if (m.proto().equals("DTLS/SCTP") && m.sctpmap().isPresent()) {
          sdp.addLegacyData(mid, tr, bundled);
        } else {
          sdp.addRejected(m.media(), m.proto(), m.formats(), mid);
        }
      } else if (SdpMedia.isRtp(m)) {
        RTCRtpTransceiver t = transceiverByMid(mid);
        List<Codec> codecs = MediaCodecs.negotiate(m.media(), SdpMedia.codecs(m));
        if (t != null) {
          codecs = MediaCodecs.applyPreferences(m.media(), codecs, t.codecPreferences);
        }
        if (t == null || t.stopping || t.stopped || codecs.isEmpty() || !m.proto().contains("RTP/")) {
          sdp.addRejected(m.media(), m.proto(), m.formats(), mid);
        } else {
          List<HeaderExtension> exts = MediaCodecs.negotiateExtensions(m.media(), SdpMedia.extensions(m));
          RTCRtpTransceiverDirection dir = SdpMedia.intersect(t.direction, SdpMedia.direction(offer, m));
          sdp.addRtp(t, mid, codecs, exts, dir, tr, m.rtcpRsize(), bundled,
              SdpMedia.receives(dir) ? m.simulcast().orElse(null) : null);
        }
      } else {
        sdp.addRejected(m.media(), m.proto(), m.formats(), mid);
      }
    }
    boolean allowMixed = offer.extmapAllowMixed()
        || offer.media().stream().anyMatch(m -> m.hasAttribute("extmap-allow-mixed"));
    String text = sdp.build(allowMixed);
    lastCreatedAnswer = text;
    return text;
  }

  /**
   * RFC 8842 §5.3: answer actpass with active on a new association; the opposite of
   * active/passive otherwise. RFC 8842 §5.2: a re-offer (actpass) of an existing DTLS association
   * keeps its roles, so an endpoint that is the DTLS server answers passive.
   */
  private String answerSetup(SessionDescription s, MediaDescription m) {
    Setup offered = SdpMedia.setup(s, m).orElse(Setup.ACTIVE);
    if (offered == Setup.ACTPASS && dtlsClient != null) {
      return dtlsClient ? Setup.ACTIVE.value() : Setup.PASSIVE.value();
    }
    return offered == Setup.ACTIVE ? Setup.PASSIVE.value() : Setup.ACTIVE.value();
  }

  // ---------------------------------------------------------------- applying descriptions

  private Snapshot takeSnapshot() {
    Map<RTCRtpTransceiver, TransceiverState> states = new IdentityHashMap<>();
    for (RTCRtpTransceiver t : transceivers) {
      states.put(t, new TransceiverState(t.mid, t.firedDirection, t.receiver().associatedRemoteStreams,
          t.createdByRemoteOffer));
    }
    return new Snapshot(List.copyOf(transceivers), states, dataMid, iceUfrag, icePwd, iceRestartPending,
        iceConfigurationChanged);
  }

  private void setState(RTCSignalingState next, Effects fx) {
    if (next != signalingState) {
      signalingState = next;
      fx.signalingChanged = true;
    }
    fx.nowStable = next == STABLE;
    if (next == STABLE) {
      snapshot = null;
    }
  }

  /** Adopts the ICE credentials written in a local description we created. */
  private void adoptLocalCredentials(SessionDescription sd) {
    for (MediaDescription m : sd.media()) {
      if (!SdpMedia.rejected(m)) {
        String u = SdpMedia.ufrag(sd, m).orElse(null);
        String p = SdpMedia.pwd(sd, m).orElse(null);
        if (u != null && p != null && (!u.equals(iceUfrag) || !p.equals(icePwd))) {
          iceUfrag = u;
          icePwd = p;
          iceRestartPending = false;
          iceConfigurationChanged = false;
          restartCredentials = null;
        }
        return;
      }
    }
  }

  /** Applies a local description we created (webrtc-pc §4.4.1.6 with remote false). */
  Effects applyLocal(RTCSdpType type, String text) {
    Effects fx = new Effects();
    RTCSignalingState next = transition(signalingState, false, type);
    SessionDescription sd = SessionDescription.parse(text);
    RTCSessionDescription desc = new RTCSessionDescription(type, text);
    if (type == RTCSdpType.OFFER) {
      if (signalingState == STABLE) {
        snapshot = takeSnapshot();
      }
      Layout layout = lastOfferLayout;
      for (int i = 0; i < layout.owners().size(); i++) {
        Object owner = layout.owners().get(i);
        if (owner instanceof RTCRtpTransceiver t && t.mid == null && !t.stopping) {
          t.mid = layout.mids().get(i);
        } else if (owner == DATA) {
          dataMid = layout.mids().get(i);
        }
      }
      adoptLocalCredentials(sd);
      pendingLocal = new Desc(desc, sd);
      setState(next, fx);
      return fx;
    }
    adoptLocalCredentials(sd);
    if (type == RTCSdpType.PRANSWER) {
      pendingLocal = new Desc(desc, sd);
      setState(next, fx);
      return fx;
    }
    // answer
    currentLocal = new Desc(desc, sd);
    currentRemote = pendingRemote;
    pendingLocal = null;
    pendingRemote = null;
    applyNegotiated(sd, currentRemote.sdp(), false, fx);
    setState(next, fx);
    return fx;
  }

  /**
   * The final answer (local or remote) fixes directions, codecs, rejections and the DTLS role
   * (webrtc-pc §4.4.1.6 steps for "answer").
   */
  private void applyNegotiated(SessionDescription local, SessionDescription remote, boolean remoteAnswer,
      Effects fx) {
    SessionDescription answer = remoteAnswer ? remote : local;
    List<MediaDescription> media = answer.media();
    boolean data = false;
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      String mid = SdpMedia.mid(m, i);
      if (SdpMedia.isData(m)) {
        if (!SdpMedia.rejected(m)) {
          data = true;
          dataMid = mid;
          Setup ours = SdpMedia.setup(answer, m).orElse(Setup.ACTIVE);
          // RFC 8842 §5.3: the answerer's setup fixes the roles; the client is "active".
          boolean answererIsClient = ours != Setup.PASSIVE;
          dtlsClient = remoteAnswer ? !answererIsClient : answererIsClient;
          fx.dtlsRoleNegotiated = true;
        }
        continue;
      }
      RTCRtpTransceiver t = transceiverByMid(mid);
      if (t == null) {
        continue;
      }
      if (SdpMedia.rejected(m)) {
        if (t.stopping) {
          stopNegotiated(t, fx);
        } else {
          // Rejected without a stop on our side (no common codec, or the peer's choice): the
          // transceiver stays, inactive (WPT setDescription-transceiver, as both browsers).
          t.currentDirection = RTCRtpTransceiverDirection.INACTIVE;
        }
        continue;
      }
      RTCRtpTransceiverDirection d = SdpMedia.direction(answer, m);
      t.currentDirection = remoteAnswer ? SdpMedia.reverse(d) : d;
      t.everSent |= SdpMedia.sends(t.currentDirection);
      t.negotiatedCodecs = SdpMedia.codecs(m);
      t.negotiatedExtensions = SdpMedia.extensions(m);
    }
    dataNegotiated = data;
    // webrtc-pc §4.4.1.6: a stopped transceiver whose m-section is rejected in both current
    // descriptions leaves the set of transceivers.
    transceivers.removeIf(t -> t.stopped && t.mid != null
        && rejectedIn(local, t.mid) && rejectedIn(remote, t.mid));
  }

  private static boolean rejectedIn(SessionDescription sd, String mid) {
    MediaDescription m = section(sd, mid);
    return m == null || SdpMedia.rejected(m);
  }

  /** webrtc-pc "stop the RTCRtpTransceiver": the m-section was rejected or the stop negotiated. */
  void stopNegotiated(RTCRtpTransceiver t, Effects fx) {
    if (t.stopped) {
      return;
    }
    t.stopping = true;
    t.stopped = true;
    t.direction = RTCRtpTransceiverDirection.STOPPED;
    t.currentDirection = null;
    MediaStreamTrack track = t.receiver().track();
    List<MediaStream> streams = t.receiver().associatedRemoteStreams;
    t.receiver().associatedRemoteStreams = List.of();
    fx.streamEvents.add(() -> {
      for (MediaStream s : streams) {
        s.removeRemoteTrack(track);
      }
      track.endFromRemote();
    });
  }

  /** Applies a remote description (webrtc-pc §4.4.1.6 with remote true); state unchanged on error. */
  Effects applyRemote(RTCSdpType type, String text) {
    RTCSignalingState next = transition(signalingState, true, type);
    SessionDescription sd = RemoteDescriptionRules.parse(text);
    RemoteDescriptionRules.validate(sd, type, this);
    Effects fx = new Effects();
    RTCSessionDescription desc = new RTCSessionDescription(type, text);
    if (type == RTCSdpType.OFFER) {
      if (signalingState == STABLE) {
        snapshot = takeSnapshot();
      }
      associateRemoteOffer(sd, fx);
      pendingRemote = new Desc(desc, sd);
      setState(next, fx);
      return fx;
    }
    processRemoteTracks(sd, fx);
    if (type == RTCSdpType.PRANSWER) {
      pendingRemote = new Desc(desc, sd);
      setState(next, fx);
      return fx;
    }
    currentRemote = new Desc(desc, sd);
    currentLocal = pendingLocal;
    pendingLocal = null;
    pendingRemote = null;
    applyNegotiated(currentLocal.sdp(), sd, true, fx);
    setState(next, fx);
    return fx;
  }

  /** Matches the offer's m-sections to transceivers, creating recvonly ones (webrtc-pc §4.4.1.6 step 4.6.x). */
  private void associateRemoteOffer(SessionDescription sd, Effects fx) {
    List<MediaDescription> media = sd.media();
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      String mid = SdpMedia.mid(m, i);
      if (SdpMedia.isData(m)) {
        if (!SdpMedia.rejected(m)) {
          dataMid = mid;
        }
        continue;
      }
      if (!SdpMedia.isRtp(m)) {
        continue;
      }
      RTCRtpTransceiver t = transceiverByMid(mid);
      if (t == null && !SdpMedia.rejected(m)) {
        for (RTCRtpTransceiver c : transceivers) {
          if (c.kind().equals(m.media()) && c.createdByAddTrack && c.mid == null && !c.stopping
              && !c.stopped) {
            t = c;
            break;
          }
        }
      }
      if (t == null) {
        if (SdpMedia.rejected(m)) {
          continue;
        }
        t = addTransceiver(m.media(), null, List.of(), RTCRtpTransceiverDirection.RECVONLY, false);
        t.createdByRemoteOffer = true;
      }
      t.mid = mid;
      if (SdpMedia.rejected(m)) {
        stopNegotiated(t, fx);
        continue;
      }
      processRemoteTrack(t, sd, m, fx);
    }
  }

  private void processRemoteTracks(SessionDescription sd, Effects fx) {
    List<MediaDescription> media = sd.media();
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      if (!SdpMedia.isRtp(m) || SdpMedia.rejected(m)) {
        continue;
      }
      RTCRtpTransceiver t = transceiverByMid(SdpMedia.mid(m, i));
      if (t != null && !t.stopped) {
        processRemoteTrack(t, sd, m, fx);
      }
    }
  }

  /**
   * webrtc-pc "process the addition/removal of a remote track": associates the receiver's track
   * with the remote streams of {@code a=msid} and queues the track event when it starts receiving.
   */
  private void processRemoteTrack(RTCRtpTransceiver t, SessionDescription sd, MediaDescription m,
      Effects fx) {
    RTCRtpTransceiverDirection local = SdpMedia.reverse(SdpMedia.direction(sd, m));
    RTCRtpReceiver receiver = t.receiver();
    MediaStreamTrack track = receiver.track();
    List<MediaStream> old = receiver.associatedRemoteStreams;
    boolean wasReceiving = t.firedDirection != null && SdpMedia.receives(t.firedDirection);
    if (SdpMedia.receives(local)) {
      List<String> ids = SdpMedia.streamIds(m);
      if (ids.isEmpty() && SdpMedia.hasNoMsid(m)) {
        ids = List.of("default"); // a peer without a=msid: one default stream, as browsers do
      }
      List<MediaStream> streams = new ArrayList<>();
      for (String id : ids) {
        streams.add(remoteStreams.computeIfAbsent(id, MediaStream::new));
      }
      receiver.associatedRemoteStreams = List.copyOf(streams);
      for (MediaStream s : old) {
        if (!streams.contains(s)) {
          fx.streamEvents.add(() -> s.removeRemoteTrack(track));
        }
      }
      for (MediaStream s : streams) {
        if (!old.contains(s)) {
          fx.streamEvents.add(() -> s.addRemoteTrack(track));
        }
      }
      if (!wasReceiving) {
        fx.trackEvents.add(new RTCTrackEvent("track", receiver, track, List.copyOf(streams), t));
      }
    } else if (wasReceiving) {
      receiver.associatedRemoteStreams = List.of();
      fx.streamEvents.add(() -> {
        for (MediaStream s : old) {
          s.removeRemoteTrack(track);
        }
        if (!track.muted()) {
          track.setMuted(true);
          track.dispatchEvent(new Event("mute"));
        }
      });
    }
    t.firedDirection = local;
  }

  /** Rolls back a pending offer (JSEP §4.1.8.2; webrtc-pc §4.4.1.6 rollback steps). */
  Effects rollback() {
    Effects fx = new Effects();
    Snapshot s = snapshot;
    pendingLocal = null;
    pendingRemote = null;
    if (s != null) {
      List<RTCRtpTransceiver> keep = new ArrayList<>();
      for (RTCRtpTransceiver t : transceivers) {
        TransceiverState st = s.states().get(t);
        if (st == null) {
          // created by the rolled-back remote offer: removed unless addTrack attached a track
          if (t.createdByRemoteOffer && t.sender().track() == null) {
            undoReceiving(t, fx);
            t.mid = null;
            continue;
          }
          t.mid = null;
          undoReceiving(t, fx);
          keep.add(t);
          continue;
        }
        t.mid = st.mid();
        if (t.firedDirection != st.fired()) {
          boolean was = st.fired() != null && SdpMedia.receives(st.fired());
          boolean is = t.firedDirection != null && SdpMedia.receives(t.firedDirection);
          if (is && !was) {
            undoReceiving(t, fx);
          }
          t.firedDirection = st.fired();
        }
        t.receiver().associatedRemoteStreams = st.remoteStreams();
        keep.add(t);
      }
      transceivers.clear();
      transceivers.addAll(keep);
      dataMid = s.dataMid();
      iceUfrag = s.ufrag();
      icePwd = s.pwd();
      // a restart the rolled-back offer carried is still to be done (webrtc-pc restartIce)
      iceRestartPending = s.iceRestartPending();
      iceConfigurationChanged = s.iceConfigurationChanged();
    }
    setState(STABLE, fx);
    return fx;
  }

  private void undoReceiving(RTCRtpTransceiver t, Effects fx) {
    MediaStreamTrack track = t.receiver().track();
    List<MediaStream> streams = t.receiver().associatedRemoteStreams;
    t.receiver().associatedRemoteStreams = List.of();
    t.firedDirection = null;
    fx.streamEvents.add(() -> {
      for (MediaStream s : streams) {
        s.removeRemoteTrack(track);
      }
      if (!track.muted()) {
        track.setMuted(true);
        track.dispatchEvent(new Event("mute"));
      }
    });
  }

  static MediaDescription section(SessionDescription sd, String mid) {
    List<MediaDescription> media = sd.media();
    for (int i = 0; i < media.size(); i++) {
      if (SdpMedia.mid(media.get(i), i).equals(mid)) {
        return media.get(i);
      }
    }
    return null;
  }

  Desc remoteDescription() {
    return pendingRemote != null ? pendingRemote : currentRemote;
  }

  Desc localDescription() {
    return pendingLocal != null ? pendingLocal : currentLocal;
  }

  /** Replaces the local description object after a gathered candidate was added to its SDP. */
  void replaceLocal(Desc updated) {
    if (pendingLocal != null) {
      pendingLocal = updated;
    } else {
      currentLocal = updated;
    }
  }

  /** Replaces the remote description object after a candidate was added to its SDP. */
  void replaceRemote(Desc updated) {
    if (pendingRemote != null) {
      pendingRemote = updated;
    } else {
      currentRemote = updated;
    }
  }
}
