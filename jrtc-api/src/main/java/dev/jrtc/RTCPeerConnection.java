package dev.jrtc;

import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_LOCAL_PRANSWER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_OFFER;
import static dev.jrtc.RTCSignalingState.HAVE_REMOTE_PRANSWER;
import static dev.jrtc.RTCSignalingState.STABLE;

import dev.jrtc.ice.IceCredentials;
import dev.jrtc.internal.transport.PeerTransport;
import dev.jrtc.sdp.MediaDescription;
import dev.jrtc.sdp.SessionDescription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The W3C {@code RTCPeerConnection} (https://w3c.github.io/webrtc-pc/#interface-definition):
 * signaling (offer/answer, rollback, pranswer, negotiation-needed), transceivers, and one BUNDLE
 * transport ({@link RTCIceTransport} over real UDP, {@link RTCDtlsTransport}, {@link RTCSctpTransport})
 * carrying the data channels. Gathering starts when the local description is set; candidates
 * trickle through {@code icecandidate} and are also written into the local description. Media
 * (RTP) does not flow yet.
 *
 * <p>Threads: every public method may be called from any thread, including the event executor
 * itself (see {@link RTCSettings#eventExecutor()}). The W3C "main thread" is that executor:
 * each result is applied in one task there that updates the state the getters read, fires the
 * events, then completes the future. {@code negotiationneeded} fires in a task of its own,
 * queued only when the operations chain is empty. JSEP state is guarded by one lock per
 * connection; getters read immutable snapshots.
 */
public class RTCPeerConnection extends PeerConnectionMedia {

  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.pc");

  private final Object lock = new Object();
  private final RTCSettings settings;
  private final Executor executor;
  private final JsepEngine engine;
  private final OperationsChain chain;
  private final DataChannels dataChannels = new DataChannels(this);
  private final String id;
  private volatile RTCConfiguration configuration;
  private volatile boolean closed;
  private volatile RTCSignalingState signalingState = STABLE;
  private volatile Boolean canTrickle;
  private final TransportBinding binding;
  private volatile List<RTCRtpTransceiver> transceiverSnapshot = List.of();
  private volatile Descriptions descriptions = new Descriptions(null, null, null, null);
  // negotiation-needed (webrtc-pc §4.7.3); guarded by lock
  private boolean negotiationNeeded;
  private boolean updateNegotiationNeededOnEmptyChain;
  private boolean refireNegotiationNeeded;
  /** Bumped by every change that can make a created offer or answer stale. */
  private long generation;
  private long lastOfferGeneration = -1;
  private long lastAnswerGeneration = -1;
  private boolean localDescriptionSet;
  private final LegacyStreams legacy = new LegacyStreams(this);

  /** A connection with the default configuration and settings. */
  public RTCPeerConnection() {
    this(RTCConfiguration.defaults(), RTCSettings.defaults());
  }

  /** A connection with the given configuration (webrtc-pc §4.4.1.1 constructor). */
  public RTCPeerConnection(RTCConfiguration configuration) {
    this(configuration, RTCSettings.defaults());
  }

  /**
   * A connection with the given configuration and non-W3C settings.
   *
   * @throws InvalidAccessException when a certificate has expired or a TURN server lacks credentials
   * @throws SyntaxException for an invalid ICE server URL
   */
  public RTCPeerConnection(RTCConfiguration configuration, RTCSettings settings) {
    RTCConfiguration config = configuration == null ? RTCConfiguration.defaults() : configuration;
    this.settings = settings == null ? RTCSettings.defaults() : settings;
    this.executor = this.settings.eventExecutor() != null ? this.settings.eventExecutor()
        : SerialExecutor.shared();
    // constructor step 3: "If configuration.rtcpMuxPolicy is negotiate, and the user agent does
    // not implement non-muxed RTCP, throw a NotSupportedError."
    if (config.rtcpMuxPolicy() == RTCRtcpMuxPolicy.NEGOTIATE) {
      throw new NotSupportedException("rtcpMuxPolicy 'negotiate' is not supported: jrtc always muxes RTCP");
    }
    // constructor step 4: "If any certificate has expired, throw an InvalidAccessError."
    long now = this.settings.clock().wallMillis();
    for (RTCCertificate c : config.certificates()) {
      if (c.expires() <= now) {
        throw new InvalidAccessException("Certificate " + c + " has expired");
      }
    }
    ConfigurationRules.validate(config.iceServers());
    RTCCertificate certificate = config.certificates().isEmpty()
        ? Certificates.generate(AlgorithmIdentifier.ecdsa("P-256"), this.settings.entropy(), this.settings.clock())
        : config.certificates().get(0);
    this.configuration = config;
    this.engine = new JsepEngine(this, this.settings.entropy(), certificate, config.bundlePolicy());
    this.chain = new OperationsChain(() -> closed, this::operationsChainEmpty);
    this.id = "pc-" + Integer.toHexString(System.identityHashCode(this));
    this.binding = new TransportBinding(this, IceServers.configure(PeerTransport.builder(), config, this.settings)
        .certificate(certificate.dtlsCertificate()).logId(id));
    // The SDP carries the credentials the ICE agent checks with (RFC 8839 §5.4).
    IceCredentials credentials = binding.transport().localIceCredentials();
    engine.iceUfrag = credentials.ufrag();
    engine.icePwd = credentials.pwd();
    if (config.iceCandidatePoolSize() > 0) {
      binding.preGather();
    }
    LOG.info("{}: created", id);
  }

  // ------------------------------------------------------------------ certificates

  /**
   * webrtc-pc §4.10.2 {@code generateCertificate}: ECDSA P-256 or RSASSA-PKCS1-v1_5; the future
   * fails with NotSupportedError for other algorithms and TypeError for missing members. The key
   * is made on the calling thread (a few milliseconds for ECDSA, more for RSA) and the returned
   * future is already complete.
   */
  public static CompletableFuture<RTCCertificate> generateCertificate(AlgorithmIdentifier keygenAlgorithm) {
    return generateCertificate(keygenAlgorithm, RTCSettings.defaults());
  }

  /** {@code generateCertificate} with the algorithm given by name only ({@code "ECDSA"} needs a curve). */
  public static CompletableFuture<RTCCertificate> generateCertificate(String algorithmName) {
    return generateCertificate(AlgorithmIdentifier.named(algorithmName));
  }

  /** {@code generateCertificate} with the entropy and clock of {@code settings}. */
  public static CompletableFuture<RTCCertificate> generateCertificate(AlgorithmIdentifier keygenAlgorithm,
      RTCSettings settings) {
    try {
      return CompletableFuture.completedFuture(
          Certificates.generate(keygenAlgorithm, settings.entropy(), settings.clock()));
    } catch (DOMException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      // the JCA provider refused the key or signature: an OperationError (WebCrypto generateKey)
      return CompletableFuture.failedFuture(new OperationException("Certificate generation failed: " + e, e));
    }
  }

  // ------------------------------------------------------------------ tasks and events

  /** Queues a task on the event executor ("queue a task" in the spec). */
  @Override
  void post(Runnable task) {
    executor.execute(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("{}: task failed", id, e);
      }
    });
  }

  /**
   * STYLE.md S9: an unexpected exception from the JSEP core is a bug; it is logged and the
   * operation fails with OperationError instead of leaving its future pending forever.
   */
  private DOMException internalError(RuntimeException e) {
    LOG.error("{}: internal error", id, e);
    return new OperationException("Internal error: " + e, e);
  }

  @Override
  double eventTimeStamp() {
    return settings.clock().wallMillis();
  }

  private void fire(String type) {
    dispatchEvent(new Event(type));
  }

  /** The four descriptions as the getters see them: one immutable snapshot. */
  private record Descriptions(RTCSessionDescription currentLocal, RTCSessionDescription pendingLocal,
      RTCSessionDescription currentRemote, RTCSessionDescription pendingRemote) {}

  private static RTCSessionDescription of(JsepEngine.Desc d) {
    return d == null ? null : d.description();
  }

  /** Publishes the snapshots the getters read; called under the lock after every change. */
  private void publish() {
    RTCSignalingState before = signalingState;
    signalingState = closed ? RTCSignalingState.CLOSED : engine.signalingState;
    if (before != signalingState) {
      LOG.debug("{}: signaling state {} -> {}", id, before.value(), signalingState.value());
    }
    transceiverSnapshot = List.copyOf(engine.transceivers);
    descriptions = new Descriptions(of(engine.currentLocal), of(engine.pendingLocal),
        of(engine.currentRemote), of(engine.pendingRemote));
  }

  /** Fires what applying a description changed, in the spec's order (webrtc-pc §4.4.1.6 step 4). */
  private void announce(JsepEngine.Effects fx) {
    if (fx.signalingChanged) {
      fire("signalingstatechange");
    }
    fx.streamEvents.forEach(Runnable::run);
    for (RTCTrackEvent e : fx.trackEvents) {
      dispatchEvent(e);
    }
    for (MediaStreamEvent e : legacy.addStreamEvents(fx.trackEvents)) {
      dispatchEvent(e); // the obsolete addstream, after the track events as browsers did
    }
  }

  // ------------------------------------------------------------------ negotiation-needed

  /** webrtc-pc §4.7.3 "update the negotiation-needed flag". */
  @Override
  void updateNegotiationNeeded() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (!chain.isEmpty()) {
        updateNegotiationNeededOnEmptyChain = true;
        return;
      }
    }
    post(() -> {
      synchronized (lock) {
        if (closed) {
          return;
        }
        if (!chain.isEmpty()) {
          updateNegotiationNeededOnEmptyChain = true;
          return;
        }
        if (engine.signalingState != STABLE) {
          return;
        }
        if (!NegotiationNeeded.check(engine)) {
          negotiationNeeded = false;
          refireNegotiationNeeded = false;
          return;
        }
        if (negotiationNeeded && !refireNegotiationNeeded) {
          return;
        }
        negotiationNeeded = true;
        refireNegotiationNeeded = false;
      }
      fire("negotiationneeded");
    });
  }

  private void operationsChainEmpty() {
    boolean update;
    synchronized (lock) {
      update = updateNegotiationNeededOnEmptyChain;
      updateNegotiationNeededOnEmptyChain = false;
    }
    if (update) {
      updateNegotiationNeeded();
    }
  }

  /** Called under the lock when a description took the connection back to stable. */
  private void backToStable() {
    // webrtc-pc §4.4.1.6: "If connection's signaling state is now stable, update the
    // negotiation-needed flag. If [[NegotiationNeeded]] was true both before and after this
    // update, queue a task that ... fires negotiationneeded."
    updateNegotiationNeededOnEmptyChain = true;
    refireNegotiationNeeded = negotiationNeeded;
  }

  private void changed() {
    synchronized (lock) {
      generation++;
    }
  }

  // ------------------------------------------------------------------ offer / answer

  /** {@code createOffer()} with default options. */
  public CompletableFuture<RTCSessionDescriptionInit> createOffer() {
    return createOffer(RTCOfferOptions.defaults());
  }

  /**
   * webrtc-pc §4.4.1.3 {@code createOffer}: InvalidStateError unless the state is stable or
   * have-local-offer. As in the IDL, the result is an {@link RTCSessionDescriptionInit}, not an
   * {@link RTCSessionDescription}; pass it to {@link #setLocalDescription(RTCSessionDescriptionInit)}.
   */
  public CompletableFuture<RTCSessionDescriptionInit> createOffer(RTCOfferOptions options) {
    RTCOfferOptions opts = options == null ? RTCOfferOptions.defaults() : options;
    return chain.chain(() -> {
      synchronized (lock) {
        RTCSignalingState s = engine.signalingState;
        if (s != STABLE && s != HAVE_LOCAL_OFFER) {
          throw new InvalidStateException("createOffer called in state " + s.value());
        }
      }
      CompletableFuture<RTCSessionDescriptionInit> f = new CompletableFuture<>();
      post(() -> {
        if (closed) {
          return;
        }
        RTCSessionDescriptionInit offer;
        try {
          synchronized (lock) {
            legacy.applyOfferToReceive(engine, opts);
            offer = new RTCSessionDescriptionInit(RTCSdpType.OFFER, engine.createOffer(opts.iceRestart()));
            lastOfferGeneration = generation;
            publish();
          }
        } catch (RuntimeException e) {
          f.completeExceptionally(internalError(e));
          return;
        }
        f.complete(offer);
      });
      return f;
    });
  }

  /** {@code createAnswer()} with default options. */
  public CompletableFuture<RTCSessionDescriptionInit> createAnswer() {
    return createAnswer(RTCAnswerOptions.defaults());
  }

  /**
   * webrtc-pc §4.4.1.4 {@code createAnswer}: InvalidStateError unless the state is
   * have-remote-offer or have-local-pranswer.
   */
  public CompletableFuture<RTCSessionDescriptionInit> createAnswer(RTCAnswerOptions options) {
    return chain.chain(() -> {
      synchronized (lock) {
        checkCanAnswer();
      }
      CompletableFuture<RTCSessionDescriptionInit> f = new CompletableFuture<>();
      post(() -> {
        if (closed) {
          return;
        }
        RTCSessionDescriptionInit answer;
        try {
          synchronized (lock) {
            answer = new RTCSessionDescriptionInit(RTCSdpType.ANSWER, engine.createAnswer());
            lastAnswerGeneration = generation;
          }
        } catch (RuntimeException e) {
          f.completeExceptionally(internalError(e));
          return;
        }
        f.complete(answer);
      });
      return f;
    });
  }

  private void checkCanAnswer() {
    RTCSignalingState s = engine.signalingState;
    if (s != HAVE_REMOTE_OFFER && s != HAVE_LOCAL_PRANSWER) {
      throw new InvalidStateException("createAnswer called in state " + s.value());
    }
  }

  /** Parameterless {@code setLocalDescription()}: an implicit offer or answer (perfect negotiation). */
  public CompletableFuture<Void> setLocalDescription() {
    return setLocalDescription(new RTCSessionDescriptionInit(null, ""));
  }

  /**
   * webrtc-pc §4.4.1.5 {@code setLocalDescription}. The type defaults from the signaling state; an
   * empty SDP uses the last created offer/answer (or creates one). InvalidStateError for a type
   * invalid in the state, InvalidModificationError for an SDP that is not the one created.
   */
  public CompletableFuture<Void> setLocalDescription(RTCSessionDescriptionInit description) {
    RTCSessionDescriptionInit init = description == null ? new RTCSessionDescriptionInit(null, "") : description;
    return chain.chain(() -> {
      RTCSdpType type;
      synchronized (lock) {
        RTCSignalingState s = engine.signalingState;
        type = init.type() != null ? init.type()
            : s == STABLE || s == HAVE_LOCAL_OFFER || s == HAVE_REMOTE_PRANSWER ? RTCSdpType.OFFER
            : RTCSdpType.ANSWER;
        engine.checkTransition(false, type);
        String sdp = init.sdp();
        if (type == RTCSdpType.OFFER && !sdp.isEmpty() && !sdp.equals(engine.lastCreatedOffer)) {
          throw new InvalidModificationException("The SDP does not match the previously generated SDP for this type");
        }
        if ((type == RTCSdpType.ANSWER || type == RTCSdpType.PRANSWER) && !sdp.isEmpty()
            && !sdp.equals(engine.lastCreatedAnswer)) {
          throw new InvalidModificationException("The SDP does not match the previously generated SDP for this type");
        }
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      post(() -> {
        if (closed) {
          return;
        }
        JsepEngine.Effects fx;
        try {
          synchronized (lock) {
            fx = applyLocal(type, init.sdp());
          }
        } catch (DOMException e) {
          f.completeExceptionally(e);
          return;
        } catch (RuntimeException e) {
          f.completeExceptionally(internalError(e));
          return;
        }
        announce(fx);
        f.complete(null);
      });
      return f;
    });
  }

  /** {@code setLocalDescription} with a description object (its type and SDP). */
  public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
    return setLocalDescription(description == null ? null : description.toJSON());
  }

  private JsepEngine.Effects applyLocal(RTCSdpType type, String sdp) {
    JsepEngine.Effects fx;
    if (type == RTCSdpType.ROLLBACK) {
      engine.checkTransition(false, type);
      fx = engine.rollback();
    } else {
      engine.checkTransition(false, type);
      String text = sdp;
      if (text.isEmpty() && type == RTCSdpType.OFFER) {
        // step 4: use [[LastCreatedOffer]] unless it is empty or no longer valid
        text = !engine.lastCreatedOffer.isEmpty() && lastOfferGeneration == generation
            ? engine.lastCreatedOffer : engine.createOffer(false);
        lastOfferGeneration = generation;
      } else if (text.isEmpty()) {
        text = !engine.lastCreatedAnswer.isEmpty() && lastAnswerGeneration == generation
            ? engine.lastCreatedAnswer : engine.createAnswer();
        lastAnswerGeneration = generation;
      }
      fx = engine.applyLocal(type, text);
      localDescriptionSet = true;
    }
    afterApply(fx);
    return fx;
  }

  private void afterApply(JsepEngine.Effects fx) {
    generation++;
    if (fx.dtlsRoleNegotiated) {
      dataChannels.assignIds(engine.dtlsClient);
    }
    for (RTCDataChannel dc : dataChannels.withIds()) {
      if (!binding.has(dc)) {
        binding.open(dc);
      }
    }
    binding.applied(engine);
    if (fx.nowStable) {
      backToStable();
    }
    publish();
  }

  /**
   * webrtc-pc §4.4.1.6 {@code setRemoteDescription}. An offer in have-local-offer first rolls
   * back the local offer (one signalingstatechange), then applies (another). Errors: TypeError
   * without a type, InvalidStateError for a type invalid in the state, RTCError
   * (sdp-syntax-error) for unparsable SDP, InvalidAccessError for SDP that cannot be applied;
   * the connection is unchanged after an error.
   */
  public CompletableFuture<Void> setRemoteDescription(RTCSessionDescriptionInit description) {
    if (description == null || description.type() == null) {
      return CompletableFuture.failedFuture(new TypeException("RTCSessionDescriptionInit.type is required"));
    }
    RTCSdpType type = description.type();
    String sdp = description.sdp();
    return chain.chain(() -> {
      boolean implicitRollback;
      synchronized (lock) {
        implicitRollback = type == RTCSdpType.OFFER && engine.signalingState == HAVE_LOCAL_OFFER;
        if (!implicitRollback) {
          engine.checkTransition(true, type);
        }
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      Runnable apply = () -> {
        if (closed) {
          return;
        }
        JsepEngine.Effects fx;
        try {
          synchronized (lock) {
            if (type == RTCSdpType.ROLLBACK) {
              engine.checkTransition(true, type);
              fx = engine.rollback();
            } else {
              fx = engine.applyRemote(type, sdp);
              canTrickle = SdpMedia.trickles(engine.remoteDescription().sdp());
            }
            afterApply(fx);
          }
        } catch (DOMException e) {
          f.completeExceptionally(e);
          return;
        } catch (RuntimeException e) {
          f.completeExceptionally(internalError(e));
          return;
        }
        announce(fx);
        f.complete(null);
      };
      post(() -> {
        if (!implicitRollback) {
          apply.run();
          return;
        }
        if (closed) {
          return;
        }
        JsepEngine.Effects fx;
        synchronized (lock) {
          fx = engine.rollback();
          afterApply(fx);
        }
        announce(fx);
        post(apply);
      });
      return f;
    });
  }

  /** {@code setRemoteDescription} with a description object (its type and SDP). */
  public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
    return setRemoteDescription(description == null ? null : description.toJSON());
  }

  // ------------------------------------------------------------------ descriptions and states

  /** The pending local description if any, else the current one, else null. */
  public RTCSessionDescription localDescription() {
    Descriptions d = descriptions;
    return d.pendingLocal() != null ? d.pendingLocal() : d.currentLocal();
  }

  /** The local description negotiated last, or null. */
  public RTCSessionDescription currentLocalDescription() {
    return descriptions.currentLocal();
  }

  /** The local description being negotiated, or null. */
  public RTCSessionDescription pendingLocalDescription() {
    return descriptions.pendingLocal();
  }

  /** The pending remote description if any, else the current one, else null. */
  public RTCSessionDescription remoteDescription() {
    Descriptions d = descriptions;
    return d.pendingRemote() != null ? d.pendingRemote() : d.currentRemote();
  }

  /** The remote description negotiated last, or null. */
  public RTCSessionDescription currentRemoteDescription() {
    return descriptions.currentRemote();
  }

  /** The remote description being negotiated, or null. */
  public RTCSessionDescription pendingRemoteDescription() {
    return descriptions.pendingRemote();
  }

  /** The signaling state ({@code closed} after {@link #close()}). */
  public RTCSignalingState signalingState() {
    return signalingState;
  }

  /** The ICE gathering state (webrtc-pc §4.3.2), from the ICE transport's. */
  public RTCIceGatheringState iceGatheringState() {
    return binding.gatheringState();
  }

  /** The ICE connection state (webrtc-pc §4.3.3 RTCIceConnectionState), from the ICE transport's. */
  public RTCIceConnectionState iceConnectionState() {
    return binding.iceConnectionState();
  }

  /** The connection state (webrtc-pc §4.3.3 RTCPeerConnectionState), from the ICE and DTLS transports'. */
  public RTCPeerConnectionState connectionState() {
    return binding.connectionState();
  }

  /**
   * The SCTP transport (webrtc-pc §6.1 {@code sctp}): null until a description with an
   * application m-section is applied (local or remote, offer or answer, as in Chromium; state
   * {@code connecting}), null again when a negotiation ends without one (rejected, removed, or
   * its offer rolled back).
   */
  public RTCSctpTransport sctp() {
    return binding.sctpTransport();
  }

  TransportBinding binding() {
    return binding;
  }

  DataChannels dataChannels() {
    return dataChannels;
  }

  /** Adds a gathered local candidate (or end-of-candidates) to the local description, as browsers do. */
  void addToLocalDescription(RTCIceCandidateInit c) {
    synchronized (lock) {
      JsepEngine.Desc local = engine.localDescription();
      if (local == null || closed) {
        return;
      }
      try {
        engine.replaceLocal(IceCandidates.add(local, c, IceCandidates.targets(local.sdp(), c)));
      } catch (DOMException e) {
        LOG.debug("{}: candidate not written to the local description: {}", id, e.getMessage());
        return;
      }
      publish();
    }
  }

  /** Null until a remote description is set; then whether it announces {@code a=ice-options:trickle}. */
  public Boolean canTrickleIceCandidates() {
    return canTrickle;
  }

  // ------------------------------------------------------------------ ICE candidates

  /** {@code addIceCandidate()}: end-of-candidates for every m-section. */
  public CompletableFuture<Void> addIceCandidate() {
    return addIceCandidate(new RTCIceCandidateInit("", null, null, null));
  }

  /** {@code addIceCandidate} with an {@link RTCIceCandidate}. */
  public CompletableFuture<Void> addIceCandidate(RTCIceCandidate candidate) {
    return addIceCandidate(candidate == null ? null : candidate.toJSON());
  }

  /**
   * webrtc-pc §4.4.1.7 {@code addIceCandidate}: TypeError for a candidate without sdpMid and
   * sdpMLineIndex, InvalidStateError without a remote description, OperationError for an unknown
   * mid, an index out of range, a ufrag that matches no m-section or an unparsable candidate. An
   * empty candidate means end-of-candidates. The candidate is added to the remote description's
   * SDP, as browsers do.
   */
  public CompletableFuture<Void> addIceCandidate(RTCIceCandidateInit candidate) {
    RTCIceCandidateInit c = withoutAttributePrefix(
        candidate == null ? new RTCIceCandidateInit("", null, null, null) : candidate);
    // step 3: "If candidate.candidate is not an empty string and both candidate.sdpMid and
    // candidate.sdpMLineIndex are null, return a promise rejected with a newly created TypeError."
    if (!c.candidate().isEmpty() && c.sdpMid() == null && c.sdpMLineIndex() == null) {
      return CompletableFuture.failedFuture(new TypeException("Candidate has neither sdpMid nor sdpMLineIndex"));
    }
    return chain.chain(() -> {
      List<Integer> targets;
      synchronized (lock) {
        JsepEngine.Desc remote = engine.remoteDescription();
        if (remote == null) {
          throw new InvalidStateException("addIceCandidate needs a remote description");
        }
        targets = IceCandidates.targets(remote.sdp(), c);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      post(() -> {
        if (closed) {
          return;
        }
        try {
          synchronized (lock) {
            JsepEngine.Desc remote = engine.remoteDescription();
            engine.replaceRemote(IceCandidates.add(remote, c, targets));
            publish();
            binding.addRemoteCandidate(c);
          }
        } catch (DOMException e) {
          f.completeExceptionally(e);
          return;
        } catch (RuntimeException e) {
          f.completeExceptionally(internalError(e));
          return;
        }
        f.complete(null);
      });
      return f;
    });
  }

  /**
   * The candidate with a leading {@code a=} removed: browsers accept the SDP line form
   * {@code a=candidate:...} as well as the candidate-attribute (RFC 8839 §5.1) that
   * webrtc-pc §4.8.1.1 names (WPT RTCPeerConnection-addTcpIceCandidate.html passes it so).
   */
  static RTCIceCandidateInit withoutAttributePrefix(RTCIceCandidateInit c) {
    if (!c.candidate().startsWith("a=")) {
      return c;
    }
    return new RTCIceCandidateInit(c.candidate().substring(2), c.sdpMid(), c.sdpMLineIndex(),
        c.usernameFragment());
  }

  /**
   * webrtc-pc {@code restartIce} (https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-restartice): the next offer carries new ICE credentials; updates
   * negotiation-needed.
   */
  public void restartIce() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      // [[LocalIceCredentialsToReplace]]: the credentials of the current and pending local
      // descriptions; with neither, there is nothing to restart yet.
      if (engine.currentLocal != null || engine.pendingLocal != null) {
        engine.iceRestartPending = true;
        generation++;
      }
    }
    updateNegotiationNeeded();
  }

  // ------------------------------------------------------------------ configuration

  /** The configuration in use (the certificates given at construction, else none). */
  public RTCConfiguration getConfiguration() {
    return configuration;
  }

  /**
   * webrtc-pc "set a configuration" (https://w3c.github.io/webrtc-pc/#set-the-configuration): InvalidStateError when closed,
   * InvalidModificationError when certificates, bundlePolicy or rtcpMuxPolicy change or the
   * candidate pool size changes after setLocalDescription, SyntaxError/InvalidAccessError for ICE
   * servers. Nothing changes unless the whole configuration is valid.
   */
  public void setConfiguration(RTCConfiguration configuration) {
    RTCConfiguration next = configuration == null ? RTCConfiguration.defaults() : configuration;
    synchronized (lock) {
      if (closed) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      RTCConfiguration current = this.configuration;
      ConfigurationRules.checkChange(current, next, localDescriptionSet);
      this.configuration = next.toBuilder().certificates(current.certificates()).build();
      if (!next.iceServers().equals(current.iceServers())
          || next.iceTransportPolicy() != current.iceTransportPolicy()) {
        // webrtc-pc "set a configuration": the ICE Agent's ICE transports setting and ICE servers
        // change now and take effect at the next gathering phase, i.e. the next ICE restart.
        // RFC 8829 §4.1.18: once gathering has started this sets "needs-ice-restart", so the next
        // offer restarts ICE by itself (new credentials; negotiation-needed is not set).
        binding.setIceServers(IceServers.of(next));
        if (localDescriptionSet) {
          engine.iceConfigurationChanged = true;
        }
      }
      if (next.iceCandidatePoolSize() > 0 && current.iceCandidatePoolSize() == 0 && !localDescriptionSet) {
        binding.preGather(); // webrtc-pc "set a configuration" step 11: the pool may be gathered now
      }
    }
  }

  // ------------------------------------------------------------------ close

  /**
   * webrtc-pc {@code close} (https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-close): stops every transceiver, closes every channel, moves the
   * states to closed without firing events. Later promise calls reject with InvalidStateError;
   * operations still in the chain never settle.
   */
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      engine.signalingState = RTCSignalingState.CLOSED;
      for (RTCRtpTransceiver t : engine.transceivers) {
        t.stopping = true;
        t.stopped = true;
        t.direction = RTCRtpTransceiverDirection.STOPPED;
        t.currentDirection = null;
        t.receiver().track().stop();
      }
      dataChannels.closeAll();
      binding.close();
      publish();
    }
    closeIdentity();
    LOG.info("{}: closed", id);
  }

  @Override
  boolean isClosed() {
    return closed;
  }

  @Override
  LegacyStreams legacy() {
    return legacy;
  }

  @Override
  Object lock() {
    return lock;
  }

  @Override
  JsepEngine engine() {
    return engine;
  }

  @Override
  void changedUnderLock() {
    generation++;
  }

  @Override
  void publishUnderLock() {
    publish();
  }

  @Override
  <T> CompletableFuture<T> chain(OperationsChain.Operation<T> operation) {
    return chain.chain(operation);
  }

  @Override
  String cname() {
    return engine.cname;
  }

  @Override
  List<RTCRtpTransceiver> transceivers() {
    return transceiverSnapshot;
  }

  // ------------------------------------------------------------------ data channels

  /** {@code createDataChannel(label)} with default options. */
  public RTCDataChannel createDataChannel(String label) {
    return createDataChannel(label, RTCDataChannelInit.defaults());
  }

  /**
   * webrtc-pc §6.1 {@code createDataChannel}: InvalidStateError when closed; TypeError for a label
   * or protocol over 65535 UTF-8 bytes, negotiated without id, both maxPacketLifeTime and
   * maxRetransmits, or id 65535; OperationError for an id in use. The first channel updates
   * negotiation-needed.
   */
  public RTCDataChannel createDataChannel(String label, RTCDataChannelInit init) {
    RTCDataChannel channel;
    boolean first;
    synchronized (lock) {
      if (closed) {
        throw new InvalidStateException("The RTCPeerConnection is closed");
      }
      channel = dataChannels.create(label, init, engine.dtlsClient);
      if (channel.id() != null) {
        binding.open(channel);
      }
      first = !engine.dataRequested;
      if (first) {
        engine.requestData();
        generation++;
      }
    }
    if (first) {
      updateNegotiationNeeded();
    }
    return channel;
  }

  void closeDataChannel(RTCDataChannel dc) {
    if (!dataChannels.startClosing(dc)) {
      return;
    }
    if (binding.has(dc)) {
      binding.close(dc); // the SCTP stream is reset; the transport reports the channel closed
    } else {
      // webrtc-pc §6.2 close(): with no SCTP stream to reset yet, the closing procedure
      // finishes in the next task: closed, then the close event.
      post(() -> dataChannels.finishClosing(dc));
    }
  }

  // ------------------------------------------------------------------ stats

  /**
   * {@code getStats()} (webrtc-pc §8.2, webrtc-stats): the {@code peer-connection} entry, a
   * {@code data-channel} entry per channel, and once ICE has started the {@code transport},
   * {@code candidate-pair}, {@code local-candidate}/{@code remote-candidate} and
   * {@code certificate} entries. RTP entries come with media.
   */
  public CompletableFuture<RTCStatsReport> getStats() {
    return getStats(null);
  }

  /**
   * webrtc-pc §8.2 {@code getStats(selector)}: InvalidAccessError, before the returned future is
   * returned, when {@code selector} is the track of none of this connection's senders or receivers.
   * Without transports, the report holds the {@code peer-connection} entry for any selector.
   */
  public CompletableFuture<RTCStatsReport> getStats(MediaStreamTrack selector) {
    if (selector != null) {
      // webrtc-pc §8.2 step 5: "If no such sender or receiver exists, or if more than one sender
      // or receiver fit this criteria, return a promise rejected with a newly created
      // InvalidAccessError." A track both sent and received is ambiguous.
      int matches = 0;
      for (RTCRtpTransceiver t : transceiverSnapshot) {
        matches += (t.sender().track() == selector ? 1 : 0) + (t.receiver().track() == selector ? 1 : 0);
      }
      if (matches == 0) {
        return CompletableFuture.failedFuture(new InvalidAccessException(
            "The track " + selector.id() + " belongs to no sender or receiver of this connection"));
      }
      if (matches > 1) {
        return CompletableFuture.failedFuture(new InvalidAccessException(
            "The track " + selector.id() + " belongs to " + matches + " senders or receivers of this connection"));
      }
    }
    if (selector != null) {
      // webrtc-pc §8.2 step 6 / §8.5: the sender's or receiver's selection
      for (RTCRtpTransceiver t : transceiverSnapshot) {
        if (t.sender().track() == selector) {
          return t.sender().getStats();
        }
        if (t.receiver().track() == selector) {
          return t.receiver().getStats();
        }
      }
    }
    return fullReport();
  }

  /** The whole report (webrtc-pc §8.2 with a null selector). */
  private CompletableFuture<RTCStatsReport> fullReport() {
    // webrtc-pc §8.2 step 7 "in parallel": the transport's counters are taken on its loop, the
    // report is assembled and the promise resolved in a task.
    CompletableFuture<RTCStatsReport> f = new CompletableFuture<>();
    binding.pairStats().whenComplete((pairs, error) -> post(() -> {
      try {
        StatsReportBuilder b = new StatsReportBuilder(settings.clock().wallMillis(), binding.monotonicNanos());
        b.peerConnection(dataChannels.opened(), dataChannels.closed());
        b.dataChannels(dataChannels);
        binding.addStats(b, pairs == null ? java.util.List.of() : pairs, engine.certificate);
        f.complete(b.build());
      } catch (RuntimeException e) {
        f.completeExceptionally(internalError(e));
      }
    }));
    return f;
  }

  /** webrtc-pc §8.5 stats selection: the full report reduced to {@code roots} and what they reference. */
  CompletableFuture<RTCStatsReport> statsFor(java.util.function.Predicate<RTCStats> roots) {
    return fullReport().thenApply(r -> r.select(roots));
  }

  String id() {
    return id;
  }

  @Override
  public String toString() {
    return "RTCPeerConnection[" + id + ", " + signalingState.value() + "]";
  }
}
