package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=simulcast:send <streams> recv <streams>} (RFC 8853 §5.1). Each direction is a list of
 * simulcast streams separated by {@code ;}; each stream is a list of alternative rids separated by
 * {@code ,}; a rid written {@code ~rid} starts paused. Either direction may be empty (absent).
 */
public record Simulcast(List<List<Stream>> send, List<List<Stream>> recv) {

  /** One rid inside a simulcast stream description, possibly paused ({@code ~}). */
  public record Stream(String rid, boolean paused) {
    /** Checks the rid is a token without the list separators. */
    public Stream {
      Tokens.checkToken(rid, "rid");
      if (rid.indexOf(';') >= 0 || rid.indexOf(',') >= 0 || rid.startsWith("~")) {
        throw new IllegalArgumentException("rid contains ';', ',' or starts with '~': " + rid);
      }
    }

    /** Parses one alternative: {@code rid} or {@code ~rid}. */
    public static Stream parse(String value) {
      Tokens.clean(value);
      boolean paused = value.startsWith("~");
      String rid = paused ? value.substring(1) : value;
      if (rid.isEmpty() || rid.startsWith("~") || rid.indexOf(';') >= 0 || rid.indexOf(',') >= 0
          || Tokens.indexOfSpace(rid, 0) >= 0) {
        throw SdpParseException.invalid(value, "simulcast rid is empty or not a token");
      }
      return new Stream(rid, paused);
    }

    /** {@code rid}, or {@code ~rid} when paused. */
    public String toValue() {
      return paused ? "~" + rid : rid;
    }
  }

  /** Deep-copies both lists. */
  public Simulcast {
    send = copy(send);
    recv = copy(recv);
    if (send.isEmpty() && recv.isEmpty()) {
      throw new IllegalArgumentException("simulcast needs a send or a recv list");
    }
  }

  private static List<List<Stream>> copy(List<List<Stream>> in) {
    List<List<Stream>> out = new ArrayList<>();
    for (List<Stream> alternatives : in) {
      if (alternatives.isEmpty()) {
        throw new IllegalArgumentException("empty simulcast stream");
      }
      out.add(List.copyOf(alternatives));
    }
    return List.copyOf(out);
  }

  /** Parses an attribute value. */
  public static Simulcast parse(String value) {
    Tokens.clean(value);
    List<String> f = Tokens.split(value);
    if (f.size() != 2 && f.size() != 4) {
      throw SdpParseException.invalid(value, "simulcast must be send|recv <streams> [send|recv <streams>]");
    }
    List<List<Stream>> send = List.of();
    List<List<Stream>> recv = List.of();
    for (int i = 0; i < f.size(); i += 2) {
      String dir = f.get(i);
      List<List<Stream>> list = parseList(value, f.get(i + 1));
      if (dir.equals("send") && send.isEmpty()) {
        send = list;
      } else if (dir.equals("recv") && recv.isEmpty()) {
        recv = list;
      } else {
        throw SdpParseException.invalid(value, "simulcast direction must be send or recv, once each");
      }
    }
    return new Simulcast(send, recv);
  }

  private static List<List<Stream>> parseList(String value, String list) {
    List<List<Stream>> out = new ArrayList<>();
    for (String stream : list.split(";", -1)) {
      List<Stream> alternatives = new ArrayList<>();
      for (String alt : stream.split(",", -1)) {
        boolean paused = alt.startsWith("~");
        String rid = paused ? alt.substring(1) : alt;
        if (rid.isEmpty() || rid.startsWith("~")) {
          throw SdpParseException.invalid(value, "simulcast rid is empty");
        }
        alternatives.add(Stream.parse(alt));
      }
      out.add(alternatives);
    }
    return out;
  }

  /** The canonical value: {@code send a;b;~c recv d}. */
  public String toValue() {
    StringBuilder sb = new StringBuilder();
    if (!send.isEmpty()) {
      sb.append("send ");
      appendList(sb, send);
    }
    if (!recv.isEmpty()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("recv ");
      appendList(sb, recv);
    }
    return sb.toString();
  }

  private static void appendList(StringBuilder sb, List<List<Stream>> list) {
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(';');
      }
      List<Stream> alternatives = list.get(i);
      for (int j = 0; j < alternatives.size(); j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append(alternatives.get(j).toValue());
      }
    }
  }
}
