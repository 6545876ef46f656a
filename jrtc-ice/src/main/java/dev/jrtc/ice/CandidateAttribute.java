package dev.jrtc.ice;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SDP {@code candidate} attribute, RFC 8839 §5.1, as browsers write it in
 * {@code RTCIceCandidate.candidate}:
 *
 * <pre>
 * candidate-attribute   = "candidate" ":" foundation SP component-id SP
 *                         transport SP priority SP connection-address SP port SP
 *                         cand-type [SP rel-addr] [SP rel-port] *(SP cand-extension)
 * cand-type             = "typ" SP candidate-types
 * rel-addr              = "raddr" SP connection-address
 * rel-port              = "rport" SP port
 * cand-extension        = extension-att-name SP extension-att-value
 * </pre>
 *
 * <p>Every field is kept as written (the transport's case, an mDNS host name, extensions such
 * as {@code tcptype}, {@code generation}, {@code ufrag}, {@code network-id} in order), so that
 * {@link #toString()} gives back the parsed text. The connection address is never resolved:
 * {@link #toCandidate()} accepts IP literals only, and {@link #isMdns()} tells the driver to
 * use {@link IceAgent#addRemoteMdnsCandidate}.
 *
 * @param foundation 1..32 ice-chars
 * @param component 1..256
 * @param transport the transport token as written ({@code udp}, {@code UDP}, {@code tcp})
 * @param priority 1..2^32-1 as written (RFC 8445 uses up to 2^31-1)
 * @param address an IP literal or a host name (e.g. {@code <uuid>.local})
 * @param port 0..65535
 * @param type the candidate type token ({@code host}, {@code srflx}, {@code prflx}, {@code relay} or other)
 * @param relatedAddress the {@code raddr} value, or null
 * @param relatedPort the {@code rport} value, or -1
 * @param extensions the extension attributes in order
 */
public record CandidateAttribute(String foundation, int component, String transport, long priority, String address,
    int port, String type, String relatedAddress, int relatedPort, List<Extension> extensions) {

  /**
   * One extension attribute.
   *
   * @param name the name (a byte-string without spaces)
   * @param value the value (a byte-string without spaces)
   */
  public record Extension(String name, String value) {}

  /** Longest attribute accepted (a limit against abuse; real ones are under 300 characters). */
  public static final int MAX_LENGTH = 4096;

  private static final Pattern ICE_CHARS = Pattern.compile("[A-Za-z0-9+/]{1,32}");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]+");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

  /** Copies the extension list. */
  public CandidateAttribute {
    Objects.requireNonNull(foundation);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(address);
    Objects.requireNonNull(type);
    extensions = List.copyOf(extensions);
  }

  /**
   * Parses a candidate attribute, with or without the {@code a=} prefix.
   *
   * @throws CandidateParseException naming the first defect
   */
  public static CandidateAttribute parse(String s) throws CandidateParseException {
    if (s == null) {
      throw new CandidateParseException("candidate is null");
    }
    if (s.length() > MAX_LENGTH) {
      throw new CandidateParseException("candidate longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') { // RFC 8866 byte-string excludes NUL, CR, LF
        throw new CandidateParseException("NUL, CR or LF at index " + i);
      }
    }
    String t = s.startsWith("a=") ? s.substring(2) : s;
    if (!t.startsWith("candidate:")) {
      throw new CandidateParseException("does not start with \"candidate:\"");
    }
    String[] f = t.substring("candidate:".length()).split(" ", -1);
    if (f.length < 8) {
      throw new CandidateParseException("expected at least 8 fields, found " + f.length);
    }
    for (String x : f) {
      if (x.isEmpty()) {
        throw new CandidateParseException("empty field (two spaces in a row or a trailing space)");
      }
    }
    if (!ICE_CHARS.matcher(f[0]).matches()) {
      throw new CandidateParseException("foundation must be 1..32 ice-chars: " + f[0]);
    }
    int component = (int) number(f[1], 3, "component-id");
    if (component < 1 || component > 256) {
      throw new CandidateParseException("component-id must be 1..256: " + f[1]);
    }
    if (!TOKEN.matcher(f[2]).matches()) {
      throw new CandidateParseException("transport is not a token: " + f[2]);
    }
    long priority = number(f[3], 10, "priority");
    if (priority < 1 || priority > 0xffffffffL) {
      throw new CandidateParseException("priority must be 1..2^32-1: " + f[3]);
    }
    String address = connectionAddress(f[4], "connection-address");
    int port = port(f[5], "port");
    if (!f[6].equals("typ")) {
      throw new CandidateParseException("expected \"typ\", found " + f[6]);
    }
    if (!TOKEN.matcher(f[7]).matches()) {
      throw new CandidateParseException("candidate type is not a token: " + f[7]);
    }
    String relAddr = null;
    int relPort = -1;
    List<Extension> ext = new ArrayList<>();
    int i = 8;
    if (i + 1 < f.length && f[i].equals("raddr")) {
      relAddr = connectionAddress(f[i + 1], "raddr");
      i += 2;
    }
    if (i + 1 < f.length && f[i].equals("rport")) {
      relPort = port(f[i + 1], "rport");
      i += 2;
    }
    while (i < f.length) {
      if (i + 1 >= f.length) {
        throw new CandidateParseException("extension " + f[i] + " has no value");
      }
      if (f[i].equals("raddr") || f[i].equals("rport")) {
        throw new CandidateParseException(f[i] + " out of order");
      }
      ext.add(new Extension(f[i], f[i + 1]));
      i += 2;
    }
    return new CandidateAttribute(f[0], component, f[2], priority, address, port, f[7], relAddr, relPort, ext);
  }

  private static long number(String s, int maxDigits, String what) throws CandidateParseException {
    if (s.length() > maxDigits) {
      throw new CandidateParseException(what + " has more than " + maxDigits + " digits: " + s);
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new CandidateParseException(what + " is not a number: " + s);
      }
    }
    return Long.parseLong(s);
  }

  private static int port(String s, String what) throws CandidateParseException {
    long p = number(s, 5, what);
    if (p > 65535) {
      throw new CandidateParseException(what + " out of range: " + s);
    }
    return (int) p;
  }

  private static String connectionAddress(String s, String what) throws CandidateParseException {
    if (IPV4.matcher(s).matches() || IPV6.matcher(s).matches() && literal(s) != null
        || HOSTNAME.matcher(s).matches() && s.length() <= 253) {
      return s;
    }
    throw new CandidateParseException(what + " is neither an IP address nor a host name: " + s);
  }

  /** The address as an IP literal, or null; never a DNS lookup. */
  static InetAddress literal(String s) {
    try {
      if (IPV4.matcher(s).matches()) {
        return InetAddress.getByName(s); // a strict dotted quad: parsed, never looked up
      }
      if (IPV6.matcher(s).matches()) {
        // Brackets make the JDK treat it as an IPv6 literal and fail instead of asking DNS.
        return InetAddress.getByName("[" + s + "]");
      }
      return null;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  /** True when the address is an mDNS name ({@code .local}). */
  public boolean isMdns() {
    return address.toLowerCase(Locale.ROOT).endsWith(".local") || address.toLowerCase(Locale.ROOT).endsWith(".local.");
  }

  /** The {@code tcptype} extension (RFC 6544), or null. */
  public String tcpType() {
    for (Extension e : extensions) {
      if (e.name().equals("tcptype")) {
        return e.value();
      }
    }
    return null;
  }

  /** The {@link Protocol} of the transport token (case-insensitive). */
  public Protocol protocol() throws CandidateParseException {
    try {
      return Protocol.fromValue(transport);
    } catch (IllegalArgumentException e) {
      throw new CandidateParseException("unsupported transport: " + transport);
    }
  }

  /**
   * This attribute as a {@link Candidate}. The connection address must be an IP literal (use
   * {@link IceAgent#addRemoteMdnsCandidate} for {@code .local} names).
   */
  public Candidate toCandidate() throws CandidateParseException {
    InetAddress ip = literal(address);
    if (ip == null) {
      throw new CandidateParseException("connection-address is not an IP literal: " + address);
    }
    CandidateType candidateType;
    try {
      candidateType = CandidateType.fromValue(type);
    } catch (IllegalArgumentException e) {
      throw new CandidateParseException("unknown candidate type: " + type);
    }
    if (priority > 0x7fffffffL) {
      throw new CandidateParseException("priority above 2^31-1: " + priority);
    }
    Protocol protocol = protocol();
    TransportAddress related = null;
    if (relatedAddress != null && relatedPort >= 0) {
      InetAddress rel = literal(relatedAddress);
      if (rel != null) {
        related = new TransportAddress(rel, relatedPort, protocol);
      }
    }
    return new Candidate(foundation, component, new TransportAddress(ip, port, protocol), priority, candidateType,
        related);
  }

  /** The attribute text (without {@code a=}), as parsed. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("candidate:").append(foundation).append(' ').append(component).append(' ')
        .append(transport).append(' ').append(priority).append(' ').append(address).append(' ').append(port)
        .append(" typ ").append(type);
    if (relatedAddress != null) {
      b.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort >= 0) {
      b.append(" rport ").append(relatedPort);
    }
    for (Extension e : extensions) {
      b.append(' ').append(e.name()).append(' ').append(e.value());
    }
    return b.toString();
  }
}
