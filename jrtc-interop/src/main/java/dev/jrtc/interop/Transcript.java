package dev.jrtc.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the two sides of an interop test said, in order, printed only when the test fails: the
 * SDPs each side produced, the states each side reported, and the like. {@link ChromiumExtension}
 * injects one per test and appends it (plus the browser's last console lines and log tail) to the
 * failure message.
 *
 * <p>{@link #live} entries are read only when the report is made (e.g. the browser's current
 * signaling state), so they show the state at the moment of the failure.
 */
final class Transcript {

  private final List<Entry> entries = new ArrayList<>();

  private record Entry(String label, Supplier<?> value) {}

  /** Records a value now (SDP text, a JSON value from the browser, a state). */
  synchronized Transcript record(String label, Object value) {
    Object copy = value;
    entries.add(new Entry(label, () -> copy));
    return this;
  }

  /** Records a value to be read when the report is made; a failure to read it is reported. */
  synchronized Transcript live(String label, Supplier<?> value) {
    entries.add(new Entry(label, value));
    return this;
  }

  synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Every entry as text under its label. */
  synchronized String render() {
    StringBuilder sb = new StringBuilder();
    for (Entry entry : entries) {
      String text;
      try {
        text = format(entry.value().get());
      } catch (RuntimeException e) {
        text = "(could not read: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")";
      }
      sb.append("--- ").append(entry.label()).append(" ---\n").append(text);
      if (!text.endsWith("\n")) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String format(Object value) {
    if (value instanceof Map || value instanceof List) {
      return Json.write(value);
    }
    return String.valueOf(value);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
