package dev.jrtc.sctp;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional parameters of INIT and INIT ACK this implementation writes and reads: Supported
 * Extensions (RFC 5061 §4.2.7), Forward-TSN-Supported (RFC 3758 §3.1) and the reporting of
 * unrecognized parameters (RFC 9260 §3.2.1, §3.3.3).
 */
final class InitParameters {
  /**
   * Parameters RFC 9260 §3.3.2.1 defines that an endpoint over DTLS has no use for (IPv4 and IPv6
   * addresses, Cookie Preservative, Host Name, Supported Address Types): known, hence never reported.
   */
  private static final java.util.Set<Integer> IGNORED = java.util.Set.of(5, 6, 9, 11, 12);

  private InitParameters() {}

  /** RE-CONFIG (RFC 6525) and FORWARD TSN (RFC 3758), the extensions WebRTC needs. */
  static SupportedExtensionsParameter supportedExtensions() {
    return new SupportedExtensionsParameter(List.of(Chunk.RE_CONFIG, Chunk.FORWARD_TSN));
  }

  /** What an INIT or INIT ACK of ours carries besides the state cookie. */
  static List<Parameter> ours() {
    return List.of(supportedExtensions(), new ForwardTsnSupportedParameter());
  }

  static boolean supportsForwardTsn(List<Parameter> params) {
    for (Parameter p : params) {
      if (p instanceof ForwardTsnSupportedParameter
          || p instanceof SupportedExtensionsParameter s && s.chunkTypes().contains(Chunk.FORWARD_TSN)) {
        return true;
      }
    }
    return false;
  }

  static boolean supportsReconfig(List<Parameter> params) {
    for (Parameter p : params) {
      if (p instanceof SupportedExtensionsParameter s && s.chunkTypes().contains(Chunk.RE_CONFIG)) {
        return true;
      }
    }
    return false;
  }

  /**
   * RFC 9260 §3.2.1: unknown parameters whose type has the 0x4000 bit set are reported back in
   * Unrecognized Parameter parameters of the INIT ACK. Types with the high bit clear stop the
   * processing of further parameters.
   */
  static List<Parameter> unrecognized(List<Parameter> params) {
    List<Parameter> out = new ArrayList<>();
    for (Parameter p : params) {
      if (p instanceof UnknownParameter u && !IGNORED.contains(u.type())) {
        if ((u.type() & 0x4000) != 0) {
          ByteWriter w = new ByteWriter();
          u.writeTo(w);
          out.add(new UnknownParameter(Parameter.UNRECOGNIZED_PARAMETER, Bytes.wrap(w.toByteArray())));
        }
        if ((u.type() & 0x8000) == 0) {
          break;
        }
      }
    }
    return out;
  }
}
