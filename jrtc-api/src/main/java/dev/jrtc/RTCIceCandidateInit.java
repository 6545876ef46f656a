package dev.jrtc;

/**
 * The W3C {@code RTCIceCandidateInit} dictionary (https://w3c.github.io/webrtc-pc/#dom-rtcicecandidateinit).
 *
 * @param candidate the candidate-attribute text ({@code "candidate:..."}), {@code ""} for end-of-candidates
 * @param sdpMid the mid of the m-section, or null
 * @param sdpMLineIndex the index of the m-section ({@code unsigned short}), or null
 * @param usernameFragment the ICE ufrag the candidate belongs to, or null
 */
public record RTCIceCandidateInit(String candidate, String sdpMid, Integer sdpMLineIndex,
    String usernameFragment) {

  /** Applies the default {@code ""} for the candidate and checks the index range. */
  public RTCIceCandidateInit {
    candidate = candidate == null ? "" : candidate;
    if (sdpMLineIndex != null && (sdpMLineIndex < 0 || sdpMLineIndex > 65535)) {
      throw new TypeException("sdpMLineIndex " + sdpMLineIndex + " is outside 0..65535");
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link RTCIceCandidateInit}. */
  public static final class Builder {
    private String candidate = "";
    private String sdpMid;
    private Integer sdpMLineIndex;
    private String usernameFragment;

    private Builder() {}

    /** Sets the candidate text. */
    public Builder candidate(String candidate) {
      this.candidate = candidate;
      return this;
    }

    /** Sets the mid. */
    public Builder sdpMid(String sdpMid) {
      this.sdpMid = sdpMid;
      return this;
    }

    /** Sets the m-line index. */
    public Builder sdpMLineIndex(Integer index) {
      this.sdpMLineIndex = index;
      return this;
    }

    /** Sets the username fragment. */
    public Builder usernameFragment(String ufrag) {
      this.usernameFragment = ufrag;
      return this;
    }

    /** The init. */
    public RTCIceCandidateInit build() {
      return new RTCIceCandidateInit(candidate, sdpMid, sdpMLineIndex, usernameFragment);
    }
  }
}
