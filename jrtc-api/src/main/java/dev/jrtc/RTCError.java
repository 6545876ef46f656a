package dev.jrtc;

/**
 * The W3C {@code RTCError} (https://w3c.github.io/webrtc-pc/#rtcerror-interface): an
 * {@code OperationError} with WebRTC-specific details.
 *
 * <p>{@link #name()} returns {@code "RTCError"} so that a JavaScript binding (the WPT host, see
 * {@code shared/wpt/README.md} point 4) recognises it and builds a JS {@code RTCError}, whose own
 * {@code name} is {@code "OperationError"} as the spec says. The optional numeric fields are
 * {@code Integer}s that are {@code null} when absent (the IDL {@code long?}/{@code unsigned long?}).
 */
public final class RTCError extends OperationException {

  private static final long serialVersionUID = 1L;

  private final RTCErrorInit init;

  /** Creates an error from its init dictionary and a message that says what went wrong. */
  public RTCError(RTCErrorInit init, String message) {
    this(init, message, null);
  }

  /** Creates an error from its init dictionary, a message and the cause. */
  public RTCError(RTCErrorInit init, String message, Throwable cause) {
    super(message, cause);
    if (init == null) {
      throw new TypeException("RTCErrorInit is required");
    }
    this.init = init;
  }

  /** Returns {@code "RTCError"}: the marker the bindings map to a JS {@code RTCError}. */
  @Override
  public String name() {
    return "RTCError";
  }

  /** The init dictionary this error was created with. */
  public RTCErrorInit init() {
    return init;
  }

  /** The kind of failure. */
  public RTCErrorDetailType errorDetail() {
    return init.errorDetail();
  }

  /** For {@code sdp-syntax-error}: the 1-based line of the SDP that failed, else null. */
  public Integer sdpLineNumber() {
    return init.sdpLineNumber();
  }

  /** For {@code sctp-failure}: the SCTP cause code (RFC 9260 §3.3.10), else null. */
  public Integer sctpCauseCode() {
    return init.sctpCauseCode();
  }

  /** For {@code dtls-failure}: the DTLS alert received, else null. */
  public Integer receivedAlert() {
    return init.receivedAlert();
  }

  /** For {@code dtls-failure}: the DTLS alert sent, else null. */
  public Integer sentAlert() {
    return init.sentAlert();
  }

  /** The HTTP status of a failed request (webrtc-extensions), else null. */
  public Integer httpRequestStatusCode() {
    return init.httpRequestStatusCode();
  }
}
