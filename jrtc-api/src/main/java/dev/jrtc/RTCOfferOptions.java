package dev.jrtc;

/**
 * The W3C {@code RTCOfferOptions} dictionary, with the legacy {@code offerToReceiveAudio} and
 * {@code offerToReceiveVideo} members of https://w3c.github.io/webrtc-pc/#legacy-configuration-extensions
 * (null when absent).
 *
 * @param iceRestart whether to generate new ICE credentials
 * @param offerToReceiveAudio legacy: make sure an audio m-section can receive (null: not given)
 * @param offerToReceiveVideo legacy: make sure a video m-section can receive (null: not given)
 */
public record RTCOfferOptions(boolean iceRestart, Boolean offerToReceiveAudio,
    Boolean offerToReceiveVideo) {

  /** The defaults: no ICE restart, no legacy members. */
  public static RTCOfferOptions defaults() {
    return new RTCOfferOptions(false, null, null);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RTCOfferOptions}. */
  public static final class Builder {
    private boolean iceRestart;
    private Boolean offerToReceiveAudio;
    private Boolean offerToReceiveVideo;

    private Builder() {}

    /** Sets {@code iceRestart}. */
    public Builder iceRestart(boolean iceRestart) {
      this.iceRestart = iceRestart;
      return this;
    }

    /** Sets the legacy {@code offerToReceiveAudio}. */
    public Builder offerToReceiveAudio(Boolean value) {
      this.offerToReceiveAudio = value;
      return this;
    }

    /** Sets the legacy {@code offerToReceiveVideo}. */
    public Builder offerToReceiveVideo(Boolean value) {
      this.offerToReceiveVideo = value;
      return this;
    }

    /** The options. */
    public RTCOfferOptions build() {
      return new RTCOfferOptions(iceRestart, offerToReceiveAudio, offerToReceiveVideo);
    }
  }
}
