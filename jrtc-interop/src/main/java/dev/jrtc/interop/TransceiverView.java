package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One side's view of a transceiver after negotiation, in terms both sides can be compared in:
 * mid, kind, direction, currentDirection, and the codecs of its sender and receiver.
 *
 * @param mid null until negotiated
 * @param currentDirection null until negotiated ({@code currentDirection} is null in the W3C API)
 * @param senderHeaderExtensions {@code sender.getParameters().headerExtensions} as {@code "<id> <uri>"}
 *     (RFC 8285), empty when not reported
 */
record TransceiverView(String mid, String kind, String direction, String currentDirection, boolean stopped,
    List<Codec> senderCodecs, List<Codec> receiverCodecs, List<String> senderHeaderExtensions) {

  /** A view without header extensions (an API or a side that does not report them). */
  TransceiverView(String mid, String kind, String direction, String currentDirection, boolean stopped,
      List<Codec> senderCodecs, List<Codec> receiverCodecs) {
    this(mid, kind, direction, currentDirection, stopped, senderCodecs, receiverCodecs, List.of());
  }

  /**
   * An RTP codec as {@code RTCRtpCodecParameters} describes it (W3C webrtc §5.2.3).
   *
   * @param channels 0 when absent (video)
   * @param sdpFmtpLine empty when absent
   */
  record Codec(int payloadType, String mimeType, long clockRate, int channels, String sdpFmtpLine) {
    @Override
    public String toString() {
      return payloadType + " " + mimeType + "/" + clockRate + (channels > 0 ? "/" + channels : "")
          + (sdpFmtpLine.isEmpty() ? "" : " [" + sdpFmtpLine + "]");
    }
  }

  /** Reads the JSON made by {@link BrowserPeerConnection#transceivers()}. */
  static TransceiverView fromJson(Map<String, Object> json) {
    return new TransceiverView(
        (String) json.get("mid"),
        (String) json.get("kind"),
        (String) json.get("direction"),
        (String) json.get("currentDirection"),
        Boolean.TRUE.equals(json.get("stopped")),
        codecs(json.get("senderCodecs")),
        codecs(json.get("receiverCodecs")),
        headerExtensions(json.get("senderHeaderExtensions")));
  }

  private static List<String> headerExtensions(Object json) {
    List<String> extensions = new ArrayList<>();
    if (json != null) {
      for (Object o : Json.asArray(json)) {
        Map<String, Object> e = Json.asObject(o);
        extensions.add(e.get("id") + " " + e.get("uri"));
      }
    }
    return extensions;
  }

  private static List<Codec> codecs(Object json) {
    List<Codec> codecs = new ArrayList<>();
    if (json == null) {
      return codecs;
    }
    for (Object o : Json.asArray(json)) {
      Map<String, Object> c = Json.asObject(o);
      codecs.add(new Codec(
          ((Number) c.get("payloadType")).intValue(),
          (String) c.get("mimeType"),
          ((Number) c.get("clockRate")).longValue(),
          c.get("channels") == null ? 0 : ((Number) c.get("channels")).intValue(),
          c.get("sdpFmtpLine") == null ? "" : (String) c.get("sdpFmtpLine")));
    }
    return codecs;
  }
}
