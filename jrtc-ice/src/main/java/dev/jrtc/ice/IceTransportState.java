package dev.jrtc.ice;

/**
 * The state of an ICE transport, named as W3C {@code RTCIceTransportState}
 * (https://w3c.github.io/webrtc-pc/#rtcicetransportstate).
 */
public enum IceTransportState {
  /** Gathering or waiting for remote candidates; no checks yet. */
  NEW("new"),
  /** Checks are running and no pair works yet. */
  CHECKING("checking"),
  /** A usable pair was found (a pair is selected). */
  CONNECTED("connected"),
  /** Checking is finished (both sides sent end-of-candidates) and a pair is selected. */
  COMPLETED("completed"),
  /** Consent checks on the selected pair went unanswered (RFC 7675); may recover. */
  DISCONNECTED("disconnected"),
  /** All pairs failed after end-of-candidates, or consent expired after 30 s. */
  FAILED("failed"),
  /** The agent was closed. */
  CLOSED("closed");

  private final String value;

  IceTransportState(String value) {
    this.value = value;
  }

  /** The IDL string. */
  public String value() {
    return value;
  }

  /** Parses the IDL string. */
  public static IceTransportState fromValue(String s) {
    for (IceTransportState t : values()) {
      if (t.value.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown RTCIceTransportState: " + s);
  }

  /**
   * True when the agent may move from {@code from} to {@code to}. Closed is final; every
   * other state can close; failed is left only by an ICE restart (to checking) or by consent
   * returning on a pair kept through a restart.
   */
  public static boolean isLegal(IceTransportState from, IceTransportState to) {
    if (from == to || from == CLOSED) {
      return false;
    }
    if (to == CLOSED) {
      return true;
    }
    switch (from) {
      case NEW:
        return to == CHECKING || to == FAILED || to == CONNECTED;
      case CHECKING:
        return to == CONNECTED || to == FAILED || to == NEW;
      case CONNECTED:
        return to == COMPLETED || to == DISCONNECTED || to == FAILED || to == CHECKING;
      case COMPLETED:
        return to == CONNECTED || to == DISCONNECTED || to == FAILED || to == CHECKING;
      case DISCONNECTED:
        return to == CONNECTED || to == COMPLETED || to == FAILED || to == CHECKING;
      case FAILED:
        return to == CHECKING || to == CONNECTED || to == NEW;
      default:
        return false;
    }
  }
}
