package dev.jrtc;

import java.util.Map;
import java.util.Set;

/** The W3C {@code RTCStatsReport}: a read-only map from stats id to {@link RTCStats}. */
public final class RTCStatsReport {

  private final Map<String, RTCStats> stats;

  RTCStatsReport(Map<String, RTCStats> stats) {
    this.stats = Map.copyOf(stats);
  }

  /** The entry with the id, or null. */
  public RTCStats get(String id) {
    return stats.get(id);
  }

  /** Whether the report has an entry with the id. */
  public boolean has(String id) {
    return stats.containsKey(id);
  }

  /** The ids. */
  public Set<String> keys() {
    return stats.keySet();
  }

  /** The entries by id. */
  public Map<String, RTCStats> asMap() {
    return stats;
  }

  /** The number of entries. */
  public int size() {
    return stats.size();
  }
}
