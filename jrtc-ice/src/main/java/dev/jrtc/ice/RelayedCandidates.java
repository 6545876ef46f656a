package dev.jrtc.ice;

import dev.jrtc.common.Entropy;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnEvent;
import dev.jrtc.turn.TurnState;
import dev.jrtc.turn.TurnTransport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The relayed candidates an {@link IceAgent} gathers itself, RFC 8445 §5.1.1.2 with RFC 8656:
 * one {@link TurnClient} per TURN server and base. Checks and data from a relayed candidate go
 * through its client (Send indications, then ChannelData once the selected pair has a channel,
 * RFC 8656 §11-12); what the client sends to its server leaves as a {@link Transmit} from the
 * base; what the server sends back comes in through {@link #handleInbound}. Permissions are
 * created for each remote candidate as soon as it is known (RFC 8656 §9), so the peer's first
 * check through the relay is not dropped by the server.
 */
final class RelayedCandidates {
  /** What the agent does with the relays' outcomes. */
  interface Listener {
    /** The allocation succeeded: {@code relay.candidate} is set. */
    void allocated(Relay relay, long now);

    /** The allocation failed (401 wrong credentials, 701 no answer, ...). */
    void failed(Relay relay, int errorCode, String reason);

    /** Data from {@code peer} arrived on the relayed address. */
    void peerData(Relay relay, TransportAddress peer, byte[] data, long now);

    /** The allocation of {@code relay.candidate} is gone (expired, or its TCP/TLS connection broke). */
    void lost(Relay relay, long now);
  }

  /** One allocation. */
  static final class Relay {
    final RelayServer server;
    final TransportAddress base;
    final TurnClient client;
    final int index;
    Candidate candidate;
    final Set<InetAddress> permissions = new HashSet<>();

    Relay(RelayServer server, TransportAddress base, TurnClient client, int index) {
      this.server = server;
      this.base = base;
      this.client = client;
      this.index = index;
    }
  }

  private final Entropy entropy;
  private final Consumer<Transmit> out;
  private final Listener listener;
  private final List<Relay> relays = new ArrayList<>();
  private boolean draining;

  RelayedCandidates(Entropy entropy, Consumer<Transmit> out, Listener listener) {
    this.entropy = entropy;
    this.out = out;
    this.listener = listener;
  }

  /**
   * The relayed candidate (RFC 8445 §5.1.2): type preference 0, a local preference that ranks
   * UDP above TCP above TLS to the server (Chromium does the same) and earlier servers first,
   * and a foundation from the type, base IP, server and transport (§5.1.1.3). The related
   * address is the mapped address the server reported, or null.
   */
  static Candidate candidate(RelayServer server, TransportAddress base, TransportAddress relayed,
      TransportAddress mapped, int index) {
    int rank = server.transport() == TurnTransport.UDP ? 2 : server.transport() == TurnTransport.TCP ? 1 : 0;
    int localPreference = (rank << 12) + Math.max(0, 4095 - index);
    String foundation = Integer.toUnsignedString(("relay/" + base.address().getHostAddress() + "/" + server.address()
        + "/" + server.transport()).hashCode());
    return new Candidate(foundation, 1, relayed, Candidate.priority(CandidateType.RELAYED, localPreference, 1),
        CandidateType.RELAYED, mapped);
  }

  /** Starts an allocation on {@code server} from {@code base}. */
  void add(RelayServer server, TransportAddress base, long now) {
    Relay r = new Relay(server, base, TurnClient.allocate(server.config(), server.transport(), entropy, now),
        relays.size());
    relays.add(r);
    drain(now);
  }

  /** True while an allocation is outstanding (gathering is not complete). */
  boolean busy() {
    for (Relay r : relays) {
      if (r.client.state() == TurnState.ALLOCATING) {
        return true;
      }
    }
    return false;
  }

  /** Consumes a datagram (or stream bytes) from a TURN server; false when it is not from one. */
  boolean handleInbound(byte[] data, TransportAddress local, TransportAddress remote, long now) {
    for (Relay r : relays) {
      if (r.server.address().equals(remote) && r.base.equals(local)) {
        r.client.handleInbound(data, now);
        drain(now);
        return true;
      }
    }
    return false;
  }

  /**
   * Sends {@code t} through the relay when its local address is one of our relayed candidates;
   * false when it is not (the driver sends it). Without a live allocation the datagram is dropped.
   */
  boolean route(Transmit t, long now) {
    for (Relay r : relays) {
      if (r.candidate != null && r.candidate.address().equals(t.local())) {
        if (r.client.state() == TurnState.ALLOCATED) {
          r.client.send(t.remote().toSocketAddress(), t.data(), now);
          drain(now);
        }
        return true;
      }
    }
    return false;
  }

  /** RFC 8656 §9: a permission for a remote candidate's IP on every live allocation of its family. */
  void permit(Candidate remote, long now) {
    for (Relay r : relays) {
      if (r.candidate != null && r.client.state() == TurnState.ALLOCATED && CheckList.compatible(r.candidate, remote)
          && r.permissions.add(remote.address().address())) {
        r.client.createPermission(remote.address().address(), now);
      }
    }
    drain(now);
  }

  /** The selected pair uses our relayed candidate {@code local}: bind a channel (RFC 8656 §12). */
  void selected(Candidate local, TransportAddress remote, long now) {
    for (Relay r : relays) {
      if (r.candidate != null && r.candidate.address().equals(local.address())
          && r.client.state() == TurnState.ALLOCATED) {
        r.client.channelBind(remote.toSocketAddress(), now);
        drain(now);
      }
    }
  }

  void handleTimeout(long now) {
    for (Relay r : relays) {
      r.client.handleTimeout(now);
    }
    drain(now);
  }

  long pollTimeoutNanos() {
    long t = Long.MAX_VALUE;
    for (Relay r : relays) {
      t = Math.min(t, r.client.pollTimeoutNanos());
    }
    return t;
  }

  /** Releases every allocation (RFC 8656 §7.3: Refresh with LIFETIME 0); events are dropped. */
  void close(long now) {
    for (Relay r : relays) {
      r.client.close(now);
      byte[] b;
      while ((b = r.client.pollTransmit()) != null) {
        out.accept(new Transmit(r.base, r.server.address(), b));
      }
    }
  }

  /** Drains every client; re-entrant calls (data handed to the agent answered at once) return. */
  private void drain(long now) {
    if (draining) {
      return;
    }
    draining = true;
    try {
      boolean progress = true;
      while (progress) {
        progress = false;
        for (int i = 0; i < relays.size(); i++) {
          Relay r = relays.get(i);
          byte[] b;
          while ((b = r.client.pollTransmit()) != null) {
            progress = true;
            out.accept(new Transmit(r.base, r.server.address(), b));
          }
          TurnEvent e;
          while ((e = r.client.pollEvent()) != null) {
            progress = true;
            onEvent(r, e, now);
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  private void onEvent(Relay r, TurnEvent e, long now) {
    if (e instanceof TurnEvent.Allocated) {
      TurnEvent.Allocated a = (TurnEvent.Allocated) e;
      TransportAddress relayed = TransportAddress.udp(a.relayed().getAddress(), a.relayed().getPort());
      TransportAddress mapped = a.mapped() == null ? null
          : TransportAddress.udp(a.mapped().getAddress(), a.mapped().getPort());
      r.candidate = candidate(r.server, r.base, relayed, mapped, r.index);
      listener.allocated(r, now);
    } else if (e instanceof TurnEvent.AllocationFailed) {
      TurnEvent.AllocationFailed f = (TurnEvent.AllocationFailed) e;
      listener.failed(r, f.errorCode(), f.reason());
    } else if (e instanceof TurnEvent.PeerData) {
      TurnEvent.PeerData d = (TurnEvent.PeerData) e;
      if (r.candidate != null) {
        listener.peerData(r, TransportAddress.udp(d.peer().getAddress(), d.peer().getPort()), d.data(), now);
      }
    } else if (e instanceof TurnEvent.Expired && r.candidate != null) {
      listener.lost(r, now);
    }
  }
}
