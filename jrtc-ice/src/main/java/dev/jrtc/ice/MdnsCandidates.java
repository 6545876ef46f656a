package dev.jrtc.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Remote candidates waiting for their mDNS names to resolve (one query per name). */
final class MdnsCandidates {
  private final MdnsResolver resolver;
  private final Map<String, List<Candidate>> waiting = new LinkedHashMap<>();

  MdnsCandidates(MdnsResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Parks a candidate for {@code hostname} until it resolves.
   *
   * @throws IllegalArgumentException when {@code hostname} is not an mDNS ({@code .local}) name
   */
  void request(String hostname, String foundation, int component, Protocol protocol, long priority, int port,
      CandidateType type) {
    String lower = hostname.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".local") && !lower.endsWith(".local.")) {
      throw new IllegalArgumentException("not an mDNS name: " + hostname);
    }
    // The address is a placeholder until the name resolves.
    request(hostname, new Candidate(foundation, component,
        new TransportAddress(InetAddress.getLoopbackAddress(), port, protocol), priority, type, null));
  }

  private void request(String hostname, Candidate template) {
    if (resolver == null) {
      return; // no resolver: the candidate cannot be used
    }
    String key = hostname.toLowerCase(Locale.ROOT);
    boolean first = !waiting.containsKey(key);
    waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(template);
    if (first) {
      resolver.resolve(hostname);
    }
  }

  /** The parked candidates with the resolved address; empty when the name failed or is unknown. */
  List<Candidate> resolved(String hostname, InetAddress address) {
    List<Candidate> parked = waiting.remove(hostname.toLowerCase(Locale.ROOT));
    List<Candidate> out = new ArrayList<>();
    if (parked == null || address == null) {
      return out;
    }
    for (Candidate t : parked) {
      out.add(new Candidate(t.foundation(), t.component(),
          new TransportAddress(address, t.address().port(), t.address().protocol()), t.priority(), t.type(), null));
    }
    return out;
  }
}
