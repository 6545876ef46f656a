package dev.jrtc.sctp;

/**
 * Forward-TSN-Supported, RFC 3758 §3.1 (https://www.rfc-editor.org/rfc/rfc3758#section-3.1): type
 * 0xC000, length 4, in INIT and INIT ACK to announce partial reliability.
 */
record ForwardTsnSupportedParameter() implements Parameter {
  @Override
  public int type() {
    return FORWARD_TSN_SUPPORTED;
  }

  @Override
  public void writeValue(ByteWriter w) {
    // No value.
  }
}
