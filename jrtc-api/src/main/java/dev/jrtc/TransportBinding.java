package dev.jrtc;

import dev.jrtc.datachannel.ChannelParameters;
import dev.jrtc.dtls.DtlsFailure;
import dev.jrtc.dtls.DtlsState;
import dev.jrtc.ice.CandidateAttribute;
import dev.jrtc.ice.CandidateParseException;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.internal.transport.PeerTransport;
import dev.jrtc.internal.transport.RemoteParameters;
import dev.jrtc.internal.transport.SctpTransportState;
import dev.jrtc.internal.transport.TransportEvent;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge between one {@link RTCPeerConnection} and its {@link PeerTransport} (the BUNDLE
 * transport: ICE, DTLS, SCTP, data channels). Descriptions, candidates and channel operations go
 * to the transport on its loop (a serial strand of its own, never the event executor); every
 * {@link TransportEvent} comes back as one task on the event executor that updates the W3C
 * objects' state, fires their events and updates the aggregate states, in the spec's order
 * (webrtc-pc §5.6 RTCIceTransport, §5.5 RTCDtlsTransport, §6.1.1 RTCSctpTransport, §4.3.3
 * RTCPeerConnectionState).
 */
final class TransportBinding {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  private final RTCPeerConnection pc;
  private final Executor loop;
  private final PeerTransport transport;
  private final RTCIceTransport iceTransport;
  private final RTCDtlsTransport dtlsTransport;
  private volatile RTCSctpTransport sctpTransport;
  /** Channels by SCTP stream id. */
  private final Map<Integer, RTCDataChannel> channels = new ConcurrentHashMap<>();

  // Aggregate states: written in tasks on the event executor.
  private volatile RTCIceGatheringState gatheringState = RTCIceGatheringState.NEW;
  private volatile RTCIceConnectionState iceConnectionState = RTCIceConnectionState.NEW;
  private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
  /** The mid and index candidates are signalled with (the BUNDLE-tag m-section). */
  private volatile String candidateMid;
  private volatile int candidateIndex;

  // Loop-confined.
  private boolean gatherStarted;
  /** The local credentials before an ICE restart that the peer has not answered yet, else null. */
  private IceCredentials beforeRestart;
  private RemoteParameters remote;
  private final List<CandidateAttribute> earlyCandidates = new ArrayList<>();
  private boolean earlyEnd;
  /** The candidate lines given to the transport for the current remote ICE generation. */
  private final Set<String> remoteCandidatesAdded = new HashSet<>();
  /**
   * Trickled candidates (and end-of-candidates) whose ufrag is that of a remote description the
   * loop has not applied yet (an ICE restart): they belong to the new generation (RFC 8838 §4.3).
   */
  private final List<RTCIceCandidateInit> nextGeneration = new ArrayList<>();
  private boolean transportClosed;
  /** webrtc-stats selectedCandidatePairChanges; event executor. */
  private volatile int selectedPairChanges;
  /** The cause code of the peer's ABORT (RFC 9260 §3.3.10), or -1; event executor. */
  private volatile int sctpCauseCode = -1;

  TransportBinding(RTCPeerConnection pc, PeerTransport.Builder builder) {
    this.pc = pc;
    this.loop = SerialExecutor.shared();
    this.transport = builder.loop(loop).listener(this::onEvent)
        .localMaxMessageSize((int) JsepSdpBuilder.MAX_MESSAGE_SIZE).build();
    this.iceTransport = new RTCIceTransport(pc);
    this.dtlsTransport = new RTCDtlsTransport(pc, iceTransport);
  }

  PeerTransport transport() {
    return transport;
  }

  RTCIceTransport iceTransport() {
    return iceTransport;
  }

  RTCDtlsTransport dtlsTransport() {
    return dtlsTransport;
  }

  RTCSctpTransport sctpTransport() {
    return sctpTransport;
  }

  RTCIceGatheringState gatheringState() {
    return gatheringState;
  }

  RTCIceConnectionState iceConnectionState() {
    return iceConnectionState;
  }

  RTCPeerConnectionState connectionState() {
    return connectionState;
  }

  // ------------------------------------------------------------------ descriptions

  /**
   * Called under the connection's lock, in the task that applied a description: updates the
   * data channel transport (webrtc-pc §4.4.1.6 "update the data channel transport") and hands
   * the description to the transport's loop.
   */
  void applied(JsepEngine engine) {
    JsepEngine.Desc local = engine.localDescription();
    JsepEngine.Desc remoteDesc = engine.remoteDescription();
    boolean stable = engine.signalingState == RTCSignalingState.STABLE;
    boolean weOffered = stable ? engine.currentLocal != null
        && engine.currentLocal.description().type() == RTCSdpType.OFFER
        : engine.signalingState == RTCSignalingState.HAVE_LOCAL_OFFER;
    SessionDescription localSdp = local == null ? null : local.sdp();
    SessionDescription remoteSdp = remoteDesc == null ? null : remoteDesc.sdp();
    if (localSdp != null) {
      int first = TransportDescriptions.firstActive(localSdp);
      if (first >= 0) {
        candidateIndex = first;
        candidateMid = SdpMedia.mid(localSdp.media().get(first), first);
        MediaDescription m = localSdp.media().get(first);
        String u = SdpMedia.ufrag(localSdp, m).orElse(null);
        String p = SdpMedia.pwd(localSdp, m).orElse(null);
        if (u != null && p != null) {
          iceTransport.setLocalParameters(new RTCIceParameters(u, p));
        }
      }
    }
    // webrtc-pc §4.4.1.6: senders and receivers of associated transceivers get the (BUNDLE) transport.
    for (RTCRtpTransceiver t : engine.transceivers) {
      if (t.mid != null && !t.stopped) {
        t.sender().setTransport(dtlsTransport);
        t.receiver().setTransport(dtlsTransport);
      }
    }
    if (stable && remoteSdp != null) {
      int first = TransportDescriptions.firstActive(remoteSdp);
      if (first >= 0) {
        MediaDescription m = remoteSdp.media().get(first);
        String u = SdpMedia.ufrag(remoteSdp, m).orElse(null);
        String p = SdpMedia.pwd(remoteSdp, m).orElse(null);
        if (u != null && p != null) {
          iceTransport.setRemoteParameters(new RTCIceParameters(u, p));
        }
      }
    }
    updateSctpTransport(localSdp, remoteSdp, stable);
    // Whatever the transport reports about this description (candidates a restart signals at
    // once) is posted as tasks after this one, which settles the operation's promise: it is
    // dispatched after setLocalDescription resolves (webrtc-pc §4.4.1.6).
    loop.execute(() -> step(localSdp, remoteSdp, stable, weOffered));
  }

  /**
   * webrtc-pc §4.4.1.6 "set the RTCSessionDescription", the [[SctpTransport]] steps, and §6.1.1.1
   * "update the data max message size". The spec text creates the RTCSctpTransport when an answer
   * negotiates the association; jrtc creates it, as Chromium does and the Interop 2026 test
   * RTCSctpTransport-events.html expects, as soon as a description with an application m-section
   * is applied, local or remote, offer or answer: state {@code connecting}, its transport the
   * (BUNDLE) RTCDtlsTransport, maxChannels null until connected. It goes back to null when a
   * negotiation ends (stable) without an application m-section in both descriptions: the answer
   * rejected or removed it, or the offer that brought it was rolled back. maxMessageSize follows
   * the remote description on every negotiation.
   */
  private void updateSctpTransport(SessionDescription localSdp, SessionDescription remoteSdp, boolean stable) {
    MediaDescription localData = localSdp == null ? null : TransportDescriptions.dataSection(localSdp);
    MediaDescription remoteData = remoteSdp == null ? null : TransportDescriptions.dataSection(remoteSdp);
    boolean negotiated = stable ? localData != null && remoteData != null : localData != null || remoteData != null;
    RTCSctpTransport sctp = sctpTransport;
    if (!negotiated) {
      if (stable && sctp != null) {
        sctp.setState(RTCSctpTransportState.CLOSED);
        sctpTransport = null;
      }
      return;
    }
    double max = TransportDescriptions.maxMessageSize(remoteData);
    if (sctp == null) {
      sctpTransport = new RTCSctpTransport(pc, dtlsTransport, max);
    } else if (sctp.state() != RTCSctpTransportState.CLOSED) {
      sctp.setMaxMessageSize(max);
    }
  }

  /** On the loop: remote parameters first (an answerer is controlled), then gathering. */
  private void step(SessionDescription local, SessionDescription remoteSdp, boolean stable, boolean weOffered) {
    if (transportClosed) {
      return;
    }
    try {
      boolean regather = false;
      if (local == null) {
        if (gatherStarted && remote == null) {
          // webrtc-pc §4.4.1.5 rollback of the first offer: the transport is gone, the ICE
          // gathering state goes back to "new" (WPT explicit-rollback-iceGatheringState).
          gatherStarted = false;
          beforeRestart = null;
          transport.resetIce();
          pc.post(this::gatheringReset);
        }
      } else if (gatherStarted) {
        IceCredentials wanted = TransportDescriptions.localCredentials(local);
        IceCredentials current = transport.localIceCredentials();
        if (wanted != null && !wanted.equals(current)) {
          if (wanted.equals(beforeRestart)) {
            // RFC 8829 §4.1.10.2: a rollback of the restarting offer; the old generation stays.
            beforeRestart = null;
            transport.rollbackRestart(wanted);
          } else {
            // RFC 8445 §9 / RFC 8829 §5.2.1: the description that carries new credentials is
            // applied now, so the agent restarts now and gathers (signals) again.
            if (beforeRestart == null) {
              beforeRestart = current;
            }
            transport.restartIce(wanted);
            regather = true;
          }
        }
      }
      if (stable && local != null && remoteSdp != null) {
        RemoteParameters p = TransportDescriptions.parameters(local, remoteSdp, weOffered, pc.id());
        if (p != null && !p.equals(remote)) {
          boolean first = remote == null;
          if (!first && !remote.iceUfrag().equals(p.iceUfrag())) {
            // RFC 8445 §9: the peer restarted; its candidates are those of the new generation,
            // even when a line repeats one of the previous generation.
            remoteCandidatesAdded.clear();
          }
          if (remote != null && remote.dtlsRole() != p.dtlsRole()) {
            // RFC 8842 §5.2: a negotiation that swaps the DTLS roles needs a new association,
            // which this transport does not make; the old one is kept.
            LOG.warn("{}: the DTLS role would change from {} to {}: keeping the existing association", pc.id(),
                remote.dtlsRole(), p.dtlsRole());
            p = new RemoteParameters(p.iceUfrag(), p.icePwd(), p.iceLite(), p.fingerprints(), p.iceControlling(),
                remote.dtlsRole(), p.sctpPort(), p.maxMessageSize());
          }
          transport.setRemoteParameters(p).whenComplete((v, e) -> {
            if (e != null) {
              LOG.warn("{}: remote parameters refused: {}", pc.id(), e.toString());
            }
          });
          remote = p;
          if (first) {
            for (CandidateAttribute c : earlyCandidates) {
              transport.addRemoteCandidate(c);
            }
            earlyCandidates.clear();
          }
          addSdpCandidates(remoteSdp);
          if (earlyEnd) {
            earlyEnd = false;
            transport.endOfRemoteCandidates();
          }
          for (RTCIceCandidateInit c : List.copyOf(nextGeneration)) {
            if (p.iceUfrag().equals(c.usernameFragment())) {
              if (c.candidate().isEmpty()) {
                transport.endOfRemoteCandidates();
              } else {
                addRemote(c.candidate());
              }
            }
          }
          nextGeneration.clear();
        }
      }
      if (stable) {
        beforeRestart = null; // answered (or rolled back): a later rollback cannot undo it
      }
      if (regather) {
        pc.post(this::gatheringRestarted);
        transport.gather().whenComplete((v, e) -> {
          if (e != null) {
            LOG.warn("{}: gathering after the ICE restart failed: {}", pc.id(), e.toString());
          }
        });
      } else if (local != null && !gatherStarted && TransportDescriptions.firstActive(local) >= 0 && (weOffered || stable)) {
        gatherStarted = true;
        pc.post(this::gatheringStarted);
        transport.gather().whenComplete((v, e) -> {
          if (e != null) {
            LOG.warn("{}: gathering failed: {}", pc.id(), e.toString());
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.error("{}: applying a description to the transport failed", pc.id(), e);
    }
  }

  /** Candidates written in the remote description (non-trickle peers, or added before the answer). */
  private void addSdpCandidates(SessionDescription remoteSdp) {
    int ri = TransportDescriptions.firstActive(remoteSdp);
    if (ri < 0) {
      return;
    }
    MediaDescription m = remoteSdp.media().get(ri);
    for (String v : m.attributeValues("candidate")) {
      addRemote("candidate:" + v);
    }
    if (m.endOfCandidates()) {
      transport.endOfRemoteCandidates();
    }
  }

  private void addRemote(String text) {
    if (!remoteCandidatesAdded.add(text)) {
      return;
    }
    CandidateAttribute c;
    try {
      c = CandidateAttribute.parse(text);
    } catch (CandidateParseException e) {
      LOG.debug("{}: remote candidate ignored: {}", pc.id(), e.getMessage());
      return;
    }
    if (remote == null) {
      earlyCandidates.add(c);
    } else {
      transport.addRemoteCandidate(c).whenComplete((v, e) -> {
        if (e != null) {
          LOG.debug("{}: remote candidate {} not added: {}", pc.id(), text, e.toString());
        }
      });
    }
  }

  /** {@code addIceCandidate} passed its checks: the candidate (or end-of-candidates when empty). */
  void addRemoteCandidate(RTCIceCandidateInit c) {
    if (!c.candidate().isEmpty()) {
      RTCIceCandidate added = new RTCIceCandidate(c);
      iceTransport.addRemoteCandidate(added);
      // RFC 8838 §11.4: the signalled candidate takes the place of the peer-reflexive one the
      // checks had learned at its address, also in the selected pair (no new selection: no event)
      RTCIceCandidatePair selected = iceTransport.getSelectedCandidatePair();
      if (selected != null && selected.remote().type() == RTCIceCandidateType.PRFLX
          && added.address() != null && added.address().equals(selected.remote().address())
          && added.port() != null && added.port().equals(selected.remote().port())) {
        iceTransport.setSelectedPair(new RTCIceCandidatePair(selected.local(), added));
      }
    }
    loop.execute(() -> {
      if (transportClosed) {
        return;
      }
      try {
        String u = c.usernameFragment();
        if (remote != null && u != null && !u.isEmpty() && !u.equals(remote.iceUfrag())) {
          nextGeneration.add(c); // for a restarted remote description this loop applies next
          return;
        }
        if (c.candidate().isEmpty()) {
          if (remote == null) {
            earlyEnd = true;
          } else {
            transport.endOfRemoteCandidates();
          }
        } else {
          addRemote(c.candidate());
        }
      } catch (RuntimeException e) {
        LOG.error("{}: adding a remote candidate failed", pc.id(), e);
      }
    });
  }

  /**
   * webrtc-pc iceCandidatePoolSize: candidates are gathered before the first local description
   * and held; they are signalled when it is applied. One pool serves the one (BUNDLE) transport.
   */
  void preGather() {
    loop.execute(() -> {
      if (transportClosed || gatherStarted) {
        return;
      }
      try {
        transport.preGather().whenComplete((v, e) -> {
          if (e != null) {
            LOG.warn("{}: pre-gathering failed: {}", pc.id(), e.toString());
          }
        });
      } catch (RuntimeException e) {
        LOG.warn("{}: pre-gathering failed: {}", pc.id(), e.toString());
      }
    });
  }

  /**
   * webrtc-pc "set a configuration": new ICE servers or iceTransportPolicy, used from the next
   * gathering phase (an applied ICE restart, RFC 8829 §4.1.18).
   */
  void setIceServers(IceServers.Parsed servers) {
    loop.execute(() -> {
      if (transportClosed) {
        return;
      }
      try {
        transport.setIceServers(servers.stun(), servers.turn(), servers.relayOnly());
      } catch (RuntimeException e) {
        LOG.warn("{}: new ICE servers not applied: {}", pc.id(), e.toString());
      }
    });
  }

  /** The ICE agent's pair counters, taken on the loop (getStats). */
  java.util.concurrent.CompletableFuture<List<dev.jrtc.ice.CandidatePairStats>> pairStats() {
    return transport.pairStats();
  }

  /** A monotonic now on the transport's clock, the time base of {@link #pairStats()}. */
  long monotonicNanos() {
    return transport.monotonicNanos();
  }

  /**
   * Adds the transport, candidate-pair, candidate and certificate entries (on the event
   * executor). Nothing before the transport has gathered or learned anything.
   */
  void addStats(StatsReportBuilder b, List<dev.jrtc.ice.CandidatePairStats> pairs, RTCCertificate local) {
    if (iceTransport.gatheringState() == RTCIceGathererState.NEW && pairs.isEmpty()) {
      return;
    }
    String selectedId = b.candidatePairs(pairs, iceTransport);
    String localCert = b.certificate(local.dtlsCertificate().encoded());
    List<byte[]> remote = dtlsTransport.getRemoteCertificates();
    String remoteCert = remote.isEmpty() ? null : b.certificate(remote.get(0));
    b.transport(iceTransport, dtlsTransport, pairs, selectedId, localCert, remoteCert, selectedPairChanges);
  }

  // ------------------------------------------------------------------ gathering (event tasks)

  private void gatheringStarted() {
    if (pc.isClosed()) {
      return;
    }
    changeGatheringState(RTCIceGathererState.GATHERING);
  }

  /** After an ICE restart was applied: the transport gathers again (webrtc-pc §5.6). */
  private void gatheringRestarted() {
    if (pc.isClosed()) {
      return;
    }
    iceTransport.clearLocalCandidates();
    changeGatheringState(RTCIceGathererState.GATHERING);
  }

  /** After a rollback of the first offer: no transport gathers any more (webrtc-pc §4.3.2 "new"). */
  private void gatheringReset() {
    if (pc.isClosed()) {
      return;
    }
    iceTransport.clearLocalCandidates();
    changeGatheringState(RTCIceGathererState.NEW);
  }

  /**
   * webrtc-pc §5.6 (gathering state changes, w3c/webrtc-pc#2894): the transport's
   * [[IceGathererState]] and the connection's [[IceGatheringState]] both change first, then
   * {@code gatheringstatechange} fires at the transport and {@code icegatheringstatechange} at
   * the connection, so a listener of either sees both new states.
   */
  private void changeGatheringState(RTCIceGathererState state) {
    boolean transportChanged = iceTransport.setGatheringState(state);
    RTCIceGatheringState next = switch (state) {
      case NEW -> RTCIceGatheringState.NEW;
      case GATHERING -> RTCIceGatheringState.GATHERING;
      case COMPLETE -> RTCIceGatheringState.COMPLETE;
    };
    boolean connectionChanged = next != gatheringState;
    gatheringState = next;
    if (transportChanged) {
      iceTransport.dispatchEvent(new Event("gatheringstatechange"));
    }
    if (connectionChanged) {
      pc.dispatchEvent(new Event("icegatheringstatechange"));
    }
  }

  private void localCandidate(CandidateAttribute attribute, String ufrag, String relayProtocol, String url) {
    if (pc.isClosed()) {
      return;
    }
    if (iceTransport.gatheringState() == RTCIceGathererState.COMPLETE) {
      // a restarted agent gathers again (webrtc-pc §5.6: gathering, then complete again)
      iceTransport.clearLocalCandidates();
      gatheringStarted();
    }
    RTCIceCandidateInit init = new RTCIceCandidateInit(attribute.toString(), candidateMid, candidateIndex, ufrag);
    pc.addToLocalDescription(init);
    RTCIceCandidate c = new RTCIceCandidate(init, relayProtocol, url);
    iceTransport.addLocalCandidate(c);
    pc.dispatchEvent(new RTCPeerConnectionIceEvent("icecandidate", c, url));
  }

  private void gatheringComplete(String ufrag) {
    if (pc.isClosed()) {
      return;
    }
    // webrtc-pc §5.6 "finished gathering": first an end-of-candidates candidate ("") in one task...
    RTCIceCandidateInit end = new RTCIceCandidateInit("", candidateMid, candidateIndex, ufrag);
    pc.addToLocalDescription(end);
    pc.dispatchEvent(new RTCPeerConnectionIceEvent("icecandidate", new RTCIceCandidate(end), null));
    // ... then, in the next task: gatheringstatechange, icegatheringstatechange, the null candidate.
    pc.post(() -> {
      if (pc.isClosed()) {
        return;
      }
      changeGatheringState(RTCIceGathererState.COMPLETE);
      pc.dispatchEvent(new RTCPeerConnectionIceEvent("icecandidate", null, null));
    });
  }

  // ------------------------------------------------------------------ transport events

  /** On the loop: every event becomes one task on the event executor. */
  private void onEvent(TransportEvent e) {
    if (e instanceof TransportEvent.BufferedAmountDecreased d) {
      bytesSent(d);
      return;
    }
    pc.post(() -> {
      if (pc.isClosed()) {
        return;
      }
      handle(e);
    });
  }

  /**
   * On the loop: webrtc-pc §6.2 "queue a task that reduces [[BufferedAmount]] with the number of
   * bytes that was sent". A bulk transfer reports sent bytes at every SACK; while the channel's
   * reduction task is queued and has not run, later reports join it rather than queue one task
   * each. The bytes are sent before the task that counts them runs, as the spec wants.
   */
  private void bytesSent(TransportEvent.BufferedAmountDecreased d) {
    RTCDataChannel dc = channels.get(d.streamId());
    if (dc != null && dc.addSentNotCounted(d.bytes())) {
      pc.post(() -> {
        if (!pc.isClosed()) {
          dc.bytesSent(dc.takeSentNotCounted());
        }
      });
    }
  }

  private void handle(TransportEvent e) {
    if (e instanceof TransportEvent.LocalCandidate c) {
      localCandidate(c.candidate(), c.ufrag(), c.relayProtocol(), c.url());
    } else if (e instanceof TransportEvent.GatheringComplete g) {
      gatheringComplete(g.ufrag());
    } else if (e instanceof TransportEvent.GatheringError g) {
      // webrtc-pc RTCPeerConnectionIceErrorEvent: address and port are null when no local
      // address was used (a server name that did not resolve): the runtime reports port 0 then.
      boolean noAddress = g.port() == 0;
      pc.dispatchEvent(new RTCPeerConnectionIceErrorEvent("icecandidateerror", noAddress ? null : g.address(),
          noAddress ? null : g.port(), g.url(), g.errorCode(), g.errorText()));
    } else if (e instanceof TransportEvent.IceStateChanged s) {
      if (iceTransport.setState(RTCIceTransportState.fromValue(s.state().value()))) {
        iceTransport.dispatchEvent(new Event("statechange"));
        updateIceConnectionState();
        updateConnectionState();
      }
    } else if (e instanceof TransportEvent.IceRoleChanged r) {
      // the agent's role as it is (webrtc-pc RTCIceTransport.role), not who offered last
      iceTransport.setRole(r.controlling() ? RTCIceRole.CONTROLLING : RTCIceRole.CONTROLLED);
    } else if (e instanceof TransportEvent.SelectedPairChanged s) {
      selectedPairChanges++;
      iceTransport.setSelectedPair(pair(s.pair()));
      iceTransport.dispatchEvent(new Event("selectedcandidatepairchange"));
    } else if (e instanceof TransportEvent.DtlsStateChanged s) {
      dtlsChanged(s);
    } else if (e instanceof TransportEvent.SctpStateChanged s) {
      sctpChanged(s);
    } else if (e instanceof TransportEvent.ChannelOpened o) {
      channelOpened(o);
    } else if (e instanceof TransportEvent.Message m) {
      message(m);
    } else if (e instanceof TransportEvent.ChannelClosing c) {
      RTCDataChannel dc = channels.get(c.streamId());
      if (dc != null && pc.dataChannels().remoteClosing(dc)) {
        dc.dispatchEvent(new Event("closing"));
      }
    } else if (e instanceof TransportEvent.ChannelClosed c) {
      RTCDataChannel dc = channels.remove(c.streamId());
      if (dc != null) {
        // webrtc-pc §6.2: a channel closed by the association's failure fires error (sctp-failure) first.
        RTCError error = !c.error() ? null : new RTCError(new RTCErrorInit(RTCErrorDetailType.SCTP_FAILURE, null,
            sctpCauseCode < 0 ? null : sctpCauseCode, null, null, null), String.valueOf(c.reason()));
        pc.dataChannels().closed(dc, error);
      }
    } else if (e instanceof TransportEvent.BufferedAmountLow) {
      // The transport's threshold counts only what SCTP holds; bufferedamountlow follows the W3C
      // [[BufferedAmount]] in RTCDataChannel.bytesSent.
      LOG.trace("{}: {}", pc.id(), e);
    } else if (e instanceof TransportEvent.ChannelIdAssigned) {
      // jrtc-api always opens channels with their id (DataChannels allocates it): nothing to map.
      LOG.debug("{}: {}", pc.id(), e);
    } else if (e instanceof TransportEvent.Error err) {
      LOG.error("{}: transport failure in {}", pc.id(), err.what(), err.cause());
    }
  }

  private RTCIceCandidatePair pair(CandidatePair p) {
    if (p == null) {
      return null;
    }
    // the candidates as signalled (with ufrag, relayProtocol and url) when they were; a
    // peer-reflexive one is described from the agent's view
    RTCIceCandidate local = signalled(iceTransport.getLocalCandidates(), p.local());
    RTCIceCandidate remote = signalled(iceTransport.getRemoteCandidates(), p.remote());
    return new RTCIceCandidatePair(
        local != null ? local
            : new RTCIceCandidate(new RTCIceCandidateInit(p.local().toSdp(), candidateMid, candidateIndex, null)),
        remote != null ? remote
            : new RTCIceCandidate(new RTCIceCandidateInit(p.remote().toSdp(), candidateMid, candidateIndex, null)));
  }

  /**
   * The signalled candidate at {@code c}'s address, the one of the same type first; a
   * peer-reflexive candidate of the agent is the signalled one at that address once it is known
   * (RFC 8838 §11.4).
   */
  private static RTCIceCandidate signalled(List<RTCIceCandidate> candidates, dev.jrtc.ice.Candidate c) {
    String host = dev.jrtc.ice.TransportAddress.literal(c.address().address());
    RTCIceCandidate sameAddress = null;
    for (RTCIceCandidate x : candidates) {
      if (host.equals(x.address()) && Integer.valueOf(c.address().port()).equals(x.port())) {
        if (x.type() != null && x.type().value().equals(c.type().value())) {
          return x;
        }
        if (sameAddress == null) {
          sameAddress = x;
        }
      }
    }
    return sameAddress;
  }

  private void dtlsChanged(TransportEvent.DtlsStateChanged s) {
    RTCDtlsTransportState next = switch (s.state()) {
      case NEW -> RTCDtlsTransportState.NEW;
      case CONNECTING -> RTCDtlsTransportState.CONNECTING;
      case CONNECTED -> RTCDtlsTransportState.CONNECTED;
      case CLOSED -> RTCDtlsTransportState.CLOSED;
      case FAILED -> RTCDtlsTransportState.FAILED;
    };
    if (s.state() == DtlsState.CONNECTED) {
      dtlsTransport.setRemoteCertificates(s.remoteCertificates());
    }
    if (!dtlsTransport.setState(next)) {
      return;
    }
    if (s.state() == DtlsState.FAILED && s.failure() != null) {
      // webrtc-pc §5.5: error (dtls-failure or fingerprint-failure, with the alerts), then statechange.
      RTCErrorDetailType detail = s.failure().reason() == DtlsFailure.FINGERPRINT_MISMATCH
          ? RTCErrorDetailType.FINGERPRINT_FAILURE : RTCErrorDetailType.DTLS_FAILURE;
      Integer received = s.failure().receivedAlert().isPresent() ? s.failure().receivedAlert().getAsInt() : null;
      Integer sent = s.failure().sentAlert().isPresent() ? s.failure().sentAlert().getAsInt() : null;
      RTCError error = new RTCError(new RTCErrorInit(detail, null, null, received, sent, null),
          String.valueOf(s.failure().detail()));
      dtlsTransport.dispatchEvent(new RTCErrorEvent("error", error));
    }
    dtlsTransport.dispatchEvent(new Event("statechange"));
    updateConnectionState();
  }

  private void sctpChanged(TransportEvent.SctpStateChanged s) {
    if (s.causeCode() >= 0) {
      sctpCauseCode = s.causeCode();
    }
    RTCSctpTransport sctp = sctpTransport;
    if (sctp == null) {
      return;
    }
    if (s.state() == SctpTransportState.CONNECTED) {
      sctp.setMaxMessageSize(s.maxMessageSize() >= Integer.MAX_VALUE ? Double.POSITIVE_INFINITY
          : (double) s.maxMessageSize());
      sctp.setMaxChannels(s.maxChannels());
    }
    RTCSctpTransportState next = switch (s.state()) {
      case CONNECTING -> RTCSctpTransportState.CONNECTING;
      case CONNECTED -> RTCSctpTransportState.CONNECTED;
      case CLOSED -> RTCSctpTransportState.CLOSED;
    };
    if (sctp.setState(next)) {
      sctp.dispatchEvent(new Event("statechange"));
    }
  }

  private void channelOpened(TransportEvent.ChannelOpened o) {
    RTCDataChannel dc = channels.get(o.streamId());
    if (!o.remote() && dc != null) {
      pc.dataChannels().opened(dc);
      return;
    }
    if (o.remote() && dc == null) {
      ChannelParameters p = o.parameters();
      RTCDataChannelInit init = new RTCDataChannelInit(p.ordered(),
          p.maxPacketLifeTime() >= 0 ? (int) p.maxPacketLifeTime() : null,
          p.maxRetransmits() >= 0 ? p.maxRetransmits() : null, p.protocol(), false, o.streamId());
      RTCDataChannel remoteChannel = pc.dataChannels().announced(p.label(), init);
      channels.put(o.streamId(), remoteChannel);
      // webrtc-pc §6.2 "announce the data channel": open state, the datachannel event, then open.
      pc.dispatchEvent(new RTCDataChannelEvent("datachannel", remoteChannel));
      pc.dataChannels().opened(remoteChannel);
    }
  }

  private void message(TransportEvent.Message m) {
    RTCDataChannel dc = channels.get(m.streamId());
    if (dc == null || dc.readyState() != RTCDataChannelState.OPEN) {
      return; // webrtc-pc §6.2 "receiving messages": only while open
    }
    Object data;
    if (!m.binary()) {
      data = new String(m.data(), StandardCharsets.UTF_8);
    } else if (dc.binaryType() == BinaryType.ARRAYBUFFER) {
      data = ByteBuffer.wrap(m.data()).asReadOnlyBuffer();
    } else {
      data = m.data();
    }
    dc.counters.received(m.data().length);
    dc.dispatchEvent(new MessageEvent("message", data));
  }

  // ------------------------------------------------------------------ aggregate states

  /** webrtc-pc §4.3.3 RTCIceConnectionState: with one transport, its state (closed when closed). */
  private void updateIceConnectionState() {
    RTCIceConnectionState next = RTCIceConnectionState.fromValue(iceTransport.state().value());
    if (next != iceConnectionState) {
      iceConnectionState = next;
      pc.dispatchEvent(new Event("iceconnectionstatechange"));
    }
  }

  /** webrtc-pc §4.3.3 RTCPeerConnectionState, the table in its order. */
  private void updateConnectionState() {
    RTCIceTransportState ice = iceTransport.state();
    RTCDtlsTransportState dtls = dtlsTransport.state();
    RTCPeerConnectionState next;
    if (ice == RTCIceTransportState.FAILED || dtls == RTCDtlsTransportState.FAILED) {
      next = RTCPeerConnectionState.FAILED;
    } else if (ice == RTCIceTransportState.DISCONNECTED) {
      next = RTCPeerConnectionState.DISCONNECTED;
    } else if ((ice == RTCIceTransportState.NEW || ice == RTCIceTransportState.CLOSED)
        && (dtls == RTCDtlsTransportState.NEW || dtls == RTCDtlsTransportState.CLOSED)) {
      next = RTCPeerConnectionState.NEW;
    } else if (ice == RTCIceTransportState.NEW || ice == RTCIceTransportState.CHECKING
        || dtls == RTCDtlsTransportState.NEW || dtls == RTCDtlsTransportState.CONNECTING) {
      next = RTCPeerConnectionState.CONNECTING;
    } else {
      next = RTCPeerConnectionState.CONNECTED;
    }
    if (next != connectionState) {
      connectionState = next;
      pc.dispatchEvent(new Event("connectionstatechange"));
    }
  }

  // ------------------------------------------------------------------ data channels

  /** Hands a channel with a known id to the transport (it opens when SCTP is up). */
  void open(RTCDataChannel dc) {
    int id = dc.id();
    if (channels.putIfAbsent(id, dc) != null) {
      return;
    }
    ChannelParameters p = new ChannelParameters(dc.label(), dc.protocol(), dc.ordered(),
        dc.maxRetransmits() == null ? -1 : dc.maxRetransmits(),
        dc.maxPacketLifeTime() == null ? -1 : dc.maxPacketLifeTime(), 256, dc.negotiated(), id);
    loop.execute(() -> {
      if (transportClosed) {
        return;
      }
      try {
        transport.open(p);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // webrtc-pc §6.2: a channel that cannot be established is closed with an error.
        channels.remove(id);
        pc.post(() -> pc.dataChannels().closed(dc, new RTCError(
            RTCErrorInit.of(RTCErrorDetailType.DATA_CHANNEL_FAILURE), e.getMessage())));
      }
    });
  }

  boolean has(RTCDataChannel dc) {
    Integer id = dc.id();
    return id != null && channels.get(id) == dc;
  }

  /**
   * Hands a message to the transport, in call order. Its bytes leave the channel's
   * bufferedAmount when the transport reports them sent ({@code BufferedAmountDecreased}); a
   * message the transport no longer takes (the channel or connection closed meanwhile) stays
   * counted, as webrtc-pc §6.2 says the amount does not reset when the channel closes.
   */
  void send(RTCDataChannel dc, byte[] data, boolean binary) {
    int id = dc.id();
    dc.counters.sent(data.length);
    loop.execute(() -> {
      try {
        if (!transportClosed) {
          transport.send(id, data, binary);
        }
      } catch (IllegalStateException | IllegalArgumentException e) {
        LOG.debug("{}: message on channel {} dropped: {}", pc.id(), id, e.getMessage());
      }
    });
  }

  /** Resets the channel's stream once the messages sent before (some may still be read) went out. */
  void close(RTCDataChannel dc) {
    int id = dc.id();
    dc.afterWaitingSends(() -> loop.execute(() -> {
      if (!transportClosed) {
        transport.close(id);
      }
    }));
  }

  /** The size limit of {@code send}: the SCTP transport's, or ours before one exists. */
  double maxMessageSize() {
    RTCSctpTransport s = sctpTransport;
    return s == null ? JsepSdpBuilder.MAX_MESSAGE_SIZE : s.maxMessageSize();
  }

  // ------------------------------------------------------------------ close

  /**
   * webrtc-pc "close the connection" steps 7-10, under the connection's lock: the transports'
   * states become closed without events, then the transport is closed on its loop (SCTP ABORT,
   * DTLS close_notify, ICE close, sockets released).
   */
  void close() {
    RTCSctpTransport s = sctpTransport;
    if (s != null) {
      s.setState(RTCSctpTransportState.CLOSED);
    }
    dtlsTransport.setState(RTCDtlsTransportState.CLOSED);
    iceTransport.setState(RTCIceTransportState.CLOSED);
    iceConnectionState = RTCIceConnectionState.CLOSED;
    connectionState = RTCPeerConnectionState.CLOSED;
    channels.clear();
    loop.execute(() -> {
      transportClosed = true;
      transport.close();
    });
  }
}
