package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately small, independent reading of an SDP (RFC 8866) for interop checks: the
 * m-sections with their mid, direction, codecs and candidates, and the BUNDLE group. It does not
 * use jrtc-sdp on purpose, so a bug shared by jrtc's parser and writer cannot hide itself here.
 */
record SdpView(List<String> bundleMids, List<Section> sections) {

  /**
   * One m-section.
   *
   * @param index the m-line index (0-based)
   * @param direction the media-level direction attribute, else the session-level one, else
   *     "sendrecv" (RFC 8866 §6.7)
   * @param codecs from {@code a=rtpmap} in m-line format order, with their {@code a=fmtp}
   * @param addresses every connection address: {@code c=} lines and {@code a=candidate}
   */
  record Section(int index, String kind, int port, String proto, List<String> formats, String mid,
      String direction, List<TransceiverView.Codec> codecs, List<String> addresses,
      Map<String, List<String>> attributes) {

    /**
     * All values of {@code a=name} (empty strings for flags); for the transport attributes
     * ice-ufrag, ice-pwd, ice-options, fingerprint and setup, the session-level values when the
     * m-section has none.
     */
    List<String> attribute(String name) {
      return attributes.getOrDefault(name, List.of());
    }

    /** Codecs without the RTX/RED/FEC helpers, by mime type, for comparing what media can flow. */
    List<String> mediaCodecNames() {
      List<String> names = new ArrayList<>();
      for (TransceiverView.Codec c : codecs) {
        String sub = c.mimeType().substring(c.mimeType().indexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (!sub.equals("rtx") && !sub.equals("red") && !sub.equals("ulpfec") && !sub.equals("flexfec-03")) {
          names.add(c.mimeType().toLowerCase(java.util.Locale.ROOT));
        }
      }
      return names;
    }
  }

  /** Thrown for text that is not an SDP this reader understands, with the line. */
  static final class SdpViewException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SdpViewException(int lineNumber, String line, String reason) {
      super("SDP line " + lineNumber + " \"" + line + "\": " + reason);
    }
  }

  static SdpView parse(String sdp) {
    String[] lines = sdp.split("\r\n|\n");
    List<String> bundle = new ArrayList<>();
    String sessionDirection = null;
    Map<String, List<String>> sessionAttributes = new LinkedHashMap<>();
    List<Builder> builders = new ArrayList<>();
    List<String> sessionAddresses = new ArrayList<>();
    Builder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new SdpViewException(i + 1, line, "not <type>=<value>");
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'm': {
          String[] f = value.split(" ");
          if (f.length < 3) {
            throw new SdpViewException(i + 1, line, "an m-line needs media, port and proto");
          }
          int port;
          try {
            port = Integer.parseInt(f[1].split("/")[0]);
          } catch (NumberFormatException e) {
            throw new SdpViewException(i + 1, line, "bad port");
          }
          current = new Builder(builders.size(), f[0], port, f[2], List.of(f).subList(3, f.length));
          builders.add(current);
          break;
        }
        case 'c': {
          String[] f = value.split(" ");
          if (f.length != 3) {
            throw new SdpViewException(i + 1, line, "c= needs nettype addrtype address");
          }
          (current == null ? sessionAddresses : current.addresses).add(f[2].split("/")[0]);
          break;
        }
        case 'a': {
          int colon = value.indexOf(':');
          String name = colon < 0 ? value : value.substring(0, colon);
          String attrValue = colon < 0 ? "" : value.substring(colon + 1);
          boolean isDirection = name.equals("sendrecv") || name.equals("sendonly")
              || name.equals("recvonly") || name.equals("inactive");
          if (current == null) {
            sessionAttributes.computeIfAbsent(name, k -> new ArrayList<>()).add(attrValue);
            if (isDirection) {
              sessionDirection = name;
            } else if (name.equals("group") && attrValue.startsWith("BUNDLE")) {
              for (String mid : attrValue.substring("BUNDLE".length()).trim().split(" ")) {
                if (!mid.isEmpty()) {
                  bundle.add(mid);
                }
              }
            }
          } else {
            current.attributes.computeIfAbsent(name, k -> new ArrayList<>()).add(attrValue);
            if (isDirection) {
              current.direction = name;
            } else if (name.equals("candidate")) {
              String[] f = attrValue.split(" ");
              if (f.length < 8) {
                throw new SdpViewException(i + 1, line, "a candidate needs at least 8 fields");
              }
              current.addresses.add(f[4]);
            }
          }
          break;
        }
        default:
          break;
      }
    }
    List<Section> sections = new ArrayList<>();
    for (Builder b : builders) {
      sections.add(b.build(sessionDirection, sessionAddresses, sessionAttributes));
    }
    return new SdpView(List.copyOf(bundle), List.copyOf(sections));
  }

  /** The section with this mid. */
  Optional<Section> section(String mid) {
    return sections.stream().filter(s -> mid.equals(s.mid())).findFirst();
  }

  /** Connection addresses that point outside the namespace (0.0.0.0 and :: are placeholders). */
  List<String> addressesOutsideNamespace() {
    List<String> outside = new ArrayList<>();
    for (Section s : sections) {
      for (String address : s.addresses()) {
        if (!address.equals("0.0.0.0") && !address.equals("::") && !PrivateNetwork.candidateAddressInside(address)) {
          outside.add(address);
        }
      }
    }
    return outside;
  }

  private static final class Builder {
    final int index;
    final String kind;
    final int port;
    final String proto;
    final List<String> formats;
    final Map<String, List<String>> attributes = new LinkedHashMap<>();
    final List<String> addresses = new ArrayList<>();
    String direction;

    Builder(int index, String kind, int port, String proto, List<String> formats) {
      this.index = index;
      this.kind = kind;
      this.port = port;
      this.proto = proto;
      this.formats = List.copyOf(formats);
    }

    Section build(String sessionDirection, List<String> sessionAddresses, Map<String, List<String>> session) {
      // Transport attributes may sit at session level and then apply to every m-section
      // (RFC 8839 §5.4 ice-ufrag/ice-pwd/ice-options, RFC 8122 §5 fingerprint, RFC 4145 setup).
      for (String name : List.of("ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "setup")) {
        if (!attributes.containsKey(name) && session.containsKey(name)) {
          attributes.put(name, session.get(name));
        }
      }
      Map<Integer, String> fmtp = new LinkedHashMap<>();
      for (String v : attributes.getOrDefault("fmtp", List.of())) {
        int space = v.indexOf(' ');
        Integer pt = space < 0 ? null : parseIntOrNull(v.substring(0, space));
        if (pt != null) {
          fmtp.put(pt, v.substring(space + 1));
        }
      }
      Map<Integer, TransceiverView.Codec> byPt = new LinkedHashMap<>();
      for (String v : attributes.getOrDefault("rtpmap", List.of())) {
        // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
        int space = v.indexOf(' ');
        Integer pt = space < 0 ? null : parseIntOrNull(v.substring(0, space));
        if (pt == null) {
          continue;
        }
        String[] enc = v.substring(space + 1).split("/");
        Integer clock = enc.length > 1 ? parseIntOrNull(enc[1]) : null;
        Integer channels = enc.length > 2 ? parseIntOrNull(enc[2]) : null;
        // RFC 8866 §6.6: for audio the encoding parameters (channels) default to 1; W3C
        // RTCRtpCodec.channels is likewise 1 for mono audio and absent for video.
        int channelCount = channels != null ? channels : kind.equals("audio") ? 1 : 0;
        byPt.put(pt, new TransceiverView.Codec(pt, kind + "/" + enc[0], clock == null ? 0 : clock,
            channelCount, fmtp.getOrDefault(pt, "")));
      }
      List<TransceiverView.Codec> codecs = new ArrayList<>();
      for (String format : formats) {
        Integer pt = parseIntOrNull(format);
        if (pt != null && byPt.containsKey(pt)) {
          codecs.add(byPt.get(pt));
        }
      }
      List<String> mids = attributes.getOrDefault("mid", List.of());
      List<String> allAddresses = new ArrayList<>(sessionAddresses);
      allAddresses.addAll(addresses);
      return new Section(index, kind, port, proto, formats, mids.isEmpty() ? null : mids.get(0),
          direction != null ? direction : sessionDirection != null ? sessionDirection : "sendrecv",
          List.copyOf(codecs), List.copyOf(allAddresses), java.util.Collections.unmodifiableMap(attributes));
    }

    private static Integer parseIntOrNull(String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
