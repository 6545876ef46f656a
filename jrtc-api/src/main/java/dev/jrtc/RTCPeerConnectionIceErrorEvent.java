package dev.jrtc;

/** The W3C {@code RTCPeerConnectionIceErrorEvent}: fired as {@code icecandidateerror} when a STUN or TURN server fails. */
public class RTCPeerConnectionIceErrorEvent extends Event {

  private final String address;
  private final Integer port;
  private final String url;
  private final int errorCode;
  private final String errorText;

  /** Creates the event. */
  public RTCPeerConnectionIceErrorEvent(String type, String address, Integer port, String url, int errorCode, String errorText) {
    super(type);
    this.address = address;
    this.port = port;
    this.url = url;
    this.errorCode = errorCode;
    this.errorText = errorText;
  }

  /** The {@code address} attribute. */
  public String address() {
    return address;
  }

  /** The {@code port} attribute. */
  public Integer port() {
    return port;
  }

  /** The {@code url} attribute. */
  public String url() {
    return url;
  }

  /** The {@code errorCode} attribute. */
  public int errorCode() {
    return errorCode;
  }

  /** The {@code errorText} attribute. */
  public String errorText() {
    return errorText;
  }
}
