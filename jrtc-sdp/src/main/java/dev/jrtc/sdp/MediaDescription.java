package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One media description (RFC 8866 §5.14): the {@code m=} line and the lines after it up to the next
 * {@code m=}. Immutable.
 *
 * <p>Every line keeps its original text and terminator, so a parsed media description is written
 * back byte for byte. Typed views ({@link #rtpMaps()}, {@link #candidates()}, ...) are parsed from
 * the attribute values each time they are called and throw {@link SdpParseException} naming the
 * line when an attribute is malformed.
 *
 * <p>Two media descriptions are equal when their lines hold the same text, line terminators
 * aside.
 */
public final class MediaDescription {

  private final List<SdpLine> lines;
  private final String media;
  private final int port;
  private final OptionalInt numberOfPorts;
  private final String proto;
  private final List<String> formats;

  private MediaDescription(List<SdpLine> lines, String media, int port, OptionalInt numberOfPorts, String proto,
      List<String> formats) {
    this.lines = lines;
    this.media = media;
    this.port = port;
    this.numberOfPorts = numberOfPorts;
    this.proto = proto;
    this.formats = formats;
  }

  /**
   * A media description from parsed lines; the first is the {@code m=} line. Validates the
   * {@code m=} line; throws {@link SdpParseException} naming the line.
   */
  static MediaDescription fromLines(List<SdpLine> lines) {
    SdpLine m = lines.get(0);
    return m.parse(value -> {
      List<String> f = Tokens.split(value);
      // RFC 8866 §5.14 requires at least one format, but peers do send an m= line without one
      // (str0m accepts it too), so only media, port and proto are required here.
      if (f.size() < 3) {
        throw SdpParseException.invalid(value, "media line must be <media> <port> <proto> <fmt> ...");
      }
      String portField = f.get(1);
      int slash = portField.indexOf('/');
      int port = Tokens.parseInt(value, slash < 0 ? portField : portField.substring(0, slash), "port", 0, 65535);
      OptionalInt n = slash < 0 ? OptionalInt.empty()
          : OptionalInt.of(Tokens.parseInt(value, portField.substring(slash + 1), "number of ports", 1, 65535));
      return new MediaDescription(List.copyOf(lines), f.get(0), port, n, f.get(2), List.copyOf(f.subList(3, f.size())));
    }, m.value());
  }

  /** A builder for a new media description: {@code m=<media> <port> <proto> <formats>}. */
  public static Builder builder(String media, int port, String proto, List<String> formats) {
    return new Builder(media, port, proto, formats);
  }

  /** A builder holding this description's lines; untouched lines keep their original text. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  List<SdpLine> lines() {
    return lines;
  }

  /** This description with every line terminator replaced by the description's line ending. */
  MediaDescription normalized() {
    List<SdpLine> copy = new ArrayList<>(lines.size());
    for (SdpLine l : lines) {
      copy.add(l.normalized());
    }
    return new MediaDescription(List.copyOf(copy), media, port, numberOfPorts, proto, formats);
  }

  /** The media type: {@code audio}, {@code video}, {@code application}, or any token. */
  public String media() {
    return media;
  }

  /** The transport port; 0 marks a rejected or bundled-only section (RFC 8843 §7.1.3). */
  public int port() {
    return port;
  }

  /** The {@code /<number of ports>} of the {@code m=} line, if present. */
  public OptionalInt numberOfPorts() {
    return numberOfPorts;
  }

  /** The transport protocol, e.g. {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}. */
  public String proto() {
    return proto;
  }

  /**
   * The media formats: RTP payload types as strings, or {@code webrtc-datachannel}. Empty only for
   * a parsed {@code m=} line that had none.
   */
  public List<String> formats() {
    return formats;
  }

  /** The {@code i=} line value. */
  public Optional<String> information() {
    for (SdpLine l : lines) {
      if (l.type() == 'i') {
        return Optional.of(l.value());
      }
    }
    return Optional.empty();
  }

  /** The first media-level {@code c=} line. */
  public Optional<Connection> connection() {
    List<Connection> c = Lines.typed(lines, 'c', Connection::parse);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  /** The {@code b=} lines. */
  public List<Bandwidth> bandwidths() {
    return Lines.typed(lines, 'b', Bandwidth::parse);
  }

  /** The media-level {@code a=} lines in order. */
  public List<Attribute> attributes() {
    return Lines.attributes(lines);
  }

  /** The value of the first {@code a=name} ("" for a flag attribute). */
  public Optional<String> attribute(String name) {
    return Lines.attribute(lines, name);
  }

  /** The values of every {@code a=name} in order ("" for a flag attribute). */
  public List<String> attributeValues(String name) {
    return Lines.attributeValues(lines, name);
  }

  /** True when an {@code a=name} line is present. */
  public boolean hasAttribute(String name) {
    return Lines.hasAttribute(lines, name);
  }

  /** {@code a=mid} (RFC 5888 §4), trimmed. */
  public Optional<String> mid() {
    return attribute("mid").map(Tokens::trim);
  }

  /** The first direction attribute (RFC 8866 §6.7); absent means sendrecv by default. */
  public Optional<Direction> direction() {
    return Lines.direction(lines);
  }

  /** {@code a=rtpmap} lines. */
  public List<RtpMap> rtpMaps() {
    return Lines.views(lines, "rtpmap", RtpMap::parse);
  }

  /** The {@code a=rtpmap} of a payload type. */
  public Optional<RtpMap> rtpMap(int payloadType) {
    for (RtpMap r : rtpMaps()) {
      if (r.payloadType() == payloadType) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** {@code a=fmtp} lines. */
  public List<Fmtp> fmtps() {
    return Lines.views(lines, "fmtp", Fmtp::parse);
  }

  /** The {@code a=fmtp} of a payload type. */
  public Optional<Fmtp> fmtp(int payloadType) {
    for (Fmtp f : fmtps()) {
      if (f.payloadType() == payloadType) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** {@code a=rtcp-fb} lines (RFC 4585). */
  public List<RtcpFeedback> rtcpFeedbacks() {
    return Lines.views(lines, "rtcp-fb", RtcpFeedback::parse);
  }

  /** {@code a=extmap} lines (RFC 8285). */
  public List<ExtMap> extmaps() {
    return Lines.views(lines, "extmap", ExtMap::parse);
  }

  /** {@code a=msid} lines (RFC 8830). */
  public List<Msid> msids() {
    return Lines.views(lines, "msid", Msid::parse);
  }

  /** {@code a=ssrc} lines (RFC 5576). */
  public List<SsrcAttribute> ssrcs() {
    return Lines.views(lines, "ssrc", SsrcAttribute::parse);
  }

  /** {@code a=ssrc-group} lines (RFC 5576). */
  public List<SsrcGroup> ssrcGroups() {
    return Lines.views(lines, "ssrc-group", SsrcGroup::parse);
  }

  /** {@code a=rid} lines (RFC 8851). */
  public List<Rid> rids() {
    return Lines.views(lines, "rid", Rid::parse);
  }

  /** {@code a=simulcast} (RFC 8853). */
  public Optional<Simulcast> simulcast() {
    return Lines.view(lines, "simulcast", Simulcast::parse);
  }

  /** {@code a=candidate} lines (RFC 8839). */
  public List<Candidate> candidates() {
    return Lines.views(lines, "candidate", Candidate::parse);
  }

  /** {@code a=end-of-candidates} (RFC 8840). */
  public boolean endOfCandidates() {
    return hasAttribute("end-of-candidates");
  }

  /** Media-level {@code a=ice-ufrag} (RFC 8839), trimmed. */
  public Optional<String> iceUfrag() {
    return attribute("ice-ufrag").map(Tokens::trim);
  }

  /** Media-level {@code a=ice-pwd} (RFC 8839), trimmed. */
  public Optional<String> icePwd() {
    return attribute("ice-pwd").map(Tokens::trim);
  }

  /** Media-level {@code a=ice-options} tokens (RFC 8839). */
  public List<String> iceOptions() {
    return Lines.tokens(lines, "ice-options");
  }

  /** Media-level {@code a=fingerprint} lines (RFC 8122). */
  public List<Fingerprint> fingerprints() {
    return Lines.views(lines, "fingerprint", Fingerprint::parse);
  }

  /** Media-level {@code a=setup} (RFC 4145). */
  public Optional<Setup> setup() {
    return Lines.view(lines, "setup", Setup::fromValue);
  }

  /** {@code a=rtcp} (RFC 3605). */
  public Optional<Rtcp> rtcp() {
    return Lines.view(lines, "rtcp", Rtcp::parse);
  }

  /** {@code a=rtcp-mux} (RFC 5761). */
  public boolean rtcpMux() {
    return hasAttribute("rtcp-mux");
  }

  /** {@code a=rtcp-mux-only} (RFC 8858). */
  public boolean rtcpMuxOnly() {
    return hasAttribute("rtcp-mux-only");
  }

  /** {@code a=rtcp-rsize} (RFC 5506). */
  public boolean rtcpRsize() {
    return hasAttribute("rtcp-rsize");
  }

  /** {@code a=sctp-port} (RFC 8841 §5.2). */
  public OptionalInt sctpPort() {
    Optional<Integer> p = Lines.view(lines, "sctp-port",
        v -> Tokens.parseInt(v, Tokens.trim(v), "sctp port", 0, 65535));
    return p.isPresent() ? OptionalInt.of(p.get()) : OptionalInt.empty();
  }

  /** {@code a=max-message-size} (RFC 8841 §6); 0 means no limit. */
  public OptionalLong maxMessageSize() {
    Optional<Long> p = Lines.view(lines, "max-message-size",
        v -> Tokens.parseLong(v, Tokens.trim(v), "max message size", 0, Long.MAX_VALUE));
    return p.isPresent() ? OptionalLong.of(p.get()) : OptionalLong.empty();
  }

  /** The legacy {@code a=sctpmap} (draft-ietf-mmusic-sctp-sdp-05). */
  public Optional<SctpMap> sctpmap() {
    return Lines.view(lines, "sctpmap", SctpMap::parse);
  }

  /** The lines of this section with {@code eol} ending each; a lone section as text. */
  void appendTo(StringBuilder sb, String eol, boolean lastSection) {
    for (int i = 0; i < lines.size(); i++) {
      SessionDescription.appendLine(sb, lines.get(i), eol, lastSection && i == lines.size() - 1);
    }
  }

  /** The section as text with CRLF line endings (for diagnostics; a description writes its own). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendTo(sb, "\r\n", false);
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MediaDescription)) {
      return false;
    }
    List<SdpLine> other = ((MediaDescription) o).lines;
    if (other.size() != lines.size()) {
      return false;
    }
    for (int i = 0; i < lines.size(); i++) {
      if (other.get(i).type() != lines.get(i).type() || !other.get(i).value().equals(lines.get(i).value())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (SdpLine l : lines) {
      h = 31 * h + l.type() * 17 + l.value().hashCode();
    }
    return h;
  }

  /**
   * Builds a media description. Lines added through the builder are written canonically; lines
   * of the description it started from keep their text unless replaced.
   */
  public static final class Builder {
    private final List<SdpLine> lines;
    private String media;
    private int port;
    private OptionalInt numberOfPorts;
    private String proto;
    private List<String> formats;
    private boolean mediaLineChanged;

    private Builder(String media, int port, String proto, List<String> formats) {
      this.lines = new ArrayList<>();
      this.lines.add(SdpLine.built('m', ""));
      this.media = Tokens.checkToken(media, "media");
      this.numberOfPorts = OptionalInt.empty();
      port(port).proto(proto).formats(formats);
    }

    private Builder(MediaDescription d) {
      this.lines = new ArrayList<>(d.lines);
      this.media = d.media;
      this.port = d.port;
      this.numberOfPorts = d.numberOfPorts;
      this.proto = d.proto;
      this.formats = d.formats;
    }

    /** Sets the port of the {@code m=} line (0..65535). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      mediaLineChanged = true;
      return this;
    }

    /** Sets or clears ({@code null}) the number of ports of the {@code m=} line. */
    public Builder numberOfPorts(Integer n) {
      if (n != null && (n < 1 || n > 65535)) {
        throw new IllegalArgumentException("number of ports out of range: " + n);
      }
      this.numberOfPorts = n == null ? OptionalInt.empty() : OptionalInt.of(n);
      mediaLineChanged = true;
      return this;
    }

    /** Sets the protocol of the {@code m=} line. */
    public Builder proto(String proto) {
      this.proto = Tokens.checkToken(proto, "proto");
      mediaLineChanged = true;
      return this;
    }

    /** Sets the formats of the {@code m=} line (at least one, RFC 8866 §5.14). */
    public Builder formats(List<String> formats) {
      List<String> copy = List.copyOf(formats);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("a media description needs at least one format");
      }
      copy.forEach(f -> Tokens.checkToken(f, "format"));
      this.formats = copy;
      mediaLineChanged = true;
      return this;
    }

    /** Sets the {@code i=} line. */
    public Builder information(String text) {
      Lines.set(lines, 'i', Tokens.checkText(text, "information"), Lines.MEDIA_ORDER);
      return this;
    }

    /** Sets the media-level {@code c=} line. */
    public Builder connection(Connection c) {
      Lines.set(lines, 'c', c.toValue(), Lines.MEDIA_ORDER);
      return this;
    }

    /** Adds a {@code b=} line, replacing one of the same type. */
    public Builder bandwidth(Bandwidth b) {
      Lines.setBandwidth(lines, b, Lines.MEDIA_ORDER);
      return this;
    }

    /** Appends a flag attribute {@code a=name}. */
    public Builder attribute(String name) {
      return attribute(Attribute.flag(name));
    }

    /** Appends {@code a=name:value}. */
    public Builder attribute(String name, String value) {
      return attribute(new Attribute(name, Objects.requireNonNull(value, "value")));
    }

    /** Appends an attribute after the existing ones. */
    public Builder attribute(Attribute a) {
      Lines.insert(lines, SdpLine.of(a), Lines.MEDIA_ORDER);
      return this;
    }

    /** Replaces the first {@code a=<name>} in place (removing the others), or appends it. */
    public Builder setAttribute(Attribute a) {
      Lines.setAttribute(lines, a, Lines.MEDIA_ORDER);
      return this;
    }

    /** Replaces the first {@code a=name:value} in place (removing the others), or appends it. */
    public Builder setAttribute(String name, String value) {
      return setAttribute(new Attribute(name, Objects.requireNonNull(value, "value")));
    }

    /** Removes every {@code a=name} line. */
    public Builder removeAttributes(String name) {
      Lines.removeAttributes(lines, name);
      return this;
    }

    /** The media description. */
    public MediaDescription build() {
      List<SdpLine> out = new ArrayList<>(lines);
      if (mediaLineChanged) {
        StringBuilder m = new StringBuilder(media).append(' ').append(port);
        if (numberOfPorts.isPresent()) {
          m.append('/').append(numberOfPorts.getAsInt());
        }
        m.append(' ').append(proto);
        for (String f : formats) {
          m.append(' ').append(f);
        }
        out.set(0, out.get(0).withValue(m.toString()));
      }
      return new MediaDescription(Collections.unmodifiableList(out), media, port, numberOfPorts, proto, formats);
    }
  }
}
