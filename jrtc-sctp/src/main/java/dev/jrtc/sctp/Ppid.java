package dev.jrtc.sctp;

/**
 * Payload Protocol Identifiers of WebRTC, RFC 8831 §8 and RFC 8832 §8
 * (https://www.rfc-editor.org/rfc/rfc8831#section-8). SCTP cannot carry an empty DATA chunk, so an
 * empty string or binary message travels as one zero byte with the "Empty" PPID (RFC 8831 §6.6);
 * {@link SctpAssociation#send} does that mapping and receivers get an empty payload back.
 */
public final class Ppid {
  /** WebRTC DCEP (RFC 8832). */
  public static final int DCEP = 50;
  /** WebRTC String (UTF-8). */
  public static final int STRING = 51;
  /** WebRTC Binary. */
  public static final int BINARY = 53;
  /** WebRTC String Empty. */
  public static final int STRING_EMPTY = 56;
  /** WebRTC Binary Empty. */
  public static final int BINARY_EMPTY = 57;

  private Ppid() {}
}
