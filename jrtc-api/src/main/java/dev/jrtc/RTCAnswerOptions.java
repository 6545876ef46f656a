package dev.jrtc;

/** The W3C {@code RTCAnswerOptions} dictionary; WebRTC 1.0 defines no members in it. */
public record RTCAnswerOptions() {

  /** The (empty) defaults. */
  public static RTCAnswerOptions defaults() {
    return new RTCAnswerOptions();
  }
}
