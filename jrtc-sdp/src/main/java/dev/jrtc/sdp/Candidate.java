package dev.jrtc.sdp;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICE candidate as in {@code a=candidate:} (RFC 8839 §5.1, with {@code tcptype} from RFC 6544
 * §4.5):
 * <pre>
 * foundation SP component-id SP transport SP priority SP connection-address SP port
 * SP "typ" SP cand-type [SP "raddr" SP address] [SP "rport" SP port] *(SP extension-att-name SP extension-att-value)
 * </pre>
 * Extension attributes other than {@code tcptype} (Chromium's {@code generation}, {@code ufrag},
 * {@code network-id}, {@code network-cost}) are kept in order in {@link #extensions()}.
 * The transport keeps its case ({@code udp}, {@code UDP}); the address may be an IP address or an
 * mDNS name ({@code <uuid>.local}).
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
    int port, String type, Optional<String> relatedAddress, OptionalInt relatedPort,
    Optional<String> tcpType, List<Map.Entry<String, String>> extensions) {

  /** Checks ranges (component 1..256, priority 0..2^32-1, ports 0..65535) and copies the extensions. */
  public Candidate {
    Tokens.checkToken(foundation, "foundation");
    if (component < 1 || component > 256) {
      throw new IllegalArgumentException("component out of range: " + component);
    }
    Tokens.checkToken(transport, "transport");
    if (priority < 0 || priority > 0xffffffffL) {
      throw new IllegalArgumentException("priority out of range: " + priority);
    }
    Tokens.checkToken(address, "address");
    checkPort(port);
    Tokens.checkToken(type, "type");
    Objects.requireNonNull(relatedAddress, "relatedAddress");
    relatedAddress.ifPresent(a -> Tokens.checkToken(a, "relatedAddress"));
    Objects.requireNonNull(relatedPort, "relatedPort");
    if (relatedPort.isPresent()) {
      checkPort(relatedPort.getAsInt());
    }
    Objects.requireNonNull(tcpType, "tcpType");
    tcpType.ifPresent(t -> Tokens.checkToken(t, "tcpType"));
    List<Map.Entry<String, String>> copy = new ArrayList<>(extensions.size());
    for (Map.Entry<String, String> e : extensions) {
      Tokens.checkToken(e.getKey(), "extension name");
      Tokens.checkToken(e.getValue(), "extension value");
      copy.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
    }
    extensions = List.copyOf(copy);
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses a candidate attribute value, with or without the leading {@code candidate:} (the form
   * of {@code RTCIceCandidate.candidate}).
   */
  public static Candidate parse(String value) {
    Tokens.clean(value);
    String v = Tokens.trim(value);
    if (v.startsWith("candidate:")) {
      v = v.substring("candidate:".length());
    }
    List<String> f = Tokens.split(v);
    if (f.size() < 8) {
      throw SdpParseException.invalid(value, "candidate has fewer than 8 fields");
    }
    String foundation = f.get(0);
    int component = Tokens.parseInt(value, f.get(1), "component id", 1, 256);
    String transport = f.get(2);
    long priority = Tokens.parseLong(value, f.get(3), "priority", 0, 0xffffffffL);
    String address = f.get(4);
    int port = Tokens.parseInt(value, f.get(5), "port", 0, 65535);
    if (!f.get(6).equals("typ")) {
      throw SdpParseException.invalid(value, "candidate lacks \"typ\"");
    }
    String type = f.get(7);
    if ((f.size() - 8) % 2 != 0) {
      throw SdpParseException.invalid(value, "candidate extension attribute without value");
    }
    Optional<String> raddr = Optional.empty();
    OptionalInt rport = OptionalInt.empty();
    Optional<String> tcpType = Optional.empty();
    List<Map.Entry<String, String>> ext = new ArrayList<>();
    for (int i = 8; i < f.size(); i += 2) {
      String name = f.get(i);
      String val = f.get(i + 1);
      if (name.equals("raddr") && raddr.isEmpty()) {
        raddr = Optional.of(val);
      } else if (name.equals("rport") && rport.isEmpty()) {
        rport = OptionalInt.of(Tokens.parseInt(value, val, "rport", 0, 65535));
      } else if (name.equals("tcptype") && tcpType.isEmpty()) {
        tcpType = Optional.of(val);
      } else {
        ext.add(new AbstractMap.SimpleImmutableEntry<>(name, val));
      }
    }
    return new Candidate(foundation, component, transport, priority, address, port, type, raddr, rport,
        tcpType, ext);
  }

  /** The first value of extension attribute {@code name} (e.g. {@code ufrag}), if present. */
  public Optional<String> extension(String name) {
    for (Map.Entry<String, String> e : extensions) {
      if (e.getKey().equals(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The canonical value without {@code candidate:}, in the order libwebrtc writes it:
   * {@code ... typ srflx raddr 1.2.3.4 rport 5 tcptype passive generation 0 ...}.
   */
  public String toValue() {
    StringBuilder sb = new StringBuilder(128);
    sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
        .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
    relatedAddress.ifPresent(a -> sb.append(" raddr ").append(a));
    if (relatedPort.isPresent()) {
      sb.append(" rport ").append(relatedPort.getAsInt());
    }
    tcpType.ifPresent(t -> sb.append(" tcptype ").append(t));
    for (Map.Entry<String, String> e : extensions) {
      sb.append(' ').append(e.getKey()).append(' ').append(e.getValue());
    }
    return sb.toString();
  }
}
