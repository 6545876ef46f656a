package dev.jrtc.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Attribute queries and builder edits over the lines of one section (session or media). */
final class Lines {

  /** RFC 8866 §5 order of the session-level lines. */
  static final String SESSION_ORDER = "vosiuepcbtrzka";
  /** RFC 8866 §5 order of the media-level lines. */
  static final String MEDIA_ORDER = "micbka";

  private Lines() {}

  static Optional<String> attribute(List<SdpLine> lines, String name) {
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        return Optional.of(l.attributeValue());
      }
    }
    return Optional.empty();
  }

  static List<String> attributeValues(List<SdpLine> lines, String name) {
    List<String> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        out.add(l.attributeValue());
      }
    }
    return Collections.unmodifiableList(out);
  }

  static boolean hasAttribute(List<SdpLine> lines, String name) {
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        return true;
      }
    }
    return false;
  }

  static List<Attribute> attributes(List<SdpLine> lines) {
    List<Attribute> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.type() == 'a') {
        out.add(l.attribute());
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Every {@code a=name} parsed with {@code parser}, in order. */
  static <T> List<T> views(List<SdpLine> lines, String name, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        out.add(l.view(parser));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The first {@code a=name} parsed with {@code parser}. */
  static <T> Optional<T> view(List<SdpLine> lines, String name, Function<String, T> parser) {
    for (SdpLine l : lines) {
      if (l.isAttribute(name)) {
        return Optional.of(l.view(parser));
      }
    }
    return Optional.empty();
  }

  /** The lines of {@code type} parsed with {@code parser}. */
  static <T> List<T> typed(List<SdpLine> lines, char type, Function<String, T> parser) {
    List<T> out = new ArrayList<>();
    for (SdpLine l : lines) {
      if (l.type() == type) {
        out.add(l.parse(parser, l.value()));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Space-separated tokens of the first {@code a=name} ({@code a=ice-options:trickle renomination}). */
  static List<String> tokens(List<SdpLine> lines, String name) {
    return attribute(lines, name).map(v -> List.copyOf(Tokens.split(v))).orElse(List.of());
  }

  /** The first of the direction attributes (RFC 8866 §6.7). */
  static Optional<Direction> direction(List<SdpLine> lines) {
    for (SdpLine l : lines) {
      if (l.type() == 'a' && l.value().indexOf(':') < 0) {
        Direction d = Direction.find(l.attributeName());
        if (d != null) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  private static int rank(char type, String order) {
    int r = order.indexOf(type);
    return r < 0 ? order.length() : r;
  }

  /** Inserts {@code line} after the last line that RFC 8866 §5 orders at or before it. */
  static void insert(List<SdpLine> lines, SdpLine line, String order) {
    int r = rank(line.type(), order);
    int at = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (rank(lines.get(i).type(), order) <= r) {
        at = i + 1;
      }
    }
    lines.add(at, line);
  }

  /** Replaces the value of the first line of {@code type}, or inserts one. */
  static void set(List<SdpLine> lines, char type, String value, String order) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).type() == type) {
        lines.set(i, lines.get(i).withValue(value));
        return;
      }
    }
    insert(lines, SdpLine.built(type, value), order);
  }

  /** Removes every line of {@code type} after the first. */
  static void removeAllButFirst(List<SdpLine> lines, char type) {
    boolean seen = false;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).type() == type) {
        if (seen) {
          lines.remove(i--);
        }
        seen = true;
      }
    }
  }

  /** Replaces the {@code b=} line of the same bandwidth type, or inserts one. */
  static void setBandwidth(List<SdpLine> lines, Bandwidth b, String order) {
    String prefix = b.type() + ":";
    for (int i = 0; i < lines.size(); i++) {
      SdpLine l = lines.get(i);
      if (l.type() == 'b' && Tokens.trim(l.value()).startsWith(prefix)) {
        lines.set(i, l.withValue(b.toValue()));
        return;
      }
    }
    insert(lines, SdpLine.built('b', b.toValue()), order);
  }

  static void removeAttributes(List<SdpLine> lines, String name) {
    lines.removeIf(l -> l.isAttribute(name));
  }

  /** Replaces the first {@code a=name} in place and removes the others, or appends. */
  static void setAttribute(List<SdpLine> lines, Attribute a, String order) {
    int first = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isAttribute(a.name())) {
        if (first < 0) {
          first = i;
          lines.set(i, lines.get(i).withValue(a.toValue()));
        } else {
          lines.remove(i--);
        }
      }
    }
    if (first < 0) {
      insert(lines, SdpLine.of(a), order);
    }
  }
}
