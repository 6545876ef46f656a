package dev.jrtc;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C {@code RTCIceServer} dictionary: one STUN or TURN server with one or more URLs.
 * Validation of the URLs and credentials happens when a configuration is set
 * (https://w3c.github.io/webrtc-pc/#set-the-configuration step 11), not here.
 *
 * @param urls the {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URLs
 * @param username the TURN username, or null
 * @param credential the TURN credential, or null
 */
public record RTCIceServer(List<String> urls, String username, String credential) {

  /** Copies the URL list. */
  public RTCIceServer {
    if (urls == null) {
      throw new TypeException("RTCIceServer.urls is required");
    }
    urls = List.copyOf(urls);
  }

  /** A server without credentials (STUN). */
  public static RTCIceServer of(String... urls) {
    return new RTCIceServer(List.of(urls), null, null);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link RTCIceServer}. */
  public static final class Builder {
    private final List<String> urls = new ArrayList<>();
    private String username;
    private String credential;

    private Builder() {}

    /** Adds URLs. */
    public Builder urls(String... urls) {
      this.urls.addAll(List.of(urls));
      return this;
    }

    /** Adds URLs. */
    public Builder urls(List<String> urls) {
      this.urls.addAll(urls);
      return this;
    }

    /** Sets the TURN username. */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** Sets the TURN credential. */
    public Builder credential(String credential) {
      this.credential = credential;
      return this;
    }

    /** The server. */
    public RTCIceServer build() {
      return new RTCIceServer(urls, username, credential);
    }
  }
}
