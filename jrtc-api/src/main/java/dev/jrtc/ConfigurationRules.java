package dev.jrtc;

import java.util.List;
import java.util.Locale;

/**
 * The checks of webrtc-pc "set a configuration": the members that cannot change, and on each
 * {@link RTCIceServer} (step 11) the URL syntax of RFC 7064 (stun/stuns) and RFC 7065
 * (turn/turns) and the TURN credentials.
 */
final class ConfigurationRules {

  private ConfigurationRules() {}

  /** The longest TURN username browsers accept (WPT RTCConfiguration-iceServers: 509). */
  static final int MAX_USERNAME_LENGTH = 509;

  static void validate(List<RTCIceServer> servers) {
    for (RTCIceServer server : servers) {
      if (server.urls().isEmpty()) {
        throw new SyntaxException("RTCIceServer.urls is empty");
      }
      for (String url : server.urls()) {
        String scheme = parse(url);
        if (scheme.equals("turn") || scheme.equals("turns")) {
          // webrtc-pc "set the configuration" step 11: TURN needs a username and a credential.
          if (server.username() == null || server.credential() == null) {
            throw new InvalidAccessException("TURN server " + url + " needs a username and a credential");
          }
          if (server.credential().isEmpty()) {
            throw new InvalidAccessException("TURN server " + url + " has an empty credential");
          }
          if (server.username().length() > MAX_USERNAME_LENGTH) {
            throw new InvalidAccessException("TURN username is longer than " + MAX_USERNAME_LENGTH
                + " characters");
          }
        }
      }
    }
  }

  /**
   * Parses {@code scheme ":" host [":" port] ["?transport=" ("udp"/"tcp")]} and returns the
   * scheme in lower case; SyntaxError otherwise.
   */
  static String parse(String url) {
    if (url == null || url.isEmpty()) {
      throw new SyntaxException("ICE server URL is empty");
    }
    int colon = url.indexOf(':');
    if (colon <= 0) {
      throw new SyntaxException("ICE server URL '" + url + "' has no scheme");
    }
    String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("stun") && !scheme.equals("stuns") && !scheme.equals("turn")
        && !scheme.equals("turns")) {
      throw new SyntaxException("ICE server URL '" + url + "' does not use stun, stuns, turn or turns");
    }
    String rest = url.substring(colon + 1);
    int q = rest.indexOf('?');
    if (q >= 0) {
      String query = rest.substring(q + 1);
      rest = rest.substring(0, q);
      if (scheme.startsWith("stun")) {
        throw new SyntaxException("STUN URL '" + url + "' cannot have a query (RFC 7064 §3.1)");
      }
      if (!query.equals("transport=udp") && !query.equals("transport=tcp")) {
        throw new SyntaxException("TURN URL '" + url + "' has an invalid query (RFC 7065 §3.1)");
      }
    }
    for (char c : new char[] {'/', '\\', '#', '@', '?'}) {
      if (rest.indexOf(c) >= 0) {
        throw new SyntaxException("ICE server URL '" + url + "' contains '" + c + "'");
      }
    }
    String host;
    String port = null;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new SyntaxException("ICE server URL '" + url + "' has an unclosed IPv6 literal");
      }
      host = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new SyntaxException("ICE server URL '" + url + "' has text after the IPv6 literal");
        }
        port = after.substring(1);
      }
      if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
        throw new SyntaxException("ICE server URL '" + url + "' has an invalid IPv6 literal");
      }
    } else {
      int c = rest.indexOf(':');
      host = c < 0 ? rest : rest.substring(0, c);
      if (c >= 0) {
        port = rest.substring(c + 1);
      }
      if (host.isEmpty() || !host.matches("[A-Za-z0-9._~!$&'()*+,;=%-]+")) {
        throw new SyntaxException("ICE server URL '" + url + "' has an invalid host");
      }
    }
    if (port != null) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
        throw new SyntaxException("ICE server URL '" + url + "' has an invalid port");
      }
    }
    return scheme;
  }

  /**
   * webrtc-pc "set a configuration" steps 4-11 for setConfiguration: certificates, bundlePolicy and
   * rtcpMuxPolicy cannot change (InvalidModificationError), nor the candidate pool size once a
   * local description was set; the ICE servers are checked as at construction.
   */
  static void checkChange(RTCConfiguration current, RTCConfiguration next, boolean localDescriptionSet) {
    if (!next.certificates().isEmpty() && !next.certificates().equals(current.certificates())) {
      throw new InvalidModificationException("Certificates cannot be changed");
    }
    if (next.bundlePolicy() != current.bundlePolicy()) {
      throw new InvalidModificationException("bundlePolicy cannot be changed from "
          + current.bundlePolicy().value() + " to " + next.bundlePolicy().value());
    }
    if (next.rtcpMuxPolicy() != current.rtcpMuxPolicy()) {
      throw new InvalidModificationException("rtcpMuxPolicy cannot be changed");
    }
    if (next.iceCandidatePoolSize() != current.iceCandidatePoolSize() && localDescriptionSet) {
      throw new InvalidModificationException(
          "iceCandidatePoolSize cannot be changed after setLocalDescription");
    }
    ConfigurationRules.validate(next.iceServers());
  }
}
