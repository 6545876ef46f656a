package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866): the session-level lines and the media descriptions. Immutable.
 *
 * <p>{@link #parse(String)} keeps every line's original text and terminator (CRLF, LF, or none for
 * a last line without newline) and any blank lines after the last line, so that
 * {@code parse(text).write()} equals {@code text} for every description it accepts. Lines added or
 * replaced through a {@link Builder} are written canonically with the description's line ending.
 * Typed views are parsed from the attribute values on demand; a malformed attribute value fails
 * the view with an {@link SdpParseException} naming its line, not the parse.
 *
 * <p>Limits: a description is at most 1 MiB (1,048,576 bytes of UTF-8) and a line at most 64 KiB
 * (65,536 characters without its terminator); larger input is rejected with
 * {@link SdpParseException}, as are blank lines other than trailing ones.
 *
 * <p>Two descriptions are equal when they write the same text.
 */
public final class SessionDescription {

  private final List<SdpLine> lines;
  private final List<MediaDescription> media;
  private final String trailer;
  private final String lineEnding;
  private final int version;
  private final Origin origin;
  private final String sessionName;

  SessionDescription(List<SdpLine> lines, List<MediaDescription> media, String trailer, String lineEnding) {
    this.lines = lines;
    this.media = media;
    this.trailer = trailer;
    this.lineEnding = lineEnding;
    SdpLine v = lines.get(0);
    this.version = v.parse(x -> Tokens.parseInt(x, Tokens.trim(x), "version", 0, 0), v.value());
    SdpLine o = lines.get(1);
    this.origin = o.parse(Origin::parse, o.value());
    this.sessionName = lines.get(2).value();
  }

  /**
   * Parses a session description. Accepts CRLF, LF or mixed line ends and a missing final
   * newline; checks the structure of RFC 8866 §5 (v=, o=, s= first, t= before the first m=) and
   * the {@code v=}, {@code o=}, {@code c=}, {@code b=}, {@code t=}, {@code m=} and attribute-name
   * syntax.
   *
   * @throws SdpParseException with the 1-based line number and a reason
   */
  public static SessionDescription parse(String sdp) {
    return SdpParser.parse(sdp);
  }

  /** A builder with {@code v=0}, {@code s=-}, {@code t=0 0} and CRLF line ends; the origin must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this description's lines; untouched lines keep their original text. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The description as text; for a parsed description, exactly the parsed text. */
  public String write() {
    int size = trailer.length() + 16;
    for (SdpLine l : lines) {
      size += l.value().length() + 4;
    }
    for (MediaDescription m : media) {
      for (SdpLine l : m.lines()) {
        size += l.value().length() + 4;
      }
    }
    StringBuilder sb = new StringBuilder(size);
    boolean noMedia = media.isEmpty();
    for (int i = 0; i < lines.size(); i++) {
      appendLine(sb, lines.get(i), lineEnding, noMedia && i == lines.size() - 1);
    }
    for (int i = 0; i < media.size(); i++) {
      media.get(i).appendTo(sb, lineEnding, i == media.size() - 1);
    }
    sb.append(trailer);
    return sb.toString();
  }

  /** Writes {@code type=value} and the line's terminator; only the last line may lack one. */
  static void appendLine(StringBuilder sb, SdpLine l, String defaultEol, boolean last) {
    sb.append(l.type()).append('=').append(l.value());
    String eol = l.eol();
    if (eol == null || (eol.isEmpty() && !last)) {
      eol = defaultEol;
    }
    sb.append(eol);
  }

  /** Same as {@link #write()}. */
  @Override
  public String toString() {
    return write();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionDescription && ((SessionDescription) o).write().equals(write());
  }

  @Override
  public int hashCode() {
    return write().hashCode();
  }

  List<SdpLine> lines() {
    return lines;
  }

  /** The line ending used for lines built through a builder. */
  public String lineEnding() {
    return lineEnding;
  }

  /** {@code v=}: always 0. */
  public int version() {
    return version;
  }

  /** {@code o=}. */
  public Origin origin() {
    return origin;
  }

  /** {@code s=} exactly as written ({@code -} in WebRTC). */
  public String sessionName() {
    return sessionName;
  }

  /** {@code i=}. */
  public Optional<String> sessionInformation() {
    List<String> v = values('i');
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** {@code u=}. */
  public Optional<String> uri() {
    List<String> v = values('u');
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** {@code e=} lines. */
  public List<String> emails() {
    return values('e');
  }

  /** {@code p=} lines. */
  public List<String> phoneNumbers() {
    return values('p');
  }

  private List<String> values(char type) {
    List<String> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.type() == type) {
        out.add(l.value());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** {@code t=} lines (at least one). */
  public List<Timing> timings() {
    return Lines.typed(lines, 't', Timing::parse);
  }

  /** The session-level {@code c=} line. */
  public Optional<Connection> connection() {
    List<Connection> c = Lines.typed(lines, 'c', Connection::parse);
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  /** Session-level {@code b=} lines. */
  public List<Bandwidth> bandwidths() {
    return Lines.typed(lines, 'b', Bandwidth::parse);
  }

  /** Session-level {@code a=} lines in order. */
  public List<Attribute> attributes() {
    return Lines.attributes(lines);
  }

  /** The media descriptions in order. */
  public List<MediaDescription> media() {
    return media;
  }

  /** {@code a=group} lines (RFC 5888). */
  public List<Group> groups() {
    return Lines.views(lines, "group", Group::parse);
  }

  /** The first {@code a=group:BUNDLE} (RFC 9143). */
  public Optional<Group> bundleGroup() {
    for (Group g : groups()) {
      if (g.semantics().equals("BUNDLE")) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** Session-level {@code a=ice-ufrag}, trimmed. */
  public Optional<String> iceUfrag() {
    return attribute("ice-ufrag").map(Tokens::trim);
  }

  /** Session-level {@code a=ice-pwd}, trimmed. */
  public Optional<String> icePwd() {
    return attribute("ice-pwd").map(Tokens::trim);
  }

  /** Session-level {@code a=ice-options} tokens. */
  public List<String> iceOptions() {
    return Lines.tokens(lines, "ice-options");
  }

  /** {@code a=ice-lite} (RFC 8839 §5.3). */
  public boolean iceLite() {
    return hasAttribute("ice-lite");
  }

  /** Session-level {@code a=fingerprint} lines (RFC 8122). */
  public List<Fingerprint> fingerprints() {
    return Lines.views(lines, "fingerprint", Fingerprint::parse);
  }

  /** Session-level {@code a=setup}. */
  public Optional<Setup> setup() {
    return Lines.view(lines, "setup", Setup::fromValue);
  }

  /** Session-level direction attribute, if any (RFC 8866 §6.7). */
  public Optional<Direction> direction() {
    return Lines.direction(lines);
  }

  /** {@code a=msid-semantic}. */
  public Optional<MsidSemantic> msidSemantic() {
    return Lines.view(lines, "msid-semantic", MsidSemantic::parse);
  }

  /** {@code a=extmap-allow-mixed} (RFC 8285 §6). */
  public boolean extmapAllowMixed() {
    return hasAttribute("extmap-allow-mixed");
  }

  /** {@code a=identity} values (RFC 8827 §5.6.4.1). */
  public List<String> identities() {
    return attributeValues("identity");
  }

  /** The value of the first session-level {@code a=name} ("" for a flag attribute). */
  public Optional<String> attribute(String name) {
    return Lines.attribute(lines, name);
  }

  /** The values of every session-level {@code a=name} in order. */
  public List<String> attributeValues(String name) {
    return Lines.attributeValues(lines, name);
  }

  /** True when a session-level {@code a=name} is present. */
  public boolean hasAttribute(String name) {
    return Lines.hasAttribute(lines, name);
  }

  /**
   * Builds a session description. A builder from {@link #toBuilder()} keeps the original text
   * and line terminators of every line it does not touch; a builder from {@link #builder()}, or one
   * whose {@link #lineEnding(String)} was set, ends every line with that line ending.
   */
  public static final class Builder {
    private final List<SdpLine> lines;
    private final List<MediaDescription> media;
    private String trailer;
    private String lineEnding;
    private boolean preserveEndings;

    private Builder() {
      lines = new ArrayList<>();
      lines.add(SdpLine.built('v', "0"));
      lines.add(SdpLine.built('s', "-"));
      lines.add(SdpLine.built('t', "0 0"));
      media = new ArrayList<>();
      trailer = "";
      lineEnding = "\r\n";
      preserveEndings = false;
    }

    private Builder(SessionDescription d) {
      lines = new ArrayList<>(d.lines);
      media = new ArrayList<>(d.media);
      trailer = d.trailer;
      lineEnding = d.lineEnding;
      preserveEndings = true;
    }

    /** Sets {@code o=}. */
    public Builder origin(Origin o) {
      Lines.set(lines, 'o', o.toValue(), Lines.SESSION_ORDER);
      return this;
    }

    /** Sets {@code s=}. */
    public Builder sessionName(String s) {
      Lines.set(lines, 's', Tokens.checkText(s, "session name"), Lines.SESSION_ORDER);
      return this;
    }

    /** Sets the one {@code t=} line (other {@code t=} lines are removed). */
    public Builder timing(long start, long stop) {
      Lines.set(lines, 't', new Timing(start, stop).toValue(), Lines.SESSION_ORDER);
      Lines.removeAllButFirst(lines, 't');
      return this;
    }

    /** Sets {@code i=}. */
    public Builder sessionInformation(String text) {
      Lines.set(lines, 'i', Tokens.checkText(text, "information"), Lines.SESSION_ORDER);
      return this;
    }

    /** Sets the session-level {@code c=}. */
    public Builder connection(Connection c) {
      Lines.set(lines, 'c', c.toValue(), Lines.SESSION_ORDER);
      return this;
    }

    /** Adds a session-level {@code b=}, replacing one of the same type. */
    public Builder bandwidth(Bandwidth b) {
      Lines.setBandwidth(lines, b, Lines.SESSION_ORDER);
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

    /** Appends a session-level attribute after the existing ones. */
    public Builder attribute(Attribute a) {
      Lines.insert(lines, SdpLine.of(a), Lines.SESSION_ORDER);
      return this;
    }

    /** Replaces the first {@code a=<name>} in place (removing the others), or appends it. */
    public Builder setAttribute(Attribute a) {
      Lines.setAttribute(lines, a, Lines.SESSION_ORDER);
      return this;
    }

    /** Replaces the first {@code a=name:value} in place (removing the others), or appends it. */
    public Builder setAttribute(String name, String value) {
      return setAttribute(new Attribute(name, Objects.requireNonNull(value, "value")));
    }

    /** Removes every session-level {@code a=name}. */
    public Builder removeAttributes(String name) {
      Lines.removeAttributes(lines, name);
      return this;
    }

    /** Replaces the media descriptions. */
    public Builder media(List<MediaDescription> m) {
      List<MediaDescription> copy = List.copyOf(m);
      media.clear();
      media.addAll(copy);
      return this;
    }

    /** Appends a media description. */
    public Builder addMedia(MediaDescription m) {
      media.add(Objects.requireNonNull(m, "m"));
      return this;
    }

    /** Ends every line with {@code eol}: {@code "\r\n"} (RFC 8866) or {@code "\n"}. */
    public Builder lineEnding(String eol) {
      if (!"\r\n".equals(eol) && !"\n".equals(eol)) {
        throw new IllegalArgumentException("line ending must be CRLF or LF");
      }
      this.lineEnding = eol;
      this.preserveEndings = false;
      return this;
    }

    /**
     * The session description.
     *
     * @throws IllegalStateException when no origin was set
     */
    public SessionDescription build() {
      if (lines.stream().noneMatch(l -> l.type() == 'o')) {
        throw new IllegalStateException("origin (o=) not set");
      }
      List<SdpLine> outLines = new ArrayList<>(lines.size());
      List<MediaDescription> outMedia = new ArrayList<>(media.size());
      String outTrailer = trailer;
      if (preserveEndings) {
        outLines.addAll(lines);
        outMedia.addAll(media);
      } else {
        lines.forEach(l -> outLines.add(l.normalized()));
        media.forEach(m -> outMedia.add(m.normalized()));
        outTrailer = "";
      }
      return new SessionDescription(Collections.unmodifiableList(outLines),
          Collections.unmodifiableList(outMedia), outTrailer, lineEnding);
    }
  }
}
