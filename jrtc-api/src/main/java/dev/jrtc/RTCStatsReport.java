package dev.jrtc;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The W3C {@code RTCStatsReport}: a read-only map from stats id to {@link RTCStats}. */
public final class RTCStatsReport {

  private final Map<String, RTCStats> stats;

  RTCStatsReport(Map<String, RTCStats> stats) {
    // insertion order kept: the JavaScript maplike iterates in it
    this.stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
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

  /**
   * webrtc-pc §8.5 "stats selection algorithm": the entries {@code roots} accepts and every entry
   * they reference, directly or indirectly, through a member whose name ends in {@code Id}
   * (transportId, codecId, localCandidateId, ...).
   */
  RTCStatsReport select(Predicate<RTCStats> roots) {
    Map<String, RTCStats> out = new LinkedHashMap<>();
    Deque<RTCStats> todo = new ArrayDeque<>();
    stats.values().stream().filter(roots).forEach(todo::add);
    while (!todo.isEmpty()) {
      RTCStats s = todo.poll();
      if (out.putIfAbsent(s.id(), s) != null) {
        continue;
      }
      for (Map.Entry<String, Object> m : s.members().entrySet()) {
        if (m.getKey().endsWith("Id") && m.getValue() instanceof String ref && stats.containsKey(ref)) {
          todo.add(stats.get(ref));
        }
      }
    }
    return new RTCStatsReport(out);
  }

  /** The number of entries. */
  public int size() {
    return stats.size();
  }
}
