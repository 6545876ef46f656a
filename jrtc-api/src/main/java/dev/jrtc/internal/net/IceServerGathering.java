package dev.jrtc.internal.net;

import dev.jrtc.ice.Candidate;
import dev.jrtc.ice.CandidateType;
import dev.jrtc.ice.IceAgent;
import dev.jrtc.ice.IceCredentials;
import dev.jrtc.ice.IceEvent;
import dev.jrtc.ice.TransportAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE servers and candidate policy of an {@link IceTransportDriver}'s gathering phase
 * (webrtc-pc RTCConfiguration {@code iceServers} and {@code iceTransportPolicy}): STUN servers
 * given to the agent (server-reflexive candidates, RFC 8445 §5.1.1.2), TURN servers allocated on
 * through {@link RelayAllocations}, their host names looked up off the loop with
 * {@link NetworkSettings#resolver()} (gathering completes once every lookup has ended; a failed
 * lookup is a 701 {@code icecandidateerror} with Chromium's text), and new servers or a new
 * policy at an ICE restart (webrtc-pc "set a configuration": they take effect at the next
 * gathering phase, RFC 8829 §4.1.18).
 *
 * <p>Touched only on the driver's executor.
 */
final class IceServerGathering {
  private static final Logger LOG = LoggerFactory.getLogger("dev.jrtc.ice");
  /** Chromium's {@code icecandidateerror} text for a STUN server name that did not resolve. */
  static final String STUN_LOOKUP_ERROR = "STUN host lookup received error.";
  /** Chromium's {@code icecandidateerror} text for a TURN server name that did not resolve. */
  static final String TURN_LOOKUP_ERROR = "TURN host lookup received error.";
  /**
   * The local address of an error that used none (a failed lookup): 0.0.0.0 port 0, which the
   * W3C event reports as a null address and port.
   */
  static final TransportAddress NO_ADDRESS = TransportAddress.udp(wildcard(), 0);

  private static InetAddress wildcard() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private final IceAgent agent;
  private final RelayAllocations relays;
  private final NetworkSettings network;
  private final String logId;
  private final RelayAllocations.Loop loop;
  private List<InetSocketAddress> stunServers;
  private List<TurnServer> turnServers;
  private boolean relayOnly;
  /** The STUN server addresses given to the agent, with the configured server each came from. */
  private final Map<TransportAddress, InetSocketAddress> agentStunServers = new LinkedHashMap<>();
  /** The configured URL of each STUN server address, for the errors of servers given by name. */
  private final Map<TransportAddress, String> stunUrls = new LinkedHashMap<>();
  /** Host name lookups of STUN and TURN servers still running: gathering waits for them. */
  private int pendingLookups;
  private List<HostAddressGatherer.HostAddress> hostAddresses = List.of();

  IceServerGathering(IceAgent agent, RelayAllocations relays, NetworkSettings network, String logId,
      RelayAllocations.Loop loop, List<InetSocketAddress> stunServers, List<TurnServer> turnServers,
      boolean relayOnly) {
    this.agent = agent;
    this.relays = relays;
    this.network = network;
    this.logId = logId;
    this.loop = loop;
    this.stunServers = List.copyOf(stunServers);
    this.turnServers = List.copyOf(turnServers);
    this.relayOnly = relayOnly;
  }

  /** W3C {@code iceTransportPolicy: "relay"} for the current gathering phase. */
  boolean relayOnly() {
    return relayOnly;
  }

  /** The STUN servers of the current gathering phase. */
  List<InetSocketAddress> stunServers() {
    return stunServers;
  }

  /** The TURN servers of the current gathering phase. */
  List<TurnServer> turnServers() {
    return turnServers;
  }

  /** True when no lookup is running and every allocation has settled. */
  boolean settled() {
    return pendingLookups == 0 && relays.settled();
  }

  /**
   * The first gathering phase, once the host addresses are known: the STUN servers (unless
   * relay only) and the TURN servers.
   */
  void start(List<HostAddressGatherer.HostAddress> hostAddresses, long now) {
    this.hostAddresses = hostAddresses;
    if (!relayOnly) {
      for (InetSocketAddress s : stunServers) {
        addStunServer(s, now);
      }
    }
    for (TurnServer t : turnServers) {
      addTurnServer(t, now);
    }
  }

  /**
   * An ICE restart with these servers and policy (see
   * {@link IceTransportDriver#restart(IceCredentials, List, List, boolean)}). Before gathering
   * started ({@code gathering} false) only the agent restarts and the servers are recorded.
   *
   * @param hostBases the host candidate bases, given to the agent again when the policy is all
   */
  void restart(IceCredentials credentials, List<InetSocketAddress> stun, List<TurnServer> turn, boolean relay,
      boolean gathering, List<TransportAddress> hostBases, long now) {
    stunServers = List.copyOf(stun);
    turnServers = List.copyOf(turn);
    relayOnly = relay;
    if (!gathering) {
      agent.restart(credentials, relay, x -> true, now);
      return;
    }
    // Servers no longer configured: the agent stops asking them; their allocations retire.
    for (Map.Entry<TransportAddress, InetSocketAddress> e : List.copyOf(agentStunServers.entrySet())) {
      if (!stun.contains(e.getValue())) {
        agentStunServers.remove(e.getKey());
        stunUrls.remove(e.getKey());
        agent.removeStunServer(e.getKey(), now);
      }
    }
    List<TurnServer> unallocated = relays.restart(turn);
    agent.restart(credentials, relay, x -> x.type() != CandidateType.RELAYED || relays.keeps(x.address()), now);
    if (!relay) {
      for (TransportAddress base : hostBases) {
        agent.addLocalCandidate(base, now); // back to all: the hosts join the new generation
      }
      for (InetSocketAddress server : stun) {
        if (!agentStunServers.containsValue(server)) {
          addStunServer(server, now);
        }
      }
    }
    for (TurnServer server : unallocated) {
      addTurnServer(server, now);
    }
  }

  /**
   * webrtc-pc {@code url} as configured: a server-reflexive candidate or an error of a STUN
   * server given by name carries its {@code stun:NAME:PORT} URL rather than the address.
   */
  IceEvent withConfiguredUrl(IceEvent e) {
    if (e instanceof IceEvent.CandidateGathered) {
      IceEvent.CandidateGathered g = (IceEvent.CandidateGathered) e;
      Candidate c = g.candidate();
      if (c.type() == CandidateType.SERVER_REFLEXIVE && g.url() != null) {
        for (Map.Entry<TransportAddress, String> s : stunUrls.entrySet()) {
          if (g.url().equals("stun:" + hostPort(s.getKey()))) {
            e = new IceEvent.CandidateGathered(c, null, s.getValue());
          }
        }
      }
    } else if (e instanceof IceEvent.GatheringError) {
      IceEvent.GatheringError g = (IceEvent.GatheringError) e;
      String url = stunUrls.get(g.server());
      if (url != null) {
        e = new IceEvent.GatheringError(g.base(), g.server(), g.errorCode(), g.errorText(), url);
      }
    }
    return e;
  }

  /** {@code host:port} as jrtc-ice writes a server into a {@code stun:} URL (IPv6 in brackets). */
  private static String hostPort(TransportAddress a) {
    String h = a.address().getHostAddress();
    return (a.isIpv6() ? "[" + h + "]" : h) + ":" + a.port();
  }

  /**
   * A STUN server by address, or by name once looked up: the agent queries it from every host
   * candidate of the same family (RFC 8445 §5.1.1.2). A failed lookup is a 701 error with
   * Chromium's text and no address (webrtc-pc {@code icecandidateerror}).
   */
  private void addStunServer(InetSocketAddress server, long now) {
    if (!server.isUnresolved()) {
      TransportAddress address = TransportAddress.udp(server.getAddress(), server.getPort());
      agentStunServers.put(address, server);
      agent.addStunServer(address, now);
      return;
    }
    String url = "stun:" + server.getHostString() + ":" + server.getPort();
    lookUp(server.getHostString(), addresses -> {
      for (InetAddress a : usable(addresses, true)) {
        TransportAddress address = TransportAddress.udp(a, server.getPort());
        if (stunServers.contains(server)) { // not removed by a restart meanwhile
          stunUrls.put(address, url);
          agentStunServers.put(address, server);
          agent.addStunServer(address, loop.now());
        }
      }
    }, () -> loop.deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS,
        701, STUN_LOOKUP_ERROR, url)));
  }

  /** A TURN server by address, or by name once looked up (one allocation per server). */
  private void addTurnServer(TurnServer server, long now) {
    InetAddress literal = server.literal();
    if (literal != null) {
      allocate(server, List.of(literal), now);
      return;
    }
    lookUp(server.host(), addresses -> allocate(server, addresses, loop.now()),
        () -> loop.deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS,
            701, TURN_LOOKUP_ERROR, server.url())));
  }

  /**
   * Resolves {@code host} with {@link NetworkSettings#resolver()} off the loop; the outcome runs
   * on the executor. Gathering is not complete until every lookup has ended.
   */
  private void lookUp(String host, Consumer<List<InetAddress>> found, Runnable failed) {
    pendingLookups++;
    CompletableFuture<List<InetAddress>> f;
    try {
      f = Objects.requireNonNull(network.resolver().apply(host), "the resolver returned no future");
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((addresses, error) -> loop.run(() -> {
      pendingLookups--;
      if (error != null || addresses == null || addresses.isEmpty()) {
        LOG.warn("{} host lookup of {} failed: {}", logId, host,
            error != null ? String.valueOf(error.getMessage()) : "no address");
        failed.run();
      } else {
        LOG.debug("{} {} is {}", logId, host, addresses);
        found.accept(addresses);
      }
    }));
  }

  /**
   * The addresses of the families we have host addresses of, in the resolver's order: the first
   * of each family ({@code perFamily}) or all of them.
   */
  private List<InetAddress> usable(List<InetAddress> addresses, boolean perFamily) {
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress a : addresses) {
      boolean local = false;
      for (HostAddressGatherer.HostAddress h : hostAddresses) {
        local |= h.address().getClass() == a.getClass();
      }
      boolean seen = false;
      for (InetAddress o : out) {
        seen |= o.getClass() == a.getClass();
      }
      if (local && !(perFamily && seen)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Allocates on {@code server} at the first of {@code addresses} we have a local address for. */
  private void allocate(TurnServer server, List<InetAddress> addresses, long now) {
    List<InetAddress> usable = usable(addresses, true);
    if (usable.isEmpty()) {
      loop.deliver(new IceEvent.GatheringError(NO_ADDRESS, NO_ADDRESS, 701,
          "no local address of the TURN server's address family", server.url()));
      return;
    }
    InetAddress remote = usable.get(0);
    InetAddress local = null;
    for (HostAddressGatherer.HostAddress h : hostAddresses) {
      if (local == null && h.address().getClass() == remote.getClass()) {
        local = h.address();
      }
    }
    relays.open(server, remote, local, now);
  }
}
