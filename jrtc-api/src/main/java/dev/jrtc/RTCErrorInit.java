package dev.jrtc;

/**
 * The W3C {@code RTCErrorInit} dictionary. Numeric members are null when absent.
 *
 * @param errorDetail the kind of failure (required)
 * @param sdpLineNumber the SDP line number for {@code sdp-syntax-error}
 * @param sctpCauseCode the SCTP cause code for {@code sctp-failure}
 * @param receivedAlert the DTLS alert received
 * @param sentAlert the DTLS alert sent
 * @param httpRequestStatusCode the HTTP status of a failed request
 */
public record RTCErrorInit(RTCErrorDetailType errorDetail, Integer sdpLineNumber,
    Integer sctpCauseCode, Integer receivedAlert, Integer sentAlert,
    Integer httpRequestStatusCode) {

  /** Checks the required member. */
  public RTCErrorInit {
    if (errorDetail == null) {
      throw new TypeException("RTCErrorInit.errorDetail is required");
    }
  }

  /** An init with only the detail set. */
  public static RTCErrorInit of(RTCErrorDetailType errorDetail) {
    return new RTCErrorInit(errorDetail, null, null, null, null, null);
  }

  /** An {@code sdp-syntax-error} at the given 1-based line. */
  public static RTCErrorInit sdpSyntaxError(int lineNumber) {
    return new RTCErrorInit(RTCErrorDetailType.SDP_SYNTAX_ERROR, lineNumber, null, null, null, null);
  }
}
