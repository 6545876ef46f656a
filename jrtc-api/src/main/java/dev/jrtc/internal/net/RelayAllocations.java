package dev.jrtc.internal.net;

import dev.jrtc.common.Clock;
import dev.jrtc.common.Entropy;
import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidatePair;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.Transmit;
import dev.jrtc.ice.TransportAddress;
import dev.jrtc.turn.TurnClient;
import dev.jrtc.turn.TurnEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN allocations (RFC 8656) of one {@link IceTransportDriver}, one per configured TURN
 * server, each with its own {@link TurnClient} over UDP, TCP or TLS ({@link TurnAllocation},
 * RFC 8656 §3.1): the relayed candidates they give the agent, the agent's transmits from a
 * relayed candidate (sent through the client), the client's peer data (fed back to the agent on
 * the relayed address, as {@link IceAgent}'s Javadoc asks), a channel for a selected pair on a
 * relayed candidate (RFC 8656 §12), lost allocations, and their release: all at close, and at an
 * ICE restart those of servers no longer configured once the new generation selects (RFC 8445
 * §9; webrtc-pc "set a configuration").
 *
 * <p>Touched only on the driver's executor; I/O threads come back through {@code run}.
 */
final class RelayAllocations {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");

  /** What the driver provides. */
  interface Loop {
    /** Enqueues a step on the driver's executor (from an I/O thread). */
    void run(Runnable step);

    /** The driver's monotonic now. */
    long now();

    /** The driver's monotonic now for an input stamped {@code stamped} on another thread. */
    long now(long stamped);

    /** Reports a gathering error (a failed allocation) to the driver's listener. */
    void deliver(IceEvent e);
  }

  private final IceAgent agent;
  private final IoThreads io;
  private final NetworkSettings network;
  private final Clock clock;
  private final Entropy entropy;
  private final String logId;
  private final Loop loop;
  private final List<TurnAllocation> allocations = new ArrayList<>();
  /**
   * Allocations on TURN servers that a restart no longer has (or lost ones): the previous
   * generation may still use them, so they are released once the new generation selects a pair.
   */
  private final List<TurnAllocation> retiring = new ArrayList<>();
  private final AtomicLong lost = new AtomicLong();

  RelayAllocations(IceAgent agent, IoThreads io, NetworkSettings network, Clock clock, Entropy entropy, String logId,
      Loop loop) {
    this.agent = agent;
    this.io = io;
    this.network = network;
    this.clock = clock;
    this.entropy = entropy;
    this.logId = logId;
    this.loop = loop;
  }

  /** The allocations in use (including those waiting to be released). */
  int count() {
    return allocations.size();
  }

  /** Relayed candidates lost after they were allocated (any thread). */
  long lostCount() {
    return lost.get();
  }

  /** True when every allocation is allocated or failed: gathering need not wait for them. */
  boolean settled() {
    for (TurnAllocation a : allocations) {
      if (!a.settled) {
        return false;
      }
    }
    return true;
  }

  /**
   * Opens an allocation on {@code server} at {@code remote} from the local address {@code local}
   * (a gathering error when no socket can be opened).
   */
  void open(TurnServer server, InetAddress remote, InetAddress local, long now) {
    TurnAllocation a;
    try {
      a = TurnAllocation.open(server, new InetSocketAddress(remote, server.port()), local, allocations.size(), io,
          network, clock, entropy, now, new TurnAllocation.Callbacks() {
            @Override
            public void onServerData(TurnAllocation allocation, byte[] data, long nowNanos) {
              loop.run(() -> allocation.client.handleInbound(data, loop.now(nowNanos)));
            }

            @Override
            public void onConnectionLost(TurnAllocation allocation, String reason) {
              loop.run(() -> {
                if (!allocation.lost) {
                  // RFC 8656 §3.1: the allocation lives and dies with the connection.
                  allocation.client.connectionLost(TurnClient.TIMEOUT_ERROR_CODE, reason, loop.now());
                }
              });
            }
          });
    } catch (IOException e) {
      loop.deliver(new IceEvent.GatheringError(IceServerGathering.NO_ADDRESS,
          TransportAddress.udp(remote, server.port()), 701,
          "cannot open a socket to the TURN server: " + e.getMessage(), server.url()));
      return;
    }
    allocations.add(a);
  }

  /**
   * Sends every client's datagrams and handles every client's events ({@code sendDrops} counts
   * the datagrams a link refused); returns whether there was anything.
   */
  boolean drain(long now, AtomicLong sendDrops) {
    boolean progress = false;
    for (TurnAllocation a : List.copyOf(allocations)) {
      byte[] d;
      while ((d = a.client.pollTransmit()) != null) {
        progress = true;
        if (!a.send(d)) {
          sendDrops.incrementAndGet();
        }
      }
      TurnEvent e;
      while ((e = a.client.pollEvent()) != null) {
        progress = true;
        onTurnEvent(a, e, now);
      }
    }
    return progress;
  }

  /** Sends every client's datagrams, nothing else (the bulk data path). */
  void flush(AtomicLong sendDrops) {
    for (TurnAllocation a : allocations) {
      byte[] d;
      while ((d = a.client.pollTransmit()) != null) {
        if (!a.send(d)) {
          sendDrops.incrementAndGet();
        }
      }
    }
  }

  /**
   * Sends {@code t} through the client of its relayed local address; false when {@code t} does
   * not leave from a relayed candidate.
   */
  boolean relay(Transmit t, long now, AtomicLong sendDrops) {
    for (TurnAllocation a : allocations) {
      if (t.local().equals(a.relayed)) {
        try {
          // The relayed candidate's base is the relayed address: the TURN client carries it.
          a.client.send(t.remote().toSocketAddress(), t.data(), now);
        } catch (IllegalStateException e) {
          sendDrops.incrementAndGet(); // the allocation is gone
        }
        return true;
      }
    }
    return false;
  }

  private void onTurnEvent(TurnAllocation a, TurnEvent e, long now) {
    if (e instanceof TurnEvent.Allocated) {
      TurnEvent.Allocated al = (TurnEvent.Allocated) e;
      a.relayed = TransportAddress.udp(al.relayed().getAddress(), al.relayed().getPort());
      a.settled = true;
      TransportAddress local = a.localAddress();
      TransportAddress related = al.mapped() != null
          ? TransportAddress.udp(al.mapped().getAddress(), al.mapped().getPort())
          : TransportAddress.udp(local.address(), local.port());
      // RFC 8445 §5.1.1.3 foundation per type, base, server and transport; §5.1.2.1 priority with
      // relay type preference 0 and a local preference ranking UDP > TCP > TLS to the server.
      agent.addLocalCandidate(IceAgent.relayedCandidate(a.relayServer(), local, a.relayed, related, a.index), now);
    } else if (e instanceof TurnEvent.AllocationFailed) {
      TurnEvent.AllocationFailed f = (TurnEvent.AllocationFailed) e;
      a.settled = true;
      a.lost = true;
      LOG.debug("{} TURN allocation on {} failed: {} {}", logId, a.server.url(), f.errorCode(), f.reason());
      a.closeAsync();
      loop.deliver(new IceEvent.GatheringError(a.localAddress(), a.serverAddress, f.errorCode(), f.reason(),
          a.server.url()));
    } else if (e instanceof TurnEvent.PeerData) {
      TurnEvent.PeerData d = (TurnEvent.PeerData) e;
      if (a.relayed != null) {
        agent.handleInbound(d.data(), a.relayed, TransportAddress.udp(d.peer().getAddress(), d.peer().getPort()),
            now);
      }
    } else if (e instanceof TurnEvent.Expired) {
      // The TCP/TLS connection broke or no Refresh succeeded: the relayed candidate and its
      // permissions are gone (RFC 8656 §3.1, §7). Pairs on it stop getting answers and fail.
      a.lost = true;
      lost.incrementAndGet();
      LOG.warn("{} TURN allocation on {} lost: relayed candidate {} no longer works", logId, a.server.url(),
          a.relayed);
      a.closeAsync();
      if (a.relayed != null) {
        agent.localCandidateFailed(a.relayed, now); // its pairs fail now, not after their checks time out
      }
    }
  }

  /**
   * webrtc-pc {@code relayProtocol} and {@code url} for a relayed candidate of ours: the event
   * with them, or {@code e} itself for any other candidate.
   */
  IceEvent.CandidateGathered withOrigin(IceEvent.CandidateGathered e) {
    Candidate c = e.candidate();
    for (TurnAllocation a : allocations) {
      if (c.type() == CandidateType.RELAYED && c.address().equals(a.relayed)) {
        return new IceEvent.CandidateGathered(c, a.relayProtocol(), a.server.url());
      }
    }
    return e;
  }

  /**
   * RFC 8656 §12: a selected pair on a relayed candidate gets a channel, so that data goes as
   * ChannelData (4 bytes of overhead) rather than Send/Data indications (36 bytes).
   */
  void bindChannel(CandidatePair pair, long now) {
    for (TurnAllocation a : allocations) {
      if (pair.local().address().equals(a.relayed) && !a.lost) {
        try {
          a.client.channelBind(pair.remote().address().toSocketAddress(), now);
        } catch (IllegalStateException ex) {
          LOG.debug("{} no channel on {}: {}", logId, a.serverAddress, ex.getMessage());
        }
      }
    }
  }

  void handleTimeout(long now) {
    for (TurnAllocation a : allocations) {
      a.client.handleTimeout(now);
    }
  }

  long pollTimeoutNanos() {
    long next = Long.MAX_VALUE;
    for (TurnAllocation a : allocations) {
      next = Math.min(next, a.client.pollTimeoutNanos());
    }
    return next;
  }

  // ---------------------------------------------------------------- restarts

  /**
   * An ICE restart with {@code servers}: the allocations on other servers, and the lost ones,
   * retire (the previous generation may still use them); returns the servers that have no
   * working allocation, to allocate on for the new generation.
   */
  List<TurnServer> restart(List<TurnServer> servers) {
    retiring.clear();
    for (TurnAllocation a : allocations) {
      if (!servers.contains(a.server) || a.lost) {
        retiring.add(a);
      }
    }
    List<TurnServer> missing = new ArrayList<>();
    for (TurnServer server : servers) {
      boolean allocated = false;
      for (TurnAllocation a : allocations) {
        allocated |= a.server.equals(server) && !a.lost;
      }
      if (!allocated) {
        missing.add(server);
      }
    }
    return missing;
  }

  /** True when the relayed candidate at {@code relayed} comes from an allocation that stays. */
  boolean keeps(TransportAddress relayed) {
    for (TurnAllocation a : allocations) {
      if (relayed.equals(a.relayed)) {
        return !retiring.contains(a);
      }
    }
    return false;
  }

  /** The restart was rolled back: the restored generation still uses every allocation. */
  void cancelRetirement() {
    retiring.clear();
  }

  /**
   * The new generation selected a pair (RFC 8445 §9: the restart is complete): the retiring
   * allocations are released (RFC 8656 §7.3, a Refresh with lifetime 0).
   */
  void releaseRetired(long now) {
    for (TurnAllocation a : retiring) {
      LOG.debug("{} releasing the TURN allocation on {}: no longer configured or lost", logId, a.server.url());
      if (!a.lost) {
        a.client.close(now);
        byte[] d;
        while ((d = a.client.pollTransmit()) != null) {
          a.send(d);
        }
      }
      a.lost = true;
      a.closeAsync();
      allocations.remove(a);
    }
    retiring.clear();
  }

  // ---------------------------------------------------------------- close

  /** RFC 8656 §7.3: a Refresh with LIFETIME 0 on every allocation, sent before the links close. */
  void deallocate(long now) {
    for (TurnAllocation a : allocations) {
      a.client.close(now);
      byte[] d;
      while ((d = a.client.pollTransmit()) != null) {
        a.send(d);
      }
    }
  }

  /** Closes every link; the futures complete once the sockets are closed. */
  void closeLinks(List<CompletableFuture<Void>> released) {
    for (TurnAllocation a : allocations) {
      released.add(a.closeAsync());
    }
  }
}
