package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.Protocol;
import dev.jrtc.ice.RelayServer;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnConfig;
import dev.jrtc.turn.TurnTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One relayed candidate of an {@link IceTransportDriver}, being allocated or in use: a sans-IO
 * {@link TurnClient} and its link to the TURN server, a UDP socket of its own or a TCP
 * connection, with TLS for {@code turns:} (RFC 8656 §3.1). The client and the fields are touched
 * only on the driver's executor; the link calls back on an I/O thread and the driver
 * re-dispatches.
 */
final class TurnAllocation {
  /** The link's callbacks, on an I/O thread. */
  interface Callbacks {
    /** A datagram from the server (UDP) or the next bytes of the stream (TCP/TLS). */
    void onServerData(TurnAllocation allocation, byte[] data, long nowNanos);

    /** The TCP/TLS connection is gone ({@code reason} names why: refused, closed, TLS failure). */
    void onConnectionLost(TurnAllocation allocation, String reason);
  }

  final TurnServer server;
  /** The resolved server: a UDP transport address for UDP, a TCP one for TCP and TLS. */
  final TransportAddress serverAddress;
  final TurnClient client;
  final int index;
  private final UdpSocketDriver socket;
  private final TurnStreamConnection stream;
  /** The relayed address once allocated. */
  TransportAddress relayed;
  /** Allocated or failed: gathering need not wait for it. */
  boolean settled;
  /** The connection broke or the allocation expired: nothing goes through it anymore. */
  boolean lost;

  private TurnAllocation(TurnServer server, TransportAddress serverAddress, TurnClient client, int index,
      UdpSocketDriver socket, TurnStreamConnection stream) {
    this.server = server;
    this.serverAddress = serverAddress;
    this.client = client;
    this.index = index;
    this.socket = socket;
    this.stream = stream;
  }

  /**
   * Opens the link from {@code local} to {@code resolved} and starts the allocation (the first
   * Allocate request waits in {@link TurnClient#pollTransmit()}; over TCP/TLS it is queued until
   * the connection is up).
   *
   * @throws IOException when no socket can be bound, or no TLS context is available
   */
  static TurnAllocation open(TurnServer server, InetSocketAddress resolved, InetAddress local, int index,
      IoThreads io, NetworkSettings network, Clock clock, Entropy entropy, long nowNanos, Callbacks callbacks)
      throws IOException {
    TurnAllocation[] self = new TurnAllocation[1];
    TurnConfig config = new TurnConfig(server.username(), server.password(), TurnConfig.DEFAULT_LIFETIME_SECONDS,
        null, network.stunRetransmission());
    if (server.transport() == TurnTransport.UDP) {
      UdpSocketDriver socket = UdpSocketDriver.bind(io, local, network.portMin(), network.portMax(), clock,
          (l, remote, data, stamped) -> {
            TurnAllocation a = self[0];
            if (a != null && remote.equals(a.serverAddress)) {
              callbacks.onServerData(a, data, stamped);
            }
          });
      TurnClient client = TurnClient.allocate(config, TurnTransport.UDP, entropy, nowNanos);
      self[0] = new TurnAllocation(server, TransportAddress.udp(resolved.getAddress(), resolved.getPort()), client,
          index, socket, null);
      return self[0];
    }
    SSLEngine engine = server.transport() == TurnTransport.TLS ? engine(network, server, resolved) : null;
    TurnClient client = TurnClient.allocate(config, server.transport(), entropy, nowNanos);
    TurnStreamConnection[] link = new TurnStreamConnection[1];
    CompletableFuture<TurnAllocation> ready = new CompletableFuture<>();
    link[0] = TurnStreamConnection.open(io, local, resolved, engine, clock, new TurnStreamConnection.Listener() {
      @Override
      public void onEstablished() {
        // Bytes queued before this moment go out on their own; nothing else to do.
      }

      @Override
      public void onData(byte[] data, long nowNanos) {
        ready.thenAccept(a -> callbacks.onServerData(a, data, nowNanos));
      }

      @Override
      public void onClosed(String reason) {
        ready.thenAccept(a -> callbacks.onConnectionLost(a, reason));
      }
    });
    self[0] = new TurnAllocation(server, new TransportAddress(resolved.getAddress(), resolved.getPort(), Protocol.TCP),
        client, index, null, link[0]);
    ready.complete(self[0]);
    return self[0];
  }

  /**
   * A client-mode engine that checks the server's certificate against the URL's host (RFC 8656
   * §4 and RFC 6125 through the JDK's "HTTPS" endpoint identification; an IP literal is matched
   * against the IP addresses in the certificate), sends it as SNI when it is a name, and speaks
   * TLS 1.3 or 1.2.
   */
  static SSLEngine engine(NetworkSettings network, TurnServer server, InetSocketAddress resolved) throws IOException {
    SSLContext context;
    try {
      context = network.tlsContext();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS context for turns: " + e.getMessage(), e);
    }
    String host = server.host().toLowerCase(Locale.ROOT);
    SSLEngine engine = context.createSSLEngine(host, resolved.getPort());
    engine.setUseClientMode(true);
    SSLParameters p = engine.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    if (server.literal() == null) {
      p.setServerNames(List.of(new SNIHostName(host)));
    }
    List<String> protocols = new ArrayList<>();
    for (String wanted : new String[] {"TLSv1.3", "TLSv1.2"}) {
      for (String supported : engine.getSupportedProtocols()) {
        if (supported.equals(wanted)) {
          protocols.add(wanted);
        }
      }
    }
    if (protocols.isEmpty()) {
      throw new IOException("the TLS context supports neither TLS 1.3 nor TLS 1.2");
    }
    p.setProtocols(protocols.toArray(new String[0]));
    engine.setSSLParameters(p);
    return engine;
  }

  /** The local end the requests leave from (the related address until the server tells the mapped one). */
  TransportAddress localAddress() {
    return socket != null ? socket.localAddress() : stream.localAddress();
  }

  /** {@code RTCIceCandidate.relayProtocol}: "udp", "tcp" or "tls". */
  String relayProtocol() {
    return server.transport().name().toLowerCase(Locale.ROOT);
  }

  /** The server as {@link dev.jrtc.ice.IceAgent#relayedCandidate} wants it, for priority and foundation. */
  RelayServer relayServer() {
    return new RelayServer(server.url(), serverAddress, server.transport(),
        new TurnConfig(server.username(), server.password(), TurnConfig.DEFAULT_LIFETIME_SECONDS, null));
  }

  /** Sends bytes the client produced to the server; false when dropped. */
  boolean send(byte[] data) {
    if (socket != null) {
      return socket.send(serverAddress, data);
    }
    if (lost) {
      return false;
    }
    stream.send(data);
    return true;
  }

  /** Closes the link after what was sent (the deallocation) went out. */
  CompletableFuture<Void> closeAsync() {
    return socket != null ? socket.closeAsync() : stream.closeAsync();
  }
}
