package dev.jrtc;

import java.util.Map;

/**
 * One entry of an {@link RTCStatsReport} (https://w3c.github.io/webrtc-stats/#dom-rtcstats): id, type, timestamp and the
 * type's members by their IDL names.
 *
 * @param id the stats object id
 * @param type the RTCStatsType string ({@code "peer-connection"}, ...)
 * @param timestamp the time the stats were taken, in milliseconds
 * @param members the other members by IDL name
 */
public record RTCStats(String id, String type, double timestamp, Map<String, Object> members) {

  /** Copies the members. */
  public RTCStats {
    members = Map.copyOf(members);
  }
}
